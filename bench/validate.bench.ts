// validateWorkspace on 20,000 items (budget: well under 200 ms, the parse of the
// same text is the baseline), clean and with 1,000 problems of several kinds.
// Figures only, never asserted.
import { performance } from 'node:perf_hooks';
import { buildWorkspace } from '../src/core/parse/workspace';
import { validateWorkspace } from '../src/core/validate';

const N = 20000;

/** `broken`: every 20th item gets one mistake (bad state, unknown dependency, bad date, unknown key, in turn). */
function backlogText(broken: boolean): string {
  const lines = ['version: 1', 'project: PAY', 'epics:', '  - {id: PAY-E1, title: Saved cards}', 'items:'];
  const states = ['todo', 'in-progress', 'review', 'done'];
  for (let i = 1; i <= N; i++) {
    const flaw = broken && i % 20 === 0 ? (i / 20) % 4 : -1;
    lines.push(`  - id: PAY-${i}`, `    title: Item number ${i}`, `    state: ${flaw === 0 ? 'doin' : states[i % 4]}`, `    points: ${i % 8}`,
      `    sprint: S${1 + (i % 10)}`, '    epic: PAY-E1', `    assignee: dev${i % 7}`,
      `    depends_on: [PAY-${flaw === 1 ? N + i : i + 1 > N ? 1 : i + 1}]`.replace('[PAY-1]', '[]'),
      `    created: ${flaw === 2 ? '2026-02-30' : '2026-01-05'}`, '    tags: [web, api]');
    if (flaw === 3) lines.push('    asignee: bob');
  }
  return lines.join('\n') + '\n';
}

function sprintsText(): string {
  const lines = ['version: 1', 'timezone: Europe/Berlin', 'sprints:'];
  for (let s = 1; s <= 10; s++) {
    const day = (d: number): string => new Date(Date.UTC(2026, 0, 5 + (s - 1) * 14 + d)).toISOString().slice(0, 10);
    lines.push(`  - id: S${s}`, `    start: ${day(0)}`, `    end: ${day(11)}`);
  }
  return lines.join('\n') + '\n';
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export default async function bench(): Promise<string[]> {
  const out: string[] = [];
  for (const broken of [false, true]) {
    const backlog = { file: 'backlog/backlog.yaml', text: backlogText(broken) };
    const sprints = { file: 'backlog/sprints.yaml', text: sprintsText() };
    let t = performance.now();
    const ws = buildWorkspace('/bench', [backlog], sprints);
    const parse = performance.now() - t;
    // CPU time beside wall time: on a shared machine the wall clock also counts other people's work.
    const cpu = (): number => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    t = performance.now();
    let c = cpu();
    const problems = validateWorkspace(ws);
    const first = performance.now() - t;
    const firstCpu = cpu() - c;
    const runs: number[] = [];
    const cpus: number[] = [];
    for (let r = 0; r < 15; r++) {
      t = performance.now();
      c = cpu();
      validateWorkspace(ws);
      runs.push(performance.now() - t);
      cpus.push(cpu() - c);
    }
    out.push(`${N} items, ${problems.length} problems: parse ${parse.toFixed(0)} ms; validate first run ${first.toFixed(1)} ms (cpu ${firstCpu.toFixed(1)}), ` +
      `median ${median(runs).toFixed(1)} ms (cpu ${median(cpus).toFixed(1)}), min ${Math.min(...runs).toFixed(1)} ms (${(median(runs) / parse * 100).toFixed(1)}% of parse)`);
  }
  return out;
}
