// Tree views on large backlogs: building every row of both views after a
// parse (goal < 200 ms for 20,000 items), and the work the extension does
// between activation and the first rows on 2,000 items (parse + validate +
// rows; activate() itself parses nothing). Ratios against the parse of the
// same text are printed too; nothing is asserted.
import { performance } from 'node:perf_hooks';
import type { Workspace } from '../src/core/model';
import { buildWorkspace } from '../src/core/parse/workspace';
import { validateWorkspace } from '../src/core/validate';
import { GROUPINGS } from '../src/extension/views/grouping';
import { itemDescription, itemIcon, itemLabel, itemContextValue } from '../src/extension/views/labels';
import type { Node } from '../src/extension/views/nodes';
import { backlogNodes, sprintNodes } from '../src/extension/views/rows';

function files(n: number): { backlog: string; sprints: string } {
  const lines = ['version: 1', 'project: PAY', 'epics:', '  - {id: PAY-E1, title: One}', '  - {id: PAY-E2, title: Two}', 'items:'];
  const states = ['todo', 'in-progress', 'review', 'done'];
  for (let i = 1; i <= n; i++) {
    lines.push(`  - id: PAY-${i}`, `    title: Item number ${i} with a realistic title`, `    type: ${i % 3 ? 'story' : 'bug'}`, `    state: ${states[i % 4]}`,
      `    points: ${i % 8}`, `    sprint: S${1 + (i % 12)}`, `    assignee: dev${i % 9}`, `    epic: PAY-E${1 + (i % 2)}`, `    tags: [t${i % 5}]`);
    if (i % 17 === 0) lines.push('    blocked: waiting');
  }
  const s = ['version: 1', 'timezone: Europe/Berlin', 'sprints:'];
  for (let k = 1; k <= 12; k++) {
    const start = new Date(Date.UTC(2026, 0, 5 + (k - 1) * 14)).toISOString().slice(0, 10);
    const end = new Date(Date.UTC(2026, 0, 16 + (k - 1) * 14)).toISOString().slice(0, 10);
    s.push(`  - id: S${k}`, `    start: ${start}`, `    end: ${end}`);
  }
  return { backlog: lines.join('\n') + '\n', sprints: s.join('\n') + '\n' };
}

const parse = (f: { backlog: string; sprints: string }): Workspace =>
  buildWorkspace('/bench', [{ file: 'backlog/backlog.yaml', text: f.backlog }], { file: 'backlog/sprints.yaml', text: f.sprints });

/** What getChildren + getTreeItem compute for every row of a view (labels, descriptions, icons). */
function touchRows(ws: Workspace, nodes: Node[]): number {
  let n = 0;
  for (const node of nodes) {
    if (node.kind !== 'group') continue;
    for (const c of node.children) {
      n += itemLabel(c.item).length + itemDescription(c.item).length + itemIcon(c.item, ws.states).id.length + itemContextValue(c.item, ws.states).length;
    }
  }
  return n;
}

function best(fn: () => void, reps: number): number {
  let min = Infinity;
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

export default async function (): Promise<string[]> {
  const out: string[] = [];
  const DAY = '2026-03-10';
  const big = files(20_000);
  const ws = parse(big);
  const parseMs = best(() => parse(big), 3);
  for (const grouping of GROUPINGS) {
    const ms = best(() => touchRows(ws, backlogNodes('f', ws, { grouping, filter: {}, day: DAY })), 5);
    out.push(`backlog rows, 20,000 items, by ${grouping}: ${ms.toFixed(1)} ms (${(ms / parseMs).toFixed(3)} × parse ${parseMs.toFixed(0)} ms; goal < 200 ms)`);
  }
  const filtered = best(() => touchRows(ws, backlogNodes('f', ws, { grouping: 'sprint', filter: { text: 'number 1', blocked: true }, day: DAY })), 5);
  out.push(`backlog rows, 20,000 items, text + blocked filter: ${filtered.toFixed(1)} ms`);
  const sprint = best(() => touchRows(ws, sprintNodes('f', ws, undefined, DAY)), 5);
  out.push(`sprint view rows, 20,000 items: ${sprint.toFixed(1)} ms`);

  const small = files(2_000);
  const activation = best(() => {
    const w = parse(small);
    validateWorkspace(w);
    touchRows(w, backlogNodes('f', w, { grouping: 'sprint', filter: {}, day: DAY }));
    touchRows(w, sprintNodes('f', w, undefined, DAY));
  }, 5);
  const smallParse = best(() => parse(small), 5);
  out.push(`first load after activation, 2,000 items (parse + validate + both views' rows): ${activation.toFixed(1)} ms (parse alone ${smallParse.toFixed(1)} ms); runs after activate() returns`);
  return out;
}
