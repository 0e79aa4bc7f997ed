// The warm CLI as a user runs it: whole `node dist/cli.js ...` processes on the
// generated repository (bench/gen-history.ts: 2,000 items × 2,000 commits, a
// sprint log added), with the history cache filled, each timed from spawn to
// exit, next to `node -e 0` measured in the same run (Node's own start-up).
// Goals (issue 9): metrics --json ≤ 0.3 s, validate ≤ 0.2 s, one new commit
// ≤ 0.35 s. Needs `npm run build` first. `npx tsx bench/run.ts cli`

import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { historyRepo } from './gen-history';

const CLI = path.join(__dirname, '..', 'dist', 'cli.js');
const RUNS = 7;
const NOW = '2024-02-26T12:00:00Z';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', ...args], {
    cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_AUTHOR_DATE: '2024-02-25T12:00:00Z', GIT_COMMITTER_DATE: '2024-02-25T12:00:00Z' },
  });
}

/** Wall time (ms) of one whole process, spawn to exit; its output is read and dropped. */
function timeProcess(cwd: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const p = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SPRINTLOG_NOW: NOW } });
    p.stdout.resume();
    p.stderr.resume();
    p.on('error', reject);
    p.on('close', () => resolve(performance.now() - t));
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f0 = (x: number): string => x.toFixed(0);

function sprintLog(): string {
  let s = 'version: 1\ntimezone: Europe/Berlin\nsprints:\n';
  let d = Date.UTC(2022, 11, 26);
  for (let i = 1; i <= 40; i++) {
    const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
    s += `  - id: S${i}\n    start: ${day(d)}\n    end: ${day(d + 11 * 86_400_000)}\n`;
    d += 14 * 86_400_000;
  }
  return s;
}

export default async function bench(): Promise<string[]> {
  if (!fs.existsSync(CLI)) return ['dist/cli.js is missing: run `npm run build` first.'];
  const repo = await historyRepo({ items: 2000, commits: 2000, mergeEvery: 100 });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-cli-bench-'));
  try {
    execFileSync('git', ['clone', '-q', '--shared', repo, work]);
    fs.writeFileSync(path.join(work, 'backlog', 'sprints.yaml'), sprintLog());
    git(work, 'add', 'backlog/sprints.yaml');
    git(work, 'commit', '-qm', 'sprint log');
    const lines = [`repo: 2,000 items, ${git(work, 'rev-list', '--count', 'HEAD').trim()} commits; figures are medians of ${RUNS} whole processes`];
    // Fill the caches (history, parsed chunks) as the first run of the day does.
    const cold = await timeProcess(work, [CLI, 'metrics', '--json']);
    await timeProcess(work, [CLI, 'validate']);
    const series = async (args: string[], before?: (i: number) => void): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        before?.(i);
        out.push(await timeProcess(work, args));
      }
      return out;
    };
    const node = await series(['-e', '0']);
    const metrics = await series([CLI, 'metrics', '--json']);
    const validate = await series([CLI, 'validate']);
    let n = 0;
    const file = path.join(work, 'backlog', 'backlog.yaml');
    const commitOne = (): void => {
      n++;
      const text = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(file, text.replace(/title: Item (\d+) of the generated backlog/, `title: Item $1 renamed ${n}`));
      git(work, 'commit', '-qam', `bench ${n}`);
    };
    const newCommit = await series([CLI, 'metrics', '--json'], commitOne);
    const nodeMs = median(node);
    const row = (name: string, xs: number[], goal: number): string =>
      `${name}: ${f0(median(xs))} ms (${xs.map(f0).join(' / ')}), ${f0(median(xs) - nodeMs)} ms above node -e 0 (goal ≤ ${goal} ms whole process)`;
    lines.push(`node -e 0: ${f0(nodeMs)} ms (${node.map(f0).join(' / ')})`);
    lines.push(row('metrics --json, nothing new', metrics, 300));
    lines.push(row('validate', validate, 200));
    lines.push(row('metrics --json after one new commit', newCommit, 350));
    lines.push(`first metrics run (history cache empty): ${f0(cold)} ms; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
    return lines;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
