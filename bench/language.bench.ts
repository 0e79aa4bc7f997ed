// Editor features on a large backlog: what they cost next to parsing the same
// text (the store parses on every debounced keystroke, so these must be small
// beside it). Ratios, never asserted.
import { performance } from 'node:perf_hooks';
import { LineIndex } from '../src/core/parse/source';
import { buildWorkspace } from '../src/core/parse/workspace';
import { validateWorkspace } from '../src/core/validate';
import { nextId } from '../src/core/edit';
import { buildIdRegex, findIds, idPrefixes } from '../src/extension/language/ids';
import { completionCandidates } from '../src/extension/language/completion-items';
import { completionContext } from '../src/extension/language/completion-context';
import { codeLensText } from '../src/extension/language/lens-text';
import { hoverMarkdown } from '../src/extension/language/hover-text';
import { computeQuickFixes } from '../src/extension/language/quick-fixes';
import { positionIn } from '../src/extension/language/text';
import { sprintStatus } from '../src/extension/status/status-text';

const N = 2000;

function backlogText(): string {
  const lines = ['version: 1', 'project: PAY', 'items:'];
  const states = ['todo', 'in-progress', 'review', 'done', 'doin']; // every fifth item has a bad state
  for (let i = 1; i <= N; i++) {
    lines.push(`  - id: PAY-${i}`, `    title: Item number ${i}`, `    state: ${states[i % 5]}`, `    points: ${i % 8}`,
      `    sprint: S${1 + (i % 10)}`, `    assignee: dev${i % 7}`, `    depends_on: [PAY-${Math.max(1, i - 1)}]`);
  }
  return lines.join('\n') + '\n';
}

function sprintsText(): string {
  const lines = ['version: 1', 'timezone: Europe/Berlin', 'sprints:'];
  for (let s = 1; s <= 10; s++) {
    const start = new Date(Date.UTC(2026, 0, 5 + (s - 1) * 14)).toISOString().slice(0, 10);
    const end = new Date(Date.UTC(2026, 0, 16 + (s - 1) * 14)).toISOString().slice(0, 10);
    lines.push(`  - id: S${s}`, `    start: ${start}`, `    end: ${end}`);
  }
  return lines.join('\n') + '\n';
}

function time(fn: () => void, reps: number): number {
  fn();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return (performance.now() - t0) / reps;
}

export default async function bench(): Promise<string[]> {
  const text = backlogText();
  const sprints = sprintsText();
  const build = () => buildWorkspace('/bench', [{ file: 'backlog/backlog.yaml', text }], { file: 'backlog/sprints.yaml', text: sprints });
  const ws = build();
  const problems = validateWorkspace(ws);
  const parseMs = time(build, 5);
  const lines = new LineIndex(text);
  const lensMs = time(() => {
    for (const item of ws.items) {
      positionIn(lines, item.source.offset);
      codeLensText(item, ws.states);
    }
  }, 20);
  const code = Array.from({ length: 10_000 }, (_, i) => `  // see PAY-${i % N} and feature/PAY-${i}-x, not XPAY-${i} or word${i}`).join('\n');
  let found = 0;
  const hoverScanMs = time(() => {
    const re = buildIdRegex(idPrefixes(ws));
    found = re ? findIds(code, re).length : 0;
  }, 5);
  const hoverMs = time(() => hoverMarkdown(ws.items[N - 1], ws), 200);
  const completeMs = time(() => {
    const ctx = completionContext('    depends_on: [PAY-1, PAY-');
    if (ctx) completionCandidates(ctx, ws, '2026-03-01', 'PAY-5');
  }, 20);
  const badStates = problems.filter((p) => p.code === 'bad-state');
  const fixMs = time(() => {
    for (const p of badStates) computeQuickFixes(p, ws, text, { nextId });
  }, 3);
  const statusMs = time(() => sprintStatus(ws, Date.parse('2026-03-03T10:00:00Z')), 50);
  const r = (ms: number): string => `${ms.toFixed(2)} ms (${((ms / parseMs) * 100).toFixed(1)} % of a parse)`;
  return [
    `backlog: ${N} items, ${text.length} chars; parse+build ${parseMs.toFixed(1)} ms (baseline)`,
    `CodeLens texts + positions, all ${N} items: ${r(lensMs)}`,
    `hover id scan of 10,000 code lines (${found} ids): ${r(hoverScanMs)}`,
    `one hover's Markdown: ${r(hoverMs)}`,
    `depends_on completion (${N} candidates): ${r(completeMs)}`,
    `quick fixes for ${badStates.length} bad-state problems: ${r(fixMs)} (${(fixMs / Math.max(1, badStates.length)).toFixed(3)} ms each)`,
    `status bar text: ${r(statusMs)}`,
  ];
}
