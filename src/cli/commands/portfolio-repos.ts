// The rows' inputs of `sprintlog portfolio` read from the repositories themselves.
// Each repository is first looked up in its result cache (core/metrics-cache.ts),
// in this thread: an unchanged one costs a read of its backlog files and of its
// stored row input. The others are analysed --jobs at a time, in worker threads
// when the CLI runs as its bundle (the history replay, YAML parsing and figures
// are JavaScript: one thread would run them one repository after the other),
// otherwise (tests, an embedding) in this thread with their git processes in
// parallel. Either way a repository's failure becomes its row's problem.

import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Derived } from '../../core/metrics-cache';
import { teamInputOf, type TeamInput } from '../../core/portfolio';
import type { CliIO, CommandContext } from '../command';
import { cachedDerived, cachedOnly, type DocumentRequest } from '../metrics-document';

export interface TeamSpec {
  team: string;
  dir: string;
}

/**
 * What a row needs of a repository's metrics document: the report's row fields, its
 * epics' forecast, its `team:ID` entries and its files' errors. Nothing in it names the
 * as-of instant itself (the figures use its day), so the cache reuses it all day.
 */
const ROW_INPUT: Derived<Omit<TeamInput, 'team' | 'source'>> = {
  kind: 'portfolio',
  derive: (d) => {
    const { team: _team, source: _source, ...row } = teamInputOf('', '', d);
    return row;
  },
};

const failed = (spec: TeamSpec, e: unknown): TeamInput => ({ team: spec.team, source: spec.dir, report: null, epics: null, external: null, problems: [e instanceof Error ? e.message : String(e)] });

/** The repository's own context: its folder as --repo, its messages dropped (the row names the problems). */
function repoContext(io: Pick<CliIO, 'cwd' | 'env'>, spec: TeamSpec): CommandContext {
  return { positionals: [], flags: { repo: spec.dir }, io: { cwd: io.cwd, env: io.env, out: () => undefined, err: () => undefined } };
}

const request = (asOfText: string | undefined): DocumentRequest => ({ ref: 'HEAD', asOfText, command: 'portfolio' });

/** A repository's row input, analysed in this thread when its cache does not have it. */
async function fromRepo(io: Pick<CliIO, 'cwd' | 'env'>, spec: TeamSpec, asOfText: string | undefined): Promise<TeamInput> {
  try {
    const { value } = await cachedDerived(repoContext(io, spec), request(asOfText), ROW_INPUT);
    return { team: spec.team, source: spec.dir, ...value };
  } catch (e) {
    return failed(spec, e);
  }
}

function fromCache(io: Pick<CliIO, 'cwd' | 'env'>, spec: TeamSpec, asOfText: string | undefined): TeamInput | undefined {
  try {
    const hit = cachedOnly(repoContext(io, spec), request(asOfText), ROW_INPUT);
    return hit && { team: spec.team, source: spec.dir, ...hit.value };
  } catch {
    return undefined; // analysed below, which names the problem
  }
}

/** At most `jobs` at once in this thread: their git processes run in parallel, the figures are computed in turn. */
async function pool<T, R>(items: readonly T[], jobs: number, work: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return out;
}

const WORKER = 'sprintlog-portfolio-worker';

interface Job {
  spec: TeamSpec;
  asOfText: string | undefined;
  io: Pick<CliIO, 'cwd' | 'env'>;
}

/** True in a worker thread started by `inWorkers`: the bundle's entry then serves jobs instead of running the CLI. */
export function isPortfolioWorker(): boolean {
  return !isMainThread && (workerData as { role?: unknown } | null)?.role === WORKER;
}

/** A worker thread's loop: one repository at a time, its row input posted back. */
export function servePortfolioJobs(): void {
  parentPort!.on('message', (job: Job) => {
    void fromRepo(job.io, job.spec, job.asOfText).then((input) => parentPort!.postMessage(input));
  });
}

/** The running file when it is the CLI's bundle (its entry serves jobs in a worker); undefined otherwise. */
function bundleFile(): string | undefined {
  return typeof require !== 'undefined' && require.main === module && __filename.endsWith('.js') ? __filename : undefined;
}

/** Each spec's row input from `jobs` worker threads running `file`; a worker that fails hands its job back to this thread. */
function inWorkers(file: string, specs: readonly TeamSpec[], jobs: number, job: (spec: TeamSpec) => Job, here: (spec: TeamSpec) => Promise<TeamInput>): Promise<TeamInput[]> {
  const out = new Array<TeamInput>(specs.length);
  let next = 0;
  const lane = (): Promise<void> =>
    new Promise((resolve) => {
      const w = new Worker(file, { workerData: { role: WORKER } });
      let current = -1;
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        void w.terminate();
        resolve();
      };
      const give = (): void => {
        if (next >= specs.length) return finish();
        current = next++;
        w.postMessage(job(specs[current]));
      };
      w.on('message', (input: TeamInput) => {
        out[current] = input;
        current = -1;
        give();
      });
      // The thread died (out of memory, a bug): its job and the rest of this lane run here.
      const fallBack = async (): Promise<void> => {
        if (done) return;
        done = true;
        if (current >= 0) out[current] = await here(specs[current]);
        while (next < specs.length) {
          const i = next++;
          out[i] = await here(specs[i]);
        }
        resolve();
      };
      w.on('error', () => void fallBack());
      w.on('exit', () => void fallBack());
      w.once('online', give);
    });
  return Promise.all(Array.from({ length: Math.min(jobs, specs.length) }, lane)).then(() => out);
}

/** Every spec's row input, in order: cached ones first (this thread), the others --jobs at a time. */
export async function repoInputs(ctx: CommandContext, specs: readonly TeamSpec[], jobs: number, asOfText: string | undefined): Promise<TeamInput[]> {
  const io = { cwd: ctx.io.cwd, env: ctx.io.env };
  const out = specs.map((s) => fromCache(io, s, asOfText));
  const missing = specs.map((s, i) => ({ s, i })).filter((x) => out[x.i] === undefined);
  const file = bundleFile();
  const here = (s: TeamSpec): Promise<TeamInput> => fromRepo(io, s, asOfText);
  // A worker costs a start and a load of the bundle: worth it for two repositories or more.
  const computed = file && jobs > 1 && missing.length > 1
    ? await inWorkers(file, missing.map((x) => x.s), jobs, (spec) => ({ spec, asOfText, io }), here)
    : await pool(missing.map((x) => x.s), jobs, here);
  missing.forEach((x, k) => (out[x.i] = computed[k]));
  return out as TeamInput[];
}
