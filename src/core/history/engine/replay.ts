// Computing the events of commits in topological order. Each commit's snapshot
// is built from its files, each new blob read once (prefetched ahead through the
// cat-file pipe) and chunked against the parent's version of the same file; a
// snapshot stays in memory only until its last child has been processed.

import { ancestorValues } from './ancestry';
import { throwIfAborted } from '../git/stream';
import { adoptIndex, type FileVersion } from '../scan/items';
import { counterpart, introduced, sameFiles, type FileRef, type SnapFile, type Snapshot } from '../scan/snapshot';
import type { RunCtx } from './run-ctx';
import type { CommitRec } from './state';

const PREFETCH_COMMITS = 64;
const PREFETCH_BYTES = 64 * 1024 * 1024;

const EMPTY: FileVersion = { oid: '', kind: 'parsed', entries: [] };

function brokenWarning(rec: CommitRec | undefined, f: FileRef, v: FileVersion): string {
  const where = rec ? `commit ${rec.hash.slice(0, 10)}` : 'the working tree';
  return `${f.path} in ${where} does not parse (${v.problem ?? 'error'}): its changes are dated at the next version that parses.`;
}

/**
 * Snapshot of files `files` given the first parent's snapshot (bases for
 * chunking, and stand-ins for versions that do not parse). A version that does
 * not parse is reported on `rec` (undefined: the working tree; 'quiet': already reported).
 */
export async function snapshotOf(ctx: RunCtx, rec: CommitRec | undefined | 'quiet', files: FileRef[], parent: Snapshot | undefined, data?: Map<string, Promise<Buffer>>): Promise<Snapshot> {
  const out: SnapFile[] = [];
  for (const f of files) {
    const base = parent ? counterpart(parent.files, f) : undefined;
    if (base?.oid === f.oid) {
      out.push({ ...f, version: base.version });
      continue;
    }
    let version = await ctx.version(f.oid, f.path, base?.version, data?.get(f.oid));
    data?.delete(f.oid);
    if (version.kind === 'broken') {
      if (rec !== 'quiet') {
        const warning = brokenWarning(rec, f, version);
        if (rec) (rec.warnings ??= []).push(warning);
        else ctx.warnings.push(warning);
      }
      version = base?.version ?? EMPTY;
    }
    out.push({ ...f, version });
  }
  return { files: out };
}

/** The snapshot of an already analysed commit (the last head's is kept; others are rebuilt from their files). */
export async function loadSnapshot(ctx: RunCtx, hash: string): Promise<Snapshot> {
  const { state } = ctx;
  if (state.tip?.hash === hash) return state.tip.snapshot;
  // Walk back the first-parent chain only as far as needed to stand in for versions that do not parse.
  const chain: CommitRec[] = [];
  for (let h: string | undefined = hash; h;) {
    const rec = state.commits.get(h);
    if (!rec?.files) break;
    chain.push(rec);
    if (!rec.warnings?.length || chain.length > 1000) break;
    h = rec.parents[0];
  }
  let snap: Snapshot | undefined;
  for (const rec of chain.reverse()) snap = await snapshotOf(ctx, 'quiet', rec.files!, snap);
  return snap ?? { files: [] };
}

/**
 * Compute events of `todo` (in topological order, a part of `ordered`: every
 * commit reachable from `head` in commit order). `head`'s snapshot is kept as the state's tip.
 */
export async function replay(ctx: RunCtx, todo: CommitRec[], ordered: readonly CommitRec[], head: string, onProgress?: (done: number, total: number) => void): Promise<void> {
  const { state } = ctx;
  let position: Map<string, number> | undefined;
  const indexOf = (h: string): number => (position ??= new Map(ordered.map((r, i) => [r.hash, i]))).get(h) ?? -1;
  const pendingChildren = new Map<string, number>();
  for (const rec of todo) for (const p of new Set(rec.parents)) if (state.commits.has(p)) pendingChildren.set(p, (pendingChildren.get(p) ?? 0) + 1);
  const live = new Map<string, Snapshot>();
  const inflight = new Map<string, Promise<Buffer>>();
  const sizes = new Map<string, number>();
  let inflightBytes = 0;
  let cursor = 0;
  const prefetch = (upto: number): void => {
    for (; cursor < todo.length && cursor < upto && inflightBytes < PREFETCH_BYTES; cursor++) {
      for (const f of todo[cursor].files ?? []) {
        if (inflight.has(f.oid) || ctx.versions.has(f.oid) || ctx.kept.has(f.oid)) continue;
        inflight.set(f.oid, ctx.read(f.oid));
        sizes.set(f.oid, f.size);
        inflightBytes += f.size;
      }
    }
  };
  let lastReport = 0;
  onProgress?.(0, todo.length);
  try {
    for (let i = 0; i < todo.length; i++) {
      throwIfAborted(ctx.signal);
      const rec = todo[i];
      prefetch(i + PREFETCH_COMMITS);
      const parents: Snapshot[] = [];
      for (const p of rec.parents) {
        if (!state.commits.has(p)) continue; // beyond a shallow boundary
        let s = live.get(p);
        if (!s) {
          s = await loadSnapshot(ctx, p);
          live.set(p, s);
        }
        parents.push(s);
      }
      const files = rec.files ?? [];
      let snap: Snapshot;
      const p0 = rec.parents.length > 0 ? state.commits.get(rec.parents[0]) : undefined;
      if (p0?.files && parents.length === 1 && sameFiles(files, p0.files)) {
        // Same files as the only parent: every value equals that parent's, nothing is introduced.
        // (Not so for a merge: keeping one side's files can replace the other side's later events.)
        snap = parents[0];
        rec.events = [];
      } else {
        const data = new Map<string, Promise<Buffer>>();
        for (const f of files) {
          const pending = inflight.get(f.oid);
          if (pending) {
            data.set(f.oid, pending);
            inflight.delete(f.oid);
            inflightBytes -= sizes.get(f.oid) ?? 0;
          }
        }
        snap = await snapshotOf(ctx, rec, files, parents[0], data);
        for (const unused of data.values()) unused.catch(() => undefined);
        rec.events = introduced(snap, parents, parents.length > 1 ? ancestorValues(state, ordered, indexOf(rec.hash), rec) : undefined);
        // A merge equal to one parent still counts when it introduces something (it kept the older side).
        if (rec.events.length > 0) rec.touches = true;
        for (const f of snap.files) adoptIndex(f.version);
      }
      state.changes++;
      ctx.stats.commitsAnalysed++;
      for (const p of new Set(rec.parents)) {
        const left = (pendingChildren.get(p) ?? 0) - 1;
        pendingChildren.set(p, left);
        if (left <= 0) live.delete(p);
      }
      if ((pendingChildren.get(rec.hash) ?? 0) > 0) live.set(rec.hash, snap);
      if (rec.hash === head) state.tip = { hash: head, snapshot: snap };
      if ((i & 31) === 31) ctx.prune([...live.values(), snap]);
      const now = Date.now();
      if (onProgress && now - lastReport > 50) {
        lastReport = now;
        onProgress(i + 1, todo.length);
      }
    }
  } finally {
    for (const p of inflight.values()) p.catch(() => undefined);
  }
  onProgress?.(todo.length, todo.length);
}
