// What the engine remembers about one repository (per git dir, root prefix and
// backlog path): every analysed commit with its backlog files and introduced
// events, the last analysed head's snapshot, parsed chunks. Held by a
// HistoryEngine (index.ts) and mirrored to disk by cache/disk.ts, which reads
// this state and is never read by it. Every invalidation token is here (see
// README.md): `resets`, `changes` and `order.epoch`.

import type { RawCommit } from '../git/log';
import { ChunkCache, type ParseCounters } from '../scan/items';
import type { EventList, FileRef, Snapshot } from '../scan/snapshot';
import type { CommitInfo, HistoryEvent } from '../types';

export interface CommitRec extends RawCommit {
  /** Backlog files of the commit (undefined until computed). */
  files?: FileRef[];
  /** The files differ from every parent's (root: it has backlog files). */
  touches?: boolean;
  /** Events introduced by the commit (undefined until computed). */
  events?: EventList;
  /** Problems met while reading this commit's files (a version that does not parse). */
  warnings?: string[];
}

export interface TreeEntry {
  name: string;
  oid: string;
}

export interface Assembled {
  epoch: object;
  /** How many commits of the ordered list it covers. */
  count: number;
  resets: number;
  maxTime: number;
  commits: CommitInfo[];
  events: HistoryEvent[];
  warnings: string[];
}

export interface EngineState {
  gitDir: string;
  /** The analysed root relative to the repository top (`git rev-parse --show-prefix`), '' or ending in '/'. */
  prefix: string;
  backlogPath: string;
  /** Names the main file had, most recent first (the configured path first); grown by rename detection. */
  names: string[];
  commits: Map<string, CommitRec>;
  /** Heads analysed before, newest first: everything reachable from them is in `commits`. */
  tips: string[];
  tip?: { hash: string; snapshot: Snapshot };
  trees: Map<string, TreeEntry[]>;
  chunks: ChunkCache;
  counters: ParseCounters;
  /** Bumped on every change the disk cache has to write (new results, new tips, a reset): it saves when this moved since its last save. */
  changes: number;
  /** The last head's reachable commits in topological order; `epoch` stays while the list is only extended (new commits on top). */
  order?: { head: string; list: CommitRec[]; set: Set<string>; epoch: object };
  /** Bumped when every per-commit result is dropped (invalidates `assembled`, the rows on disk and the versions read from them). */
  resets: number;
  /** The committed part of the last history that kept every commit (asOf after all of them), extended for new commits on top. */
  assembled?: Assembled;
}

export function newState(gitDir: string, prefix: string, backlogPath: string): EngineState {
  const counters: ParseCounters = { chunksParsed: 0, fullParses: 0 };
  return {
    gitDir, prefix, backlogPath, names: [backlogPath], commits: new Map(), tips: [], trees: new Map(),
    chunks: new ChunkCache(counters), counters, changes: 0, resets: 0,
  };
}

/** Forget every per-commit result (the set of main-file names changed): listings are kept. */
export function resetAnalysis(state: EngineState): void {
  for (const rec of state.commits.values()) {
    rec.files = undefined;
    rec.touches = undefined;
    rec.events = undefined;
    rec.warnings = undefined;
  }
  state.tip = undefined;
  state.changes++;
  state.resets++; // the rows on disk and the versions read from them are stale (cache/disk.ts)
}
