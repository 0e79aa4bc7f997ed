// What the history service knows about one folder, in the shape the hover,
// CodeLens, status bar and views read (no vscode import: pure data).

import type { History, HistoryStatus } from '../../core/history/types';
import type { HealthWarning } from '../../core/metrics/types';
import type { Workspace } from '../../core/model';

/** Per item figures of metrics.md §2 that come from history; absent = unknown, never invented. */
export interface ItemTimeline {
  id: string;
  /** ISO 8601 with offset. */
  startedAt?: string;
  doneAt?: string;
  cycleTimeDays?: number;
  cycleTimeHours?: number;
  leadTimeDays?: number;
  ageDays?: number;
  reopened?: number;
}

/** Per sprint figures of metrics.md §3. */
export interface SprintFigures {
  id: string;
  status?: string;
  committed?: number;
  committedItems?: number;
  completed?: number;
  scopeAdded?: number;
  scopeRemoved?: number;
  satisfaction?: number;
}

export interface HistorySnapshot {
  /** Absolute folder root, as in FolderBacklog.root. */
  root: string;
  /** The HEAD commit the figures were computed at (the cache key); absent without a repository. */
  head?: string;
  history: HistoryStatus;
  warnings: string[];
  /** ms since epoch: the as-of instant of the computation. */
  asOf: number;
  items: ReadonlyMap<string, ItemTimeline>;
  sprints: ReadonlyMap<string, SprintFigures>;
  /** Every item id of the committed history (deleted ones too): the next free id skips them. */
  usedIds?: ReadonlySet<string>;
  /** The health warnings of metrics.md §5 at the folder's settings (tree badges read them). */
  health: readonly HealthWarning[];
  /** What the figures were computed from, so other settings (thresholds, windows) recompute them without reading git again. */
  source?: { workspace: Workspace; history: History };
}
