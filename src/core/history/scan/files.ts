// Which backlog files each commit has: the main file (under the first of its
// known names that exists in the commit) and the `*.yaml`/`*.yml` blobs of the
// archive folder next to it. Looked up for many commits at once through one
// `git cat-file --batch-check` (`<commit>:<path>` → blob id), archive folders
// read as tree objects. Renames of the main file are found where a commit has
// it and a parent has none: git's rename detection between the two names the
// old path, which joins the list of names and everything is looked up again.

import * as path from 'node:path';
import { archiveDir, archiveEntryCounts, isArchiveName, treeEntryKind } from '../../parse/backlog-files';
import { renameSource } from '../git/log';
import type { FileRef } from './snapshot';
import type { RunCtx } from '../engine/run-ctx';
import type { CommitRec, TreeEntry } from '../engine/state';
import { throwIfAborted } from '../git/stream';

/** Entries of a binary tree object that can be archive files (backlog-files.ts has the rule). */
export function parseTree(data: Buffer, hashBytes: number): TreeEntry[] {
  const out: TreeEntry[] = [];
  for (let pos = 0; pos < data.length;) {
    const sp = data.indexOf(32, pos);
    const nul = data.indexOf(0, sp + 1);
    if (sp < 0 || nul < 0 || nul + 1 + hashBytes > data.length) break;
    const mode = data.toString('latin1', pos, sp);
    const name = data.toString('utf8', sp + 1, nul);
    const oid = data.toString('hex', nul + 1, nul + 1 + hashBytes);
    pos = nul + 1 + hashBytes;
    if (archiveEntryCounts(treeEntryKind(mode)) && isArchiveName(name)) out.push({ name, oid });
  }
  return out;
}

async function treeEntries(ctx: RunCtx, oid: string): Promise<TreeEntry[]> {
  const known = ctx.state.trees.get(oid);
  if (known) return known;
  const data = await ctx.read(oid);
  const entries = parseTree(data, oid.length / 2);
  ctx.state.trees.set(oid, entries);
  return entries;
}

/** Lookups for a few commits go through the contents process (one git process less; the bytes are needed anyway). */
const SMALL_BATCH = 8;

/** The cat-file specs computeFiles looks up for one commit: the main file under each of its names, each archive folder. */
export function fileSpecs(prefix: string, names: string[], hash: string): { names: string[]; dirs: string[] } {
  const dirs = [...new Set(names.map(archiveDir))];
  return { names: names.map((n) => `${hash}:${prefix}${n}`), dirs: dirs.map((d) => `${hash}:${prefix}${d}`) };
}

/** Compute `files` of the given commits (all at once, pipelined). */
export async function computeFiles(ctx: RunCtx, recs: CommitRec[]): Promise<void> {
  const { state } = ctx;
  const dirs = [...new Set(state.names.map(archiveDir))];
  const small = recs.length <= SMALL_BATCH;
  const get = small ? (spec: string) => ctx.object(spec) : (spec: string) => ctx.check().get(spec);
  const lookups = recs.map((rec) => {
    const specs = fileSpecs(state.prefix, state.names, rec.hash);
    return { rec, names: specs.names.map(get), dirs: specs.dirs.map(get) };
  });
  let i = 0;
  for (const l of lookups) {
    if ((i++ & 255) === 0) throwIfAborted(ctx.signal);
    const names = await Promise.all(l.names);
    const dirObjs = await Promise.all(l.dirs);
    for (const o of [...names, ...dirObjs]) {
      if (!o?.data || ctx.stash.has(o.oid)) continue;
      ctx.stash.set(o.oid, o.data);
      ctx.stats.blobsRead++;
      ctx.stats.bytesRead += o.data.length;
    }
    const files: FileRef[] = [];
    const at = names.findIndex((o) => o?.type === 'blob');
    const mainPath = at >= 0 ? state.names[at] : state.backlogPath;
    if (at >= 0) files.push({ role: 'main', path: mainPath, oid: names[at]!.oid, size: names[at]!.size });
    const dir = archiveDir(mainPath);
    const tree = dirObjs[dirs.indexOf(dir)];
    if (tree?.type === 'tree') {
      const archives = (await treeEntries(ctx, tree.oid)).map((e): FileRef => ({ role: 'archive', path: path.posix.join(dir, e.name), oid: e.oid, size: 0 }));
      archives.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      files.push(...archives.filter((a) => a.path !== mainPath));
    }
    l.rec.files = files;
  }
}

/**
 * Look for renames of the main file into the given commits. Returns the new
 * names found (already added to state.names, right after the name they were renamed to).
 */
export async function discoverRenames(ctx: RunCtx, recs: CommitRec[]): Promise<string[]> {
  const { state } = ctx;
  const found: string[] = [];
  for (const rec of recs) {
    const main = rec.files?.find((f) => f.role === 'main');
    if (!main) continue;
    for (const p of rec.parents) {
      const parent = state.commits.get(p);
      if (!parent?.files || parent.files.some((f) => f.role === 'main')) continue;
      throwIfAborted(ctx.signal);
      const src = await renameSource(ctx.root, p, rec.hash, state.prefix + main.path, ctx.signal);
      if (!src || !src.startsWith(state.prefix)) continue;
      const name = src.slice(state.prefix.length);
      if (state.names.includes(name)) continue;
      state.names.splice(state.names.indexOf(main.path) + 1, 0, name);
      found.push(name);
    }
  }
  return found;
}
