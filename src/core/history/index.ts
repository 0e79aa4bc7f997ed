// Public entry of the history engine (spec metrics.md §1): readHistory turns
// the git history of the backlog files into field events; readFilesAt reads the
// files as they were at a commit. Results are cached per commit in memory and
// on disk (<git-dir>/sprintlog-cache), so only new commits are analysed.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { archiveDir, backlogFileRole, DEFAULT_BACKLOG_PATH, DEFAULT_SPRINTS_PATH } from '../parse/backlog-files';
import type { SourceFile } from '../parse/workspace';
import { cacheFiles, loadCache, readCacheFiles, saveCache, type CacheTexts } from './cache';
import { update } from './engine';
import { fileSpecs, parseTree } from './files';
import { probeRepo, quickProbe } from './git';
import { CatFile, throwIfAborted } from './git-stream';
import { loadSnapshot } from './replay';
import { newState, RunCtx, type CommitRec, type EngineState, type HistoryStats } from './state';
import { WORKTREE, type History, type HistoryEvent, type HistoryOptions } from './types';
import { readDiskFiles, worktreeChange } from './worktree';
import { committed, deepFreeze } from './assemble';

export * from './types';
export type { HistoryStats } from './state';

const MAX_STATES = 4;
const states = new Map<string, EngineState>();
let lastStats: HistoryStats | undefined;

/** Counters of the last readHistory call in this process (which commits were analysed, blobs read, ...). */
export function lastHistoryStats(): HistoryStats | undefined {
  return lastStats;
}

/** Drop this process's in-memory results (tests; a later call falls back to the disk cache). */
export function clearHistoryMemory(): void {
  states.clear();
}

function normalise(p: string): string {
  return path.posix.normalize(p.replace(/\\/g, '/')).replace(/^\.\//, '');
}

function none(ref: string, warning: string, uncommitted: boolean, head?: string): History {
  return { status: 'none', warnings: [warning], ref, head, commits: [], events: [], uncommitted };
}

function stateFor(key: string, make: () => EngineState): { state: EngineState; fresh: boolean } {
  let state = states.get(key);
  const fresh = !state;
  if (state) states.delete(key);
  else state = make();
  states.set(key, state); // most recent last
  while (states.size > MAX_STATES) states.delete(states.keys().next().value!);
  return { state, fresh };
}


/**
 * The disk cache, read while git answers the probe (idle time otherwise) from
 * where it most likely is: the root is the repository's top, with a `.git`
 * folder, and this process holds no state for it yet. loadCache uses the texts
 * only when the probe confirms the guess.
 */
function earlyCache(root: string, cacheDir: string | false | undefined, backlogPath: string): CacheTexts | undefined {
  if (cacheDir === false) return undefined;
  let gitDir: string;
  try {
    gitDir = fs.realpathSync.native(path.resolve(root, '.git'));
    if (!fs.statSync(gitDir).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  for (const s of states.values()) if (s.gitDir === gitDir) return undefined;
  return readCacheFiles(cacheFiles(cacheDir ?? path.join(gitDir, 'sprintlog-cache'), '', backlogPath));
}

/** Events of the backlog files' git history. Never throws for a missing git, a folder outside a repository or a shallow clone; throws for a ref that does not exist. */
export async function readHistory(root: string, opts: HistoryOptions = {}): Promise<History> {
  const started = Date.now();
  const ref = opts.ref ?? 'HEAD';
  const asOf = opts.asOf ?? Date.now();
  const backlogPath = normalise(opts.backlogPath ?? DEFAULT_BACKLOG_PATH);
  const includeWorkingTree = opts.includeWorkingTree ?? ref === 'HEAD';
  const { signal } = opts;
  throwIfAborted(signal);
  const onDisk = (): boolean => includeWorkingTree && readDiskFiles(root, backlogPath).length > 0;
  // HEAD is read from the repository's files when it can be (no git process); otherwise git answers while the cache is read.
  const quick = ref === 'HEAD' ? quickProbe(root) : undefined;
  const probing = quick ? Promise.resolve(quick) : probeRepo(root, ref, signal);
  const early = quick ? undefined : earlyCache(root, opts.cacheDir, backlogPath);
  const probe = await probing;
  if (probe.kind === 'none') return none(ref, probe.warning, onDisk());
  if (!probe.head) return none(ref, 'The repository has no commits yet: history-based figures are unavailable until the backlog is committed.', onDisk());
  const head = probe.head;
  const key = [probe.gitDir, probe.prefix, backlogPath, probe.shallow].join('\0');
  const { state, fresh } = stateFor(key, () => newState(key, probe.gitDir, probe.prefix, backlogPath));
  const dir = probe.shallow || opts.cacheDir === false ? undefined : (opts.cacheDir ?? path.join(probe.gitDir, 'sprintlog-cache'));
  const run = async (): Promise<History> => {
    const stats: HistoryStats = { source: 'cold', commitsListed: 0, commitsAnalysed: 0, blobsRead: 0, bytesRead: 0, chunksParsed: 0, fullParses: 0, ms: 0 };
    const before = { ...state.counters };
    const ctx = new RunCtx(root, state, stats, signal);
    // A head the cache does not know needs git objects: asking for what it will ask first (its commit
    // object, its files) lets git start up and look them up while the rows are parsed.
    const startGit = (tips: string[], names: string[]): void => {
      if (tips.includes(head)) return;
      ctx.prefetch(head);
      const specs = fileSpecs(probe.prefix, names, head);
      for (const spec of [...specs.names, ...specs.dirs]) ctx.prefetch(spec);
    };
    try {
      if (!fresh && state.commits.size > 0) stats.source = 'memory';
      else if (dir && state.commits.size === 0 && loadCache(cacheFiles(dir, probe.prefix, backlogPath), state, startGit, early)) stats.source = 'disk';
      const ordered = await update(ctx, head, probe.shallow, opts.onProgress);
      if (dir && state.dirty) saveCache(cacheFiles(dir, probe.prefix, backlogPath), state);
      const history = await assemble(ctx, ordered, { ref, head, asOf, includeWorkingTree, shallow: probe.shallow });
      stats.chunksParsed = state.counters.chunksParsed - before.chunksParsed;
      stats.fullParses = state.counters.fullParses - before.fullParses;
      stats.ms = Date.now() - started;
      lastStats = stats;
      return history;
    } finally {
      ctx.close();
    }
  };
  const result = state.lock.then(run, run);
  state.lock = result.catch(() => undefined);
  return result;
}

interface AssembleOpts {
  ref: string;
  head: string;
  asOf: number;
  includeWorkingTree: boolean;
  shallow: boolean;
}

async function assemble(ctx: RunCtx, ordered: CommitRec[], o: AssembleOpts): Promise<History> {
  const { state } = ctx;
  if (!ordered.some((r) => (r.files?.length ?? 0) > 0)) {
    const onDisk = o.includeWorkingTree && readDiskFiles(ctx.root, state.backlogPath).length > 0;
    return { ...none(o.ref, `${state.backlogPath} has never been committed: history-based figures are unavailable until it is.`, onDisk, o.head), headTime: state.commits.get(o.head)?.authorTime };
  }
  const base = committed(state, ordered, o.asOf, o.shallow);
  // New arrays of frozen, shared objects: callers may sort or filter, never change the engine's values.
  const commits = base.commits.slice();
  const events = base.events.slice();
  const warnings = [...base.warnings];
  let uncommitted = false;
  if (o.includeWorkingTree) {
    const headFiles = state.commits.get(o.head)?.files ?? [];
    const wt = await worktreeChange(ctx, headFiles, () => loadSnapshot(ctx, o.head), o.head.length);
    uncommitted = wt.uncommitted;
    // Every kept commit is authored at or before asOf: the pending change (at asOf, last in order) sorts last.
    const ev = wt.events;
    for (let j = 0; j < ev.length; j += 3) {
      events.push(deepFreeze<HistoryEvent>({ id: ev[j] as string, field: ev[j + 1] as string, value: ev[j + 2], commit: WORKTREE, time: o.asOf, order: commits.length }));
    }
    for (const w of ctx.warnings) if (!warnings.includes(w)) warnings.push(w);
  }
  return { status: o.shallow ? 'shallow' : 'full', warnings, ref: o.ref, head: o.head, headTime: state.commits.get(o.head)?.authorTime, commits, events, uncommitted };
}

/**
 * The backlog files (main file, following its known renames, and archive files)
 * and the sprint log as they were at `commit`, for an analysis as of a past
 * instant. The main file is returned under `backlogPath` whatever it was called
 * then. Throws when the commit does not exist or there is no repository.
 */
export async function readFilesAt(root: string, commit: string, backlogPath = DEFAULT_BACKLOG_PATH, sprintsPath = DEFAULT_SPRINTS_PATH): Promise<{ backlogs: SourceFile[]; sprints?: SourceFile }> {
  backlogPath = normalise(backlogPath);
  const probe = await probeRepo(root, commit);
  if (probe.kind === 'none') throw new Error(probe.warning);
  if (!probe.head) throw new Error(`Unknown ref "${commit}": the repository has no commits.`);
  const known = [...states.values()].find((s) => s.gitDir === probe.gitDir && s.prefix === probe.prefix && s.backlogPath === backlogPath);
  const names = known?.names ?? [backlogPath];
  const cat = new CatFile(root, true);
  try {
    const at = (p: string): Promise<{ type: string; oid: string; data?: Buffer } | undefined> => cat.get(`${probe.head}:${probe.prefix}${p}`);
    const text = (d: Buffer | undefined): string => (d ?? Buffer.alloc(0)).toString('utf8');
    const backlogs: SourceFile[] = [];
    let mainName = backlogPath;
    for (const name of names) {
      const o = await at(name);
      if (o?.type === 'blob') {
        mainName = name;
        backlogs.push({ file: backlogPath, text: text(o.data) });
        break;
      }
    }
    const dir = archiveDir(mainName);
    const tree = await at(dir);
    if (tree?.type === 'tree' && tree.data) {
      const entries = parseTree(tree.data, tree.oid.length / 2).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) {
        const file = path.posix.join(archiveDir(backlogPath), e.name);
        if (backlogFileRole(file, { backlogPath, sprintsPath }) !== 'archive') continue;
        const o = await cat.get(e.oid);
        if (o?.type === 'blob') backlogs.push({ file, text: text(o.data) });
      }
    }
    const s = await at(sprintsPath);
    return { backlogs, sprints: s?.type === 'blob' ? { file: sprintsPath, text: text(s.data) } : undefined };
  } finally {
    cat.close();
  }
}

