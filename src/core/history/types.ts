// The contract between the history engine (src/core/history) and its users
// (metrics, CLI, extension). Spec: docs/spec/metrics.md section 1.
// Keep these names stable: the metrics code is written against them.
//
// Reading rules where the spec is silent:
// - An item is identified by its `id` (as text: `id: 12` is "12"); the first
//   entry in rank order wins (main file, then archive files by path). `id` is
//   never a field of its own. Entries without a usable id are ignored.
// - A commit introduces a value where it differs from what the events of its
//   ancestors give (the last one in commit order): for one parent, the parent's
//   value; for a merge whose parents disagree, the side holding the later event,
//   so a merge that kept the older side introduces it (see ancestry.ts).
// - An item absent from every backlog file has EXISTS=false and no fields. So
//   a removal introduces EXISTS=false plus `undefined` for each field it had,
//   and adding it back introduces EXISTS=true plus all its fields again.
//   Moving an item between files (main ↔ archive) changes nothing.
// - Archive files are the `*.yaml`/`*.yml` files of the `archive` folder next to
//   the main file as it was named in that commit (renames are followed).
// - A committed version that does not parse stands for the previous version
//   of that file (with a warning): its changes are dated at the next version that parses.
// - status 'none' (no git, not a repository, no commits, backlog never
//   committed): no commits and no events, even if the working tree has files;
//   working-tree changes are not history. 'shallow': events of the commits
//   present only; the oldest of them introduces everything it holds.
// - `order` is a topological order that is chronological where the graph
//   allows (earliest author time first); adding commits never reorders older ones.

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
  /** Author time (ms) of `head`, whether or not it touches a backlog file (so a caller can tell an as-of before it without asking git). */
  headTime?: number;
  /**
   * Latest author time (ms) of the ref's commits that touch a backlog file, those after as-of included:
   * at any as-of from max(headTime, lastTime) on, the committed part of the history is the same (a result cache relies on it).
   */
  lastTime?: number;
  /** Commits that touch a backlog file, oldest first (topological). */
  commits: CommitInfo[];
  /** Sorted by time, ties by order. The value at T is the last event in commit order (highest `order`) with time ≤ T. */
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

/** What one HistoryEngine.read call cost: where the analysed commits came from and what it had to read and parse. */
export interface HistoryStats {
  /** Nothing cached, this engine's memory, or the disk cache. */
  source: 'cold' | 'memory' | 'disk';
  /** Commits newly listed from git in this call. */
  commitsListed: number;
  /** Commits whose events were computed in this call. */
  commitsAnalysed: number;
  blobsRead: number;
  bytesRead: number;
  chunksParsed: number;
  fullParses: number;
  ms: number;
}

/** The answer of HistoryEngine.read: the history and what reading it cost. */
export interface HistoryRead {
  history: History;
  stats: HistoryStats;
}
