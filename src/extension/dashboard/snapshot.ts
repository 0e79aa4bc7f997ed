// What the dashboard shows for one folder and one choice of the controls, as a
// protocol body (no vscode import: unit-tested on real git repositories). The
// figures come from the same metricsDocument() as `sprintlog metrics` and
// `sprintlog report`; the editor's model (unsaved buffers) stands for the
// working tree when the choice is "now".

import { runGit } from '../../core/git-run';
import type { HistoryEngine } from '../../core/history';
import { chartFacts, pickSprint } from '../../core/charts';
import { metricsDocument, MetricsRequestError, resolveAsOf, type AsOfChoice } from '../../core/metrics-document';
import type { MetricsSettings, WarningThresholds } from '../../core/metrics';
import type { Workspace } from '../../core/model';
import type { DashboardBody, RefChoices, ViewChoice } from '../../shared/protocol';
import { pmoData } from './pmo';

export interface SnapshotInput {
  root: string;
  /** The store's model of the folder (editor buffers included). */
  workspace: Workspace;
  view: ViewChoice;
  /** The velocity window from the settings (the panel picks the cycle-time window). */
  velocityWindow?: number;
  /** Health-warning thresholds from the settings (the spec's defaults for the rest). */
  thresholds?: Partial<WarningThresholds>;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  now?: () => number;
  /** The window's history engine (what it analysed stays in memory for the next snapshot). */
  engine?: HistoryEngine;
}

/** Tags and branches, newest first (for the as-of picker); none without git. */
export async function listRefs(root: string, limit = 50): Promise<Pick<RefChoices, 'tags' | 'branches'>> {
  const tags: string[] = [];
  const branches: string[] = [];
  const args = ['for-each-ref', '--sort=-creatordate', '--format=%(refname)', 'refs/tags', 'refs/heads'];
  const r = await runGit(root, args, { maxBuffer: 16 * 1024 * 1024 }).catch(() => undefined);
  if (r?.code === 0) {
    for (const line of r.stdout.split('\n')) {
      if (line.startsWith('refs/tags/') && tags.length < limit) tags.push(line.slice('refs/tags/'.length));
      else if (line.startsWith('refs/heads/') && branches.length < limit) branches.push(line.slice('refs/heads/'.length));
    }
  }
  return { tags, branches };
}

/** The parse error that stops the dashboard (the first one of the first broken file), if any. */
export function blockingProblem(ws: Workspace): DashboardBody | undefined {
  const errors = ws.parseProblems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return undefined;
  const p = errors[0];
  return { kind: 'error', problem: { file: p.file, line: p.line, column: p.column, message: p.message, hint: p.hint }, more: errors.length - 1 };
}

async function asOfOf(root: string, view: ViewChoice): Promise<AsOfChoice> {
  const a = view.asOf;
  if (a.kind === 'now') return { ref: 'HEAD' };
  if (a.kind === 'date') return { ref: 'HEAD', asOfText: a.value };
  return resolveAsOf(root, a.value);
}

/** The snapshot body for `input.view`: charts, an empty state or an error state; never throws for the user's data. */
export async function computeBody(input: SnapshotInput): Promise<DashboardBody> {
  const problem = blockingProblem(input.workspace);
  if (problem && input.view.asOf.kind === 'now') return problem;
  // git lists the refs while the metrics are computed.
  const listing = listRefs(input.root);
  let at: AsOfChoice;
  try {
    at = await asOfOf(input.root, input.view);
  } catch (e) {
    return failed(e, await listing);
  }
  const settings: MetricsSettings = { cycleTimeWindowDays: input.view.windowDays, velocityWindow: input.velocityWindow, thresholds: input.thresholds };
  let doc;
  try {
    doc = await metricsDocument({
      ...at,
      root: input.root,
      command: 'dashboard',
      now: input.now ?? Date.now,
      err: () => undefined,
      workingTree: input.view.asOf.kind === 'now' ? input.workspace : undefined,
      settings,
      signal: input.signal,
      onProgress: input.onProgress,
      engine: input.engine,
    });
  } catch (e) {
    input.signal?.throwIfAborted();
    return failed(e, await listing);
  }
  const refs = await listing;
  const commits = [...doc.history.commits]
    .reverse()
    .slice(0, 100)
    .map((c) => ({ hash: c.hash, subject: c.subject, date: new Date(c.authorTime).toISOString().slice(0, 10) }));
  const allRefs: RefChoices = { ...refs, commits };
  if (doc.report.history === 'none') {
    return { kind: 'empty', reason: 'no-history', message: doc.history.warnings[0] ?? 'No git history of the backlog yet: commit backlog/backlog.yaml to see the charts.', refs: allRefs };
  }
  const sprint = pickSprint(doc.report, doc.report.sprints.some((s) => s.id === input.view.sprint) ? input.view.sprint : undefined);
  return { kind: 'charts', report: doc.report, facts: chartFacts(doc.workspace, doc.history), sprint: sprint?.id, refs: allRefs, pmo: pmoData(doc, input.thresholds) };
}

function failed(e: unknown, refs: Pick<RefChoices, 'tags' | 'branches'>): DashboardBody {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof MetricsRequestError) return { kind: 'empty', reason: 'no-history', message: message.replace(/^--as-of /, 'As of '), refs: { ...refs, commits: [] } };
  return { kind: 'failed', message };
}

/** `sprintlog report` flags for what the panel shows (the Markdown export). */
export function reportArgs(view: ViewChoice, sprint: string | undefined): string[] {
  const args: string[] = [];
  if (sprint) args.push('--sprint', sprint);
  if (view.asOf.kind !== 'now') args.push('--as-of', view.asOf.value);
  return args;
}
