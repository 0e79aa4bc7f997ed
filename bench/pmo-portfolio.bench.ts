// `sprintlog portfolio` over 50 generated repositories × 300 commits (bench/gen-history.ts,
// each a little different), as a fresh process of the bundled CLI. Reports: cold (history
// caches removed) against the sum of `git log -p` over the same repositories in the same run
// (goal: cold ≤ that sum), warm (caches filled, rows served by the result cache; goal ≤ 3 s), the
// first run of a new day (rows recomputed from the filled history caches) and the peak RSS (goal < 500 MB).
// Nothing is asserted. `npx tsx bench/run.ts pmo`

import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildSync } from 'esbuild';
import { historyRepo } from './gen-history';
import type { Bench } from './run';

const REPOS = 50;
const COMMITS = 300;

function gitLogP(dir: string): number {
  const t = performance.now();
  execFileSync('git', ['log', '-p', '--all'], { cwd: dir, stdio: ['ignore', 'ignore', 'ignore'] });
  return performance.now() - t;
}

/** Wall time and peak RSS (KB, from /usr/bin/time when present) of one portfolio run. */
function portfolio(cli: string, dirs: string[]): { ms: number; rssMb: number | null } {
  const args = [cli, 'portfolio', ...dirs, '--format', 'json'];
  const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const t = performance.now();
  const r = timeBin
    ? spawnSync(timeBin, ['-f', '%M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`portfolio failed: ${r.stderr}`);
  const kb = timeBin ? Number(r.stderr.trim().split('\n').pop()) : NaN;
  return { ms, rssMb: Number.isFinite(kb) ? Math.round(kb / 1024) : null };
}

const bench: Bench = async () => {
  const root = path.join(__dirname, '..', '.cache', 'bench', 'pmo');
  const dirs: string[] = [];
  // Repositories differ in size (items), so none is a copy of another.
  for (let k = 0; k < REPOS; k++) dirs.push(await historyRepo({ items: 200 + k, commits: COMMITS, mergeEvery: 50 }, root));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-pmo-bench-'));
  try {
    const cli = path.join(tmp, 'cli.js');
    buildSync({ entryPoints: [path.join(__dirname, '..', 'src', 'cli', 'bin.ts')], outfile: cli, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
    const baseline = dirs.reduce((a, d) => a + gitLogP(d), 0);
    for (const d of dirs) fs.rmSync(path.join(d, '.git', 'sprintlog-cache'), { recursive: true, force: true });
    const cold = portfolio(cli, dirs);
    const warm = [portfolio(cli, dirs), portfolio(cli, dirs), portfolio(cli, dirs)].sort((a, b) => a.ms - b.ms)[1];
    // The first run of a new day (or after a new build): every row's result cache is stale, the history caches are filled.
    for (const d of dirs) fs.rmSync(path.join(d, '.git', 'sprintlog-cache', 'document-portfolio.json'), { force: true });
    const day = portfolio(cli, dirs);
    return [
      `${REPOS} repositories × ${COMMITS} commits, --jobs = ${os.availableParallelism()} cores`,
      `sum of git log -p: ${Math.round(baseline)} ms`,
      `portfolio cold: ${Math.round(cold.ms)} ms = ${(cold.ms / baseline).toFixed(2)}× the sum of git log -p (goal ≤ 1); peak RSS ${cold.rssMb ?? '?'} MB`,
      `portfolio warm (median of 3): ${Math.round(warm.ms)} ms (goal ≤ 3000); peak RSS ${warm.rssMb ?? '?'} MB (goal < 500)`,
      `portfolio, rows' result caches stale (a new day), history caches filled: ${Math.round(day.ms)} ms; peak RSS ${day.rssMb ?? '?'} MB`,
      `load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
    ];
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
};

export default bench;
