// The invariant of spec metrics.md §1 (revised 2026-12-04), as a property on
// random histories: branches, merges whose parents disagree resolved either way
// (often to the side whose change is older), back-dated (rebased-like) commits,
// deletions and re-adds, a backlog file removed and brought back.
//   1. For every commit, replaying the events of it and its ancestors (last event
//      in commit order per field) gives exactly that commit's files.
//   2. With as-of past every commit, the figures agree with the files.
//   3. Cold, incremental (a part of the history cached first) and disk-cache runs give the same events.
// Each history is written by one `git fast-import` (real commits, real dates).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { EXISTS, type History } from '../../src/core/history';
import { TestHistory } from './helpers/history';
import { computeMetrics } from '../../src/core/metrics';
import { buildWorkspace } from '../../src/core/parse/workspace';
import { GitRepo } from './helpers/gitrepo';

const hist = new TestHistory();

const IDS = ['A', 'B', 'C', 'D', 'E'];
const STATES = ['todo', 'in-progress', 'review', 'done'];
const BASE = Date.parse('2026-03-02T00:00:00Z');
const SPRINTS = 'version: 1\ntimezone: Europe/Berlin\nsprints:\n  - {id: S1, start: 2026-03-01, end: 2026-03-31}\n  - {id: S2, start: 2026-04-01, end: 2026-04-14}\n';
const AS_OF = Date.parse('2026-03-30T12:00:00Z');

type Item = Record<string, unknown>;
type Model = Map<string, Item>;

type Op =
  | { kind: 'set'; id: string; field: 'state' | 'points' | 'sprint' | 'blocked'; value: unknown }
  | { kind: 'delete'; id: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('set' as const), id: fc.constantFrom(...IDS), field: fc.constant('state' as const), value: fc.constantFrom(...STATES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('set' as const), id: fc.constantFrom(...IDS), field: fc.constant('points' as const), value: fc.constantFrom(1, 2, 3, 5, undefined) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('set' as const), id: fc.constantFrom(...IDS), field: fc.constant('sprint' as const), value: fc.constantFrom('S1', 'S2', undefined) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('set' as const), id: fc.constantFrom(...IDS), field: fc.constant('blocked' as const), value: fc.constantFrom('waiting', undefined) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), id: fc.constantFrom(...IDS) }) },
);

/** One step of the history: a commit on a line of work, a new line of work, or a merge of one line into another. */
type Step =
  | { kind: 'commit'; line: number; ops: Op[]; hours: number; removeFile: boolean }
  | { kind: 'fork'; from: number }
  | { kind: 'merge'; into: number; from: number; hours: number; pick: ('into' | 'from' | 'older')[] };

const hoursArb = fc.integer({ min: 0, max: 24 * 25 }); // author time anywhere in the month: back-dated commits are common
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('commit' as const), line: fc.nat(3), ops: fc.array(opArb, { minLength: 1, maxLength: 3 }), hours: hoursArb, removeFile: fc.nat(9).map((n) => n === 0) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fork' as const), from: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('merge' as const), into: fc.nat(3), from: fc.nat(3), hours: hoursArb, pick: fc.array(fc.constantFrom('into' as const, 'from' as const, 'older' as const, 'older' as const), { minLength: IDS.length, maxLength: IDS.length }) }) },
);

interface Node {
  mark: number;
  parents: number[];
  model: Model;
  /** The file is absent from this commit. */
  noFile: boolean;
  time: number;
  /** Per item, author time of the commit that last changed it on this node's line (for "keep the older side"). */
  touched: Map<string, number>;
}

function apply(model: Model, touched: Map<string, number>, o: Op, time: number): void {
  touched.set(o.id, time);
  if (o.kind === 'delete') {
    model.delete(o.id);
    return;
  }
  const it: Item = { ...(model.get(o.id) ?? { id: o.id, title: `Item ${o.id}`, state: 'todo', points: 1, sprint: 'S1' }) };
  if (o.value === undefined) delete it[o.field];
  else it[o.field] = o.value;
  model.set(o.id, it);
}

const fileText = (model: Model): string => stringify({ version: 1, project: 'T', items: IDS.filter((id) => model.has(id)).map((id) => model.get(id)!) });

/** Build the history of `steps`: commits with their models, in creation order; the last one is the head. */
function build(steps: Step[]): Node[] {
  const nodes: Node[] = [];
  const root: Node = { mark: 1, parents: [], model: new Map([['A', { id: 'A', title: 'Item A', state: 'todo', points: 3, sprint: 'S1' }]]), noFile: false, time: BASE, touched: new Map() };
  nodes.push(root);
  const lines: Node[] = [root];
  const tip = (i: number): Node => lines[i % lines.length];
  const add = (n: Omit<Node, 'mark'>): Node => {
    const node = { ...n, mark: nodes.length + 1 };
    nodes.push(node);
    return node;
  };
  for (const s of steps) {
    if (s.kind === 'fork') {
      if (lines.length < 4) lines.push(tip(s.from));
      continue;
    }
    if (s.kind === 'commit') {
      const li = s.line % lines.length;
      const p = lines[li];
      const time = BASE + s.hours * 3_600_000;
      const model = new Map(p.model);
      const touched = new Map(p.touched);
      for (const o of s.ops) apply(model, touched, o, time);
      if (s.removeFile) {
        // The whole file goes: every item with it (the next commit on this line writes it back with its ops).
        model.clear();
        for (const id of IDS) touched.set(id, time);
      }
      lines[li] = add({ parents: [p.mark], model, noFile: s.removeFile, time, touched });
      continue;
    }
    const a = s.into % lines.length;
    const b = s.from % lines.length;
    if (a === b || lines[a] === lines[b]) continue;
    const x = lines[a];
    const y = lines[b];
    const time = BASE + s.hours * 3_600_000;
    const model: Model = new Map();
    const touched = new Map<string, number>();
    IDS.forEach((id, i) => {
      const tx = x.touched.get(id) ?? -1;
      const ty = y.touched.get(id) ?? -1;
      const side = s.pick[i] === 'into' ? x : s.pick[i] === 'from' ? y : tx <= ty ? x : y; // 'older': the side changed longer ago
      const item = side.model.get(id);
      if (item) model.set(id, item);
      touched.set(id, Math.max(tx, ty));
    });
    lines[a] = add({ parents: [x.mark, y.mark], model, noFile: false, time, touched });
  }
  // Bring every line into the head, so every commit is analysed.
  let head = lines[0];
  for (const l of lines.slice(1)) {
    if (l === head || ancestors(nodes, head).has(l.mark)) continue;
    head = add({ parents: [head.mark, l.mark], model: new Map(head.model), noFile: head.noFile, time: Math.max(head.time, l.time) + 60_000, touched: head.touched });
  }
  if (nodes[nodes.length - 1] !== head) head = add({ parents: [head.mark], model: new Map(head.model), noFile: false, time: head.time + 60_000, touched: head.touched });
  if (head.noFile) add({ parents: [head.mark], model: head.model, noFile: false, time: head.time + 60_000, touched: head.touched });
  return nodes;
}

function ancestors(nodes: Node[], n: Node): Set<number> {
  const out = new Set<number>();
  const stack = [n.mark];
  while (stack.length > 0) {
    const m = stack.pop()!;
    if (out.has(m)) continue;
    out.add(m);
    stack.push(...nodes[m - 1].parents);
  }
  return out;
}

/** Write the history with one fast-import; returns the hash of each mark. */
function writeRepo(repo: GitRepo, nodes: Node[]): Map<number, string> {
  const parts: string[] = [];
  const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;
  for (const n of nodes) {
    const t = Math.floor(n.time / 1000);
    parts.push(`commit refs/heads/main\nmark :${n.mark}\nauthor A <a@example.invalid> ${t} +0000\ncommitter C <c@example.invalid> ${t + 3600} +0000\n${data(`c${n.mark}`)}`);
    if (n.parents.length > 0) parts.push(`from :${n.parents[0]}\n`);
    for (const p of n.parents.slice(1)) parts.push(`merge :${p}\n`);
    if (n.parents.length === 0) parts.push(`M 100644 inline backlog/sprints.yaml\n${data(SPRINTS)}`);
    if (n.noFile) parts.push('D backlog/backlog.yaml\n');
    else parts.push(`M 100644 inline backlog/backlog.yaml\n${data(fileText(n.model))}`);
    parts.push('\n');
  }
  parts.push(`reset refs/heads/main\nfrom :${nodes[nodes.length - 1].mark}\n\n`);
  const marks = path.join(repo.dir, '.git', 'marks');
  execFileSync('git', ['fast-import', '--quiet', `--export-marks=${marks}`], { cwd: repo.dir, input: parts.join(''), env: repo.env(), stdio: ['pipe', 'ignore', 'pipe'] });
  const out = new Map<number, string>();
  for (const line of fs.readFileSync(marks, 'utf8').split('\n')) {
    const m = /^:(\d+) ([0-9a-f]+)$/.exec(line);
    if (m) out.set(Number(m[1]), m[2]);
  }
  return out;
}

/** Values per item and field from replaying the events of `commits` (last in commit order wins). */
function replayOf(history: History, commits: Set<string>): Map<string, Map<string, unknown>> {
  const latest = new Map<string, { order: number; value: unknown }>();
  for (const e of history.events) {
    if (!commits.has(e.commit)) continue;
    const k = `${e.id}\u0000${e.field}`;
    const l = latest.get(k);
    if (!l || e.order > l.order) latest.set(k, { order: e.order, value: e.value });
  }
  const out = new Map<string, Map<string, unknown>>();
  for (const [k, { value }] of latest) {
    const [id, field] = k.split('\u0000');
    if (!out.has(id)) out.set(id, new Map());
    if (value !== undefined) out.get(id)!.set(field, value);
  }
  return out;
}

function expectFiles(replayed: Map<string, Map<string, unknown>>, model: Model, where: string): void {
  for (const id of IDS) {
    const got = replayed.get(id) ?? new Map<string, unknown>();
    const item = model.get(id);
    const exists = got.get(EXISTS) === true;
    assert.equal(exists, item !== undefined, `${where}: ${id} exists`);
    const fields = Object.fromEntries([...got].filter(([f]) => f !== EXISTS));
    const want = item ? Object.fromEntries(Object.entries(item).filter(([f]) => f !== 'id')) : {};
    assert.deepEqual(fields, want, `${where}: ${id} fields`);
  }
}

const eventsJson = (h: History): string => JSON.stringify(h.events);

describe('history invariant on random histories (property, spec §1)', function () {
  this.timeout(600000);

  it('replaying a commit and its ancestors gives its files; figures past every commit agree with the files; cold = incremental = disk', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 2, maxLength: 14 }), fc.nat(100), async (steps, cut) => {
        runs++;
        const nodes = build(steps);
        const repo = GitRepo.create();
        const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-invariant-cache-'));
        try {
          const hashes = writeRepo(repo, nodes);
          const head = nodes[nodes.length - 1];
          hist.forget();
          const cold = await hist.read(repo.dir, { asOf: AS_OF + 86_400_000 * 30, includeWorkingTree: false, cacheDir: false });
          assert.equal(cold.status, 'full');
          assert.equal(cold.head, hashes.get(head.mark));
          // 1. Every commit.
          for (const n of nodes) {
            const anc = new Set([...ancestors(nodes, n)].map((m) => hashes.get(m)!));
            expectFiles(replayOf(cold, anc), n.model, `commit :${n.mark}`);
          }
          // 2. Figures past every commit agree with the files.
          const workspace = buildWorkspace(repo.dir, [{ file: 'backlog/backlog.yaml', text: fileText(head.model) }], { file: 'backlog/sprints.yaml', text: SPRINTS });
          const asOf = Math.max(...nodes.map((n) => n.time)) + 60_000;
          const history = await hist.read(repo.dir, { asOf, includeWorkingTree: false, cacheDir: false });
          const report = computeMetrics({ workspace, history, asOf, ref: 'HEAD' });
          const files = IDS.filter((id) => head.model.has(id)).map((id) => head.model.get(id)!);
          assert.deepEqual(report.items.map((i) => [i.id, i.state, i.sprint, i.points]), files.map((i) => [i.id, i.state ?? 'todo', i.sprint ?? null, i.points ?? null]));
          for (const i of report.items) {
            if (i.cycleTimeHours !== null) assert.ok(i.cycleTimeHours >= 0, `${i.id}: cycle time ${i.cycleTimeHours}`);
            assert.equal(i.doneAt !== null, i.state === 'done', `${i.id}: doneAt while ${i.state}`);
          }
          const lastCfd = report.cfd!.at(-1)!;
          for (const s of STATES) assert.equal(lastCfd.states[s] ?? 0, files.filter((i) => (i.state ?? 'todo') === s).length, `cfd ${s}`);
          const inS1 = files.filter((i) => i.sprint === 'S1');
          const s1 = report.sprints.find((s) => s.id === 'S1')!;
          if (s1.status === 'active') {
            assert.equal(s1.completed, inS1.filter((i) => i.state === 'done').reduce((a, i) => a + ((i.points as number | undefined) ?? 0), 0));
            assert.equal(s1.burndown.at(-1)!.remaining, inS1.filter((i) => i.state !== 'done').reduce((a, i) => a + ((i.points as number | undefined) ?? 0), 0));
          }
          // 3. Incremental: part of the history first (into the disk cache), then the head, in memory and from disk.
          const part = nodes[Math.min(nodes.length - 1, Math.floor((cut / 100) * nodes.length))];
          repo.git('branch', 'part', hashes.get(part.mark)!);
          hist.forget();
          await hist.read(repo.dir, { ref: 'part', asOf: AS_OF + 86_400_000 * 30, includeWorkingTree: false, cacheDir });
          const incremental = await hist.read(repo.dir, { asOf: AS_OF + 86_400_000 * 30, includeWorkingTree: false, cacheDir });
          assert.equal(eventsJson(incremental), eventsJson(cold), 'incremental');
          hist.forget();
          const fromDisk = await hist.read(repo.dir, { asOf: AS_OF + 86_400_000 * 30, includeWorkingTree: false, cacheDir });
          assert.equal(eventsJson(fromDisk), eventsJson(cold), 'disk cache');
        } finally {
          repo.cleanup();
          fs.rmSync(cacheDir, { recursive: true, force: true });
        }
      }),
      { numRuns: Number(process.env.SPRINTLOG_PROPERTY_RUNS ?? 200), seed: Number(process.env.SPRINTLOG_PROPERTY_SEED ?? 20261204) },
    );
    assert.ok(runs >= 200 || process.env.SPRINTLOG_PROPERTY_RUNS !== undefined);
  });
});
