// Public entry of the history engine (spec docs/spec/metrics.md §1; how it
// works: README.md next to this file). A HistoryEngine turns the git history of
// the backlog files into field events (read) and reads the files as they were
// at a commit (filesAt). Its caller owns it (the CLI one per run, the
// extension's history service one per window): an engine keeps what it analysed
// per repository in memory, so a later call analyses only new commits, and
// mirrors it to disk (<git-dir>/sprintlog-cache) for the next process.

import * as path from 'node:path';
import { archiveDir, backlogFileRole, DEFAULT_BACKLOG_PATH, DEFAULT_SPRINTS_PATH } from '../parse/backlog-files';
import type { SourceFile } from '../parse/workspace';
import { cacheFiles, DiskCache, earlyCacheTexts } from './cache/disk';
import { assemble, noHistory } from './engine/assemble';
import { RunCtx } from './engine/run-ctx';
import { newState, type EngineState } from './engine/state';
import { update } from './engine/update';
import { probeRepo, quickProbe, type Probe } from './git/probe';
import { CatFile, throwIfAborted } from './git/stream';
import { fileSpecs, parseTree } from './scan/files';
import { readDiskFiles } from './scan/worktree';
import type { HistoryOptions, HistoryRead, HistoryStats } from './types';

export * from './types';
/** Where the repository is and its HEAD, read from its files without git (undefined when git must be asked): a result cache's cheap check. */
export { quickProbe } from './git/probe';

/** The backlog files and the sprint log as they were at a commit. */
export interface FilesAt {
  backlogs: SourceFile[];
  sprints?: SourceFile;
}

type RepoProbe = Extract<Probe, { kind: 'repo' }>;

/** What an engine holds for one repository (git dir, analysed root, backlog path, shallow or not). */
interface Held {
  state: EngineState;
  disk: DiskCache;
  /** Serialises calls on one state. */
  lock: Promise<unknown>;
}

/** Repositories an engine keeps in memory, least recently used dropped first (their disk caches stay). */
const MAX_REPOS = 4;

function normalise(p: string): string {
  return path.posix.normalize(p.replace(/\\/g, '/')).replace(/^\.\//, '');
}

const zeroStats = (): HistoryStats => ({ source: 'cold', commitsListed: 0, commitsAnalysed: 0, blobsRead: 0, bytesRead: 0, chunksParsed: 0, fullParses: 0, ms: 0 });

export class HistoryEngine {
  private readonly held = new Map<string, Held>();

  /** Events of the backlog files' git history, with what the call cost. Never throws for a missing git, a folder outside a repository or a shallow clone; throws for a ref that does not exist. */
  async read(root: string, opts: HistoryOptions = {}): Promise<HistoryRead> {
    const started = Date.now();
    const ref = opts.ref ?? 'HEAD';
    const asOf = opts.asOf ?? Date.now();
    const backlogPath = normalise(opts.backlogPath ?? DEFAULT_BACKLOG_PATH);
    const includeWorkingTree = opts.includeWorkingTree ?? ref === 'HEAD';
    const { signal } = opts;
    throwIfAborted(signal);
    const onDisk = (): boolean => includeWorkingTree && readDiskFiles(root, backlogPath).length > 0;
    const none = (warning: string): HistoryRead => ({ history: noHistory(ref, warning, onDisk()), stats: { ...zeroStats(), ms: Date.now() - started } });
    // HEAD is read from the repository's files when it can be (no git process); otherwise git answers while the cache is read.
    const quick = ref === 'HEAD' ? quickProbe(root) : undefined;
    const probing = quick ? Promise.resolve(quick) : probeRepo(root, ref, signal);
    const early = quick ? undefined : earlyCacheTexts(root, opts.cacheDir, backlogPath, (gitDir) => [...this.held.values()].some((h) => h.state.gitDir === gitDir));
    const probe = await probing;
    if (probe.kind === 'none') return none(probe.warning);
    if (!probe.head) return none('The repository has no commits yet: history-based figures are unavailable until the backlog is committed.');
    const head = probe.head;
    const { held, fresh } = this.hold([probe.gitDir, probe.prefix, backlogPath, probe.shallow].join('\0'), () => newState(probe.gitDir, probe.prefix, backlogPath));
    const { state, disk } = held;
    const dir = probe.shallow || opts.cacheDir === false ? undefined : (opts.cacheDir ?? path.join(probe.gitDir, 'sprintlog-cache'));
    const run = async (): Promise<HistoryRead> => {
      const stats = zeroStats();
      const before = { ...state.counters };
      const ctx = new RunCtx(root, state, stats, disk.kept, signal);
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
        else if (dir && state.commits.size === 0 && disk.load(cacheFiles(dir, probe.prefix, backlogPath), startGit, early)) stats.source = 'disk';
        const ordered = await update(ctx, head, probe.shallow, opts.onProgress);
        if (dir && disk.due) disk.save(cacheFiles(dir, probe.prefix, backlogPath));
        const history = await assemble(ctx, ordered, { ref, head, asOf, includeWorkingTree, shallow: probe.shallow });
        stats.chunksParsed = state.counters.chunksParsed - before.chunksParsed;
        stats.fullParses = state.counters.fullParses - before.fullParses;
        stats.ms = Date.now() - started;
        return { history, stats };
      } finally {
        ctx.close();
      }
    };
    const result = held.lock.then(run, run);
    held.lock = result.catch(() => undefined);
    return result;
  }

  /**
   * The backlog files (main file, following the renames this engine has seen, and
   * archive files) and the sprint log as they were at `commit`.
   */
  filesAt(root: string, commit: string, backlogPath = DEFAULT_BACKLOG_PATH, sprintsPath = DEFAULT_SPRINTS_PATH): Promise<FilesAt> {
    return readFilesAt(root, commit, backlogPath, sprintsPath, (probe) => {
      const main = normalise(backlogPath);
      return [...this.held.values()].find((h) => h.state.gitDir === probe.gitDir && h.state.prefix === probe.prefix && h.state.backlogPath === main)?.state.names;
    });
  }

  private hold(key: string, make: () => EngineState): { held: Held; fresh: boolean } {
    let held = this.held.get(key);
    const fresh = !held;
    if (held) this.held.delete(key);
    else {
      const state = make();
      held = { state, disk: new DiskCache(state), lock: Promise.resolve() };
    }
    this.held.set(key, held); // most recent last
    while (this.held.size > MAX_REPOS) this.held.delete(this.held.keys().next().value!);
    return { held, fresh };
  }
}

/**
 * The backlog files (main file, following its known renames, and archive files)
 * and the sprint log as they were at `commit`, for an analysis as of a past
 * instant. The main file is returned under `backlogPath` whatever it was called
 * then. Throws when the commit does not exist or there is no repository.
 * `known` gives the main file's names an engine knows for the repository.
 */
async function readFilesAt(root: string, commit: string, backlogPath: string, sprintsPath: string, known: (probe: RepoProbe) => string[] | undefined): Promise<FilesAt> {
  backlogPath = normalise(backlogPath);
  const probe = await probeRepo(root, commit);
  if (probe.kind === 'none') throw new Error(probe.warning);
  if (!probe.head) throw new Error(`Unknown ref "${commit}": the repository has no commits.`);
  const names = known(probe) ?? [backlogPath];
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

