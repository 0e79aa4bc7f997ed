// `sprintlog report --format html` against `sprintlog metrics --json` on the
// demo repository, both as fresh processes of the built CLI (dist/cli.js) in the
// same run, alternating, with the history cache warm (goal: report ≤ 1.5 ×
// metrics), on the same footing twice:
// - warm: each command's result cache holds its answer (metrics: document-metrics.json;
//   report: document-report.json and the charts' SVGs, report-svg.json), as on a
//   second run with nothing changed. The goal is judged here.
// - cold: those result caches removed before every run of either command, so
//   metrics computes its document and report computes it and draws every chart.
// Needs `node esbuild.js` first. Nothing is asserted.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Bench } from './run';

const CLI = path.join(__dirname, '..', 'dist', 'cli.js');
const RUNS = 7;

/**
 * CPU time (user + system, ms) of this process's waited-for children, from /proc (Linux; 10 ms
 * ticks): on a loaded machine the wall time waits for the CPU, the CPU time much less so.
 */
function childCpuMs(): number | undefined {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10; // cutime, cstime (fields 16, 17) at CLK_TCK 100
  } catch {
    return undefined;
  }
}

function time(args: string[]): { wall: number; cpu: number | undefined } {
  const c = childCpuMs();
  const t = performance.now();
  execFileSync(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'ignore'], maxBuffer: 256 * 1024 * 1024 });
  const wall = performance.now() - t;
  const c2 = childCpuMs();
  return { wall, cpu: c === undefined || c2 === undefined ? undefined : c2 - c };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const bench: Bench = async () => {
  if (!fs.existsSync(CLI)) return ['dist/cli.js is missing: run `node esbuild.js` first.'];
  const load0 = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-report-bench-'));
  try {
    const repo = path.join(dir, 'demo');
    execFileSync(process.execPath, [CLI, 'demo', repo, '--today', '2026-11-26'], { stdio: 'ignore' });
    const common = ['--repo', repo, '--as-of', '2026-11-26'];
    const metrics = ['metrics', ...common, '--json'];
    const report = ['report', ...common, '--format', 'html', '--out', path.join(dir, 'report.html')];
    const cacheDir = path.join(repo, '.git', 'sprintlog-cache');
    const forget = (files: string[]): void => files.forEach((f) => fs.rmSync(path.join(cacheDir, f), { force: true }));
    const METRICS_CACHE = ['document-metrics.json'];
    const REPORT_CACHE = ['document-report.json', 'report-svg.json'];
    time(metrics); // fills the history cache (and the result caches, for the warm runs)
    time(report);
    const lines: string[] = [];
    for (const footing of ['warm', 'cold'] as const) {
      const m: ReturnType<typeof time>[] = [];
      const r: ReturnType<typeof time>[] = [];
      for (let i = 0; i < RUNS; i++) {
        if (footing === 'cold') forget(METRICS_CACHE);
        m.push(time(metrics));
        if (footing === 'cold') forget(REPORT_CACHE);
        r.push(time(report));
      }
      const mm = median(m.map((x) => x.wall));
      const rm = median(r.map((x) => x.wall));
      const cpu = m.every((x) => x.cpu !== undefined) ? [median(m.map((x) => x.cpu!)), median(r.map((x) => x.cpu!))] : undefined;
      lines.push(
        `${footing}: metrics --json: median ${mm.toFixed(0)} ms of ${RUNS} fresh processes${cpu ? ` (CPU ${cpu[0]} ms)` : ''}`,
        `${footing}: report --format html: median ${rm.toFixed(0)} ms${cpu ? ` (CPU ${cpu[1]} ms)` : ''} (${fs.statSync(path.join(dir, 'report.html')).size} bytes)`,
        `${footing}: ratio report / metrics: ${(rm / mm).toFixed(2)}× wall${cpu ? `, ${(cpu[1] / cpu[0]).toFixed(2)}× CPU` : ''}${footing === 'warm' ? ' (goal ≤ 1.5×)' : ' (for information: both compute)'}`,
      );
    }
    lines.push(`load average before / after: ${load0} / ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    return lines;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
export default bench;
