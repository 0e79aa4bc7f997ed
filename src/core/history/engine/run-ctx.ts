// One call's resources (the per-call context): the repository's state, the
// call's stats and cancellation, lazily started cat-file processes and the
// file versions read so far. Made by the engine for one call and closed after it.

import { CatFile, type CatObject } from '../git/stream';
import { buildVersion, type FileVersion } from '../scan/items';
import { layoutFits } from '../scan/chunks';
import type { Snapshot } from '../scan/snapshot';
import type { HistoryStats } from '../types';
import type { EngineState } from './state';

/** Versions kept from an earlier process (the disk cache's), by blob id; decoded on first use. */
export interface KeptVersions {
  has(oid: string): boolean;
  get(oid: string): FileVersion | undefined;
}

/** One call's resources: lazily started cat-file processes, versions read so far. */
export class RunCtx {
  private contents?: CatFile;
  private info?: CatFile;
  /** Versions by blob id, kept while useful (see prune). */
  readonly versions = new Map<string, FileVersion>();
  readonly warnings: string[] = [];

  constructor(
    readonly root: string,
    readonly state: EngineState,
    readonly stats: HistoryStats,
    /** Versions from the disk cache (with their bytes when the cache kept them, else fetched when needed as a base). */
    readonly kept: KeptVersions,
    readonly signal?: AbortSignal,
  ) {}

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
    const stored = this.kept.get(oid);
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
   * checksum (cache/tip.ts), which vouches that it is the layout computed from
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
