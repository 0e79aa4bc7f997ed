// What the engine remembers about one repository (per git dir, root prefix and
// backlog path): every analysed commit with its backlog files and introduced
// events, the last analysed head's snapshot, parsed chunks. Kept in memory per
// process and mirrored to disk (cache.ts), so a new commit costs only itself.

import type { RawCommit } from '../git/probe';
import { CatFile, type CatObject } from '../git/stream';
import { buildVersion, ChunkCache, type FileVersion, type ParseCounters } from '../scan/items';
import type { EventList, FileRef, Snapshot } from '../scan/snapshot';
import { layoutFits } from '../scan/chunks';
import type { CommitInfo, HistoryEvent } from '../types';
import type { DiskMark } from '../cache/disk';
import { StoredVersions } from '../cache/tip';

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

export interface HistoryStats {
  /** Where the analysed commits came from: nothing cached, this process's memory, or the disk cache. */
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
  key: string;
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
  /** Versions read from the disk cache, decoded on first use (with their bytes when the cache kept them, else fetched when needed as a base). */
  stored: StoredVersions;
  trees: Map<string, TreeEntry[]>;
  chunks: ChunkCache;
  counters: ParseCounters;
  /** Something changed since the last save. */
  dirty: boolean;
  /** The last head's reachable commits in topological order; `epoch` stays while the list is only extended (new commits on top). */
  order?: { head: string; list: CommitRec[]; set: Set<string>; epoch: object };
  /** The rows file as this process last wrote or read it (see cache.ts). */
  disk?: DiskMark;
  /** Bumped when every per-commit result is dropped (invalidates `assembled`). */
  resets: number;
  /** The committed part of the last history that kept every commit (asOf after all of them), extended for new commits on top. */
  assembled?: Assembled;
  /** Serialises calls on one state. */
  lock: Promise<unknown>;
}

export function newState(key: string, gitDir: string, prefix: string, backlogPath: string): EngineState {
  const counters: ParseCounters = { chunksParsed: 0, fullParses: 0 };
  return {
    key, gitDir, prefix, backlogPath, names: [backlogPath], commits: new Map(), tips: [], stored: new StoredVersions(), trees: new Map(),
    chunks: new ChunkCache(counters), counters, dirty: false, resets: 0, lock: Promise.resolve(),
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
  state.stored.clear();
  state.dirty = true;
  state.resets++;
  state.disk = undefined; // the rows on disk are stale: rewrite them
}

/** One call's resources: lazily started cat-file processes, versions read so far. */
export class RunCtx {
  private contents?: CatFile;
  private info?: CatFile;
  /** Versions by blob id, kept while useful (see prune). */
  readonly versions = new Map<string, FileVersion>();
  readonly warnings: string[] = [];

  constructor(readonly root: string, readonly state: EngineState, readonly stats: HistoryStats, readonly signal?: AbortSignal) {}

  blobs(): CatFile {
    return (this.contents ??= new CatFile(this.root, true, this.signal));
  }

  check(): CatFile {
    return (this.info ??= new CatFile(this.root, false, this.signal));
  }

  /** Objects already read with their contents (small lookups go through the contents process). */
  readonly stash = new Map<string, Buffer>();

  /** Objects asked for ahead of use, by cat-file spec (see prefetch). */
  private readonly early = new Map<string, Promise<CatObject | undefined>>();

  /**
   * Ask git now for an object that is likely needed soon (a new head's commit
   * object and files): git starts up and looks it up while this process does
   * other work (reading the disk cache).
   */
  prefetch(spec: string): void {
    if (this.early.has(spec)) return;
    const p = this.blobs().get(spec);
    p.catch(() => undefined); // maybe never used: a failure surfaces only if it is
    this.early.set(spec, p);
  }

  /** An object through the contents process (`spec` as cat-file takes it): prefetched, or asked for now. */
  object(spec: string): Promise<CatObject | undefined> {
    const early = this.early.get(spec);
    if (!early) return this.blobs().get(spec);
    this.early.delete(spec);
    return early;
  }

  /** Read one object's bytes. */
  async read(oid: string): Promise<Buffer> {
    const stashed = this.stash.get(oid);
    if (stashed) return stashed;
    const o = await this.object(oid);
    if (!o?.data) throw new Error(`git object ${oid} is missing from the repository.`);
    this.stats.blobsRead++;
    this.stats.bytesRead += o.data.length;
    return o.data;
  }

  /**
   * The version of blob `oid` (file `path`), built against `base` (an older
   * version of the same file) when given. `data` is the blob's bytes when the
   * caller already has them.
   */
  async version(oid: string, path: string, base: FileVersion | undefined, data?: Promise<Buffer>): Promise<FileVersion> {
    const known = this.versions.get(oid);
    if (known) return known;
    const stored = this.state.stored.get(oid);
    if (stored) {
      this.versions.set(oid, stored);
      return stored;
    }
    if (base) await this.withBytes(base);
    const buf = await (data ?? this.read(oid));
    const v = buildVersion(oid, buf, path, base, this.state.chunks, this.state.counters);
    if (v.kind !== 'chunks') v.buf = undefined;
    this.versions.set(oid, v);
    return v;
  }

  /**
   * Make sure a version that may serve as a base has its bytes. A version from
   * the disk cache gets them here. Its stored layout comes with the cache's
   * checksum (cache-tip.ts), which vouches that it is the layout computed from
   * this blob; rescanning the whole blob to compare (several ms for a 2,000-item
   * file in a fresh process) is replaced by a check that every chunk starts an
   * item line of these bytes. A misfit demotes it: it is then no base.
   */
  async withBytes(v: FileVersion): Promise<void> {
    if (v.buf || v.kind !== 'chunks' || !v.layout) return;
    const buf = await this.read(v.oid);
    if (layoutFits(buf, v.layout)) v.buf = buf;
    else v.layout = undefined;
  }

  /** Keep only the versions of the given snapshots (bytes of dropped versions can be freed). */
  prune(keep: Iterable<Snapshot>): void {
    const live = new Set<string>();
    for (const s of keep) for (const f of s.files) live.add(f.version.oid);
    for (const oid of this.versions.keys()) if (!live.has(oid)) this.versions.delete(oid);
  }

  close(): void {
    this.contents?.close();
    this.info?.close();
  }
}
