// HistoryEngine.read + computeMetrics for one folder, reduced to what the editor shows
// (per-item timeline, per-sprint figures). No vscode import: unit-tested on real
// temporary git repositories.

import type { Workspace } from '../../core/model';
import { WORKTREE, type History, type HistoryEngine } from '../../core/history';
import { computeMetrics, type MetricsReport, type MetricsSettings } from '../../core/metrics';
import type { HistorySnapshot, ItemTimeline, SprintFigures } from './types';

export interface ComputeOptions {
  /** ms since epoch; default now. */
  asOf?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  settings?: MetricsSettings;
  /** Passed to HistoryEngine.read (false = no disk cache, for tests). */
  cacheDir?: string | false;
}

/** null (metrics' "absent") → undefined (our "unknown"). */
function opt<T>(v: T | null | undefined): T | undefined {
  return v === null ? undefined : v;
}

export function snapshotFromReport(root: string, report: MetricsReport, asOf: number, warnings: string[]): HistorySnapshot {
  const items = new Map<string, ItemTimeline>();
  for (const m of report.items) {
    items.set(m.id, {
      id: m.id,
      startedAt: opt(m.startedAt),
      doneAt: opt(m.doneAt),
      cycleTimeDays: opt(m.cycleTimeDays),
      cycleTimeHours: opt(m.cycleTimeHours),
      leadTimeDays: opt(m.leadTimeDays),
      ageDays: opt(m.ageDays),
      reopened: opt(m.reopened),
    });
  }
  const sprints = new Map<string, SprintFigures>();
  for (const s of report.sprints) {
    sprints.set(s.id, {
      id: s.id,
      status: opt(s.status),
      committed: opt(s.committed),
      committedItems: opt(s.committedItems),
      completed: opt(s.completed),
      scopeAdded: opt(s.scopeAdded),
      scopeRemoved: opt(s.scopeRemoved),
      satisfaction: opt(s.satisfaction),
    });
  }
  return { root, head: opt(report.head), history: report.history, warnings, asOf, items, sprints, health: report.warnings };
}

/** The metrics document of a folder (as `sprintlog metrics --json` computes it) and the history it came from. */
export async function computeReport(engine: HistoryEngine, root: string, workspace: Workspace, opts: ComputeOptions = {}): Promise<{ report: MetricsReport; history: History; asOf: number }> {
  const asOf = opts.asOf ?? Date.now();
  const { history } = await engine.read(root, {
    asOf,
    backlogPath: workspace.backlogPath,
    signal: opts.signal,
    onProgress: opts.onProgress,
    ...(opts.cacheDir !== undefined ? { cacheDir: opts.cacheDir } : {}),
  });
  opts.signal?.throwIfAborted();
  return { report: computeMetrics({ workspace, history, asOf, ref: history.ref, settings: opts.settings }), history, asOf };
}

/**
 * The history figures of a folder. `workspace` is the model to measure (the store's,
 * buffers included); the history is read from git at `root` (HEAD plus the working tree)
 * by `engine`, the caller's.
 */
export async function computeSnapshot(engine: HistoryEngine, root: string, workspace: Workspace, opts: ComputeOptions = {}): Promise<HistorySnapshot> {
  const { report, history, asOf } = await computeReport(engine, root, workspace, opts);
  const usedIds = new Set<string>();
  for (const e of history.events) if (e.commit !== WORKTREE) usedIds.add(e.id);
  return { ...snapshotFromReport(root, report, asOf, history.warnings), usedIds, source: { workspace, history } };
}

/**
 * The snapshot's figures for other settings (a threshold or window changed): the same
 * model, history and as-of instant, so only what the settings decide changes. Undefined
 * when the snapshot does not keep its source.
 */
export function recomputeSnapshot(old: HistorySnapshot, settings: MetricsSettings | undefined): HistorySnapshot | undefined {
  const src = old.source;
  if (!src) return undefined;
  const report = computeMetrics({ workspace: src.workspace, history: src.history, asOf: old.asOf, ref: src.history.ref, settings });
  return { ...snapshotFromReport(old.root, report, old.asOf, old.warnings), usedIds: old.usedIds, source: src };
}
