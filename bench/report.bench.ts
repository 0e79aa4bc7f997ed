// `sprintlog report --format html` against `sprintlog metrics --json` on the
// demo repository, both as fresh processes of the built CLI (dist/cli.js) in the
// same run, alternating, with the history cache warm (goal: report ≤ 1.5 ×
// metrics). Needs `node esbuild.js` first. Nothing is asserted.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Bench } from './run';

const CLI = path.join(__dirname, '..', 'dist', 'cli.js');
const RUNS = 7;

function time(args: string[]): number {
  const t = performance.now();
  execFileSync(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'ignore'], maxBuffer: 256 * 1024 * 1024 });
  return performance.now() - t;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const bench: Bench = async () => {
  if (!fs.existsSync(CLI)) return ['dist/cli.js is missing: run `node esbuild.js` first.'];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-report-bench-'));
  try {
    const repo = path.join(dir, 'demo');
    execFileSync(process.execPath, [CLI, 'demo', repo, '--today', '2026-11-26'], { stdio: 'ignore' });
    const common = ['--repo', repo, '--as-of', '2026-11-26'];
    const metrics = ['metrics', ...common, '--json'];
    const report = ['report', ...common, '--format', 'html', '--out', path.join(dir, 'report.html')];
    time(metrics); // fills the history cache
    const m: number[] = [];
    const r: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      m.push(time(metrics));
      r.push(time(report));
    }
    const mm = median(m);
    const rm = median(r);
    return [
      `metrics --json: median ${mm.toFixed(0)} ms of ${RUNS} fresh processes`,
      `report --format html: median ${rm.toFixed(0)} ms (${fs.statSync(path.join(dir, 'report.html')).size} bytes)`,
      `ratio report / metrics: ${(rm / mm).toFixed(2)}× (goal ≤ 1.5×)`,
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
export default bench;
