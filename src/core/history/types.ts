// The contract between the history engine (src/core/history) and its users
// (metrics, CLI, extension). Spec: ../shared/spec/metrics.md section 1.
// Keep these names stable: the metrics code is written against them.

/** Pseudo-field: value `true` when the item appears in some backlog file, `false` when removed from all. */
export const EXISTS = '@exists';
/** Commit id of the uncommitted working-tree change (one pending change at the as-of instant). */
export const WORKTREE = 'WORKTREE';

export interface CommitInfo {
  hash: string;
  parents: string[];
  /** ms since epoch. */
  authorTime: number;
  committerTime: number;
  author: string;
  subject: string;
  /** Topological index among the analysed commits, oldest 0. */
  order: number;
}

export interface HistoryEvent {
  id: string;
  /** Item key as written in YAML (`state`, `points`, `sprint`, `depends_on`, ...) or EXISTS. */
  field: string;
  /** Parsed JS value; undefined = key removed. */
  value: unknown;
  /** Commit hash, or WORKTREE. */
  commit: string;
  /** Author time, ms since epoch (the as-of instant for WORKTREE). */
  time: number;
  order: number;
}

export type HistoryStatus = 'full' | 'shallow' | 'none';

/** The commit and event objects (and event values) are frozen: they are shared between results; the arrays are the caller's. */
export interface History {
  status: HistoryStatus;
  warnings: string[];
  /** The ref as asked for (default `HEAD`). */
  ref: string;
  /** Commit the ref resolved to; absent when there is no repository or commit. */
  head?: string;
  /** Commits that touch a backlog file, oldest first (topological). */
  commits: CommitInfo[];
  /** Sorted by time, ties by order. */
  events: HistoryEvent[];
  /** True when the working tree differs from HEAD and its change is included (commit WORKTREE). */
  uncommitted: boolean;
}

export interface HistoryOptions {
  /** Default `HEAD`. */
  ref?: string;
  /** ms since epoch; commits whose author time is after it are ignored. Default: now. */
  asOf?: number;
  /** Default: true when ref is HEAD. */
  includeWorkingTree?: boolean;
  /** Repo-relative main backlog file; default `backlog/backlog.yaml`. */
  backlogPath?: string;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Default `<git-dir>/sprintlog-cache`; false = no disk cache. */
  cacheDir?: string | false;
}
