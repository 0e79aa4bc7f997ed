// The history service's computation (HistoryEngine.read + computeMetrics → per-item
// timeline and per-sprint figures) on real temporary git repositories.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nextId } from '../../src/core/edit';
import { loadWorkspace } from '../../src/core/parse/workspace';
import { validateWorkspace } from '../../src/core/validate';
import { computeQuickFixes } from '../../src/extension/language/quick-fixes';
import { HistoryEngine } from '../../src/core/history';
import { computeSnapshot, recomputeSnapshot } from '../../src/extension/history/compute';
import { codeLensText } from '../../src/extension/language/lens-text';
import { hoverMarkdown } from '../../src/extension/language/hover-text';

const SPRINTS = `version: 1
timezone: Europe/Berlin
sprints:
  - id: S1
    start: 2026-11-16
    end: 2026-11-27
`;

function backlog(states: { a: string; b: string }): string {
  return `version: 1
project: PAY
items:
  - id: PAY-1
    title: Vault
    state: ${states.a}
    points: 3
    sprint: S1
  - id: PAY-2
    title: Checkout
    state: ${states.b}
    points: 5
    sprint: S1
`;
}

function git(root: string, args: string[], date?: string): void {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.invalid' };
  if (date) Object.assign(env, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  execFileSync('git', args, { cwd: root, env, stdio: 'pipe' });
}

function commit(root: string, text: string, date: string, sprints?: string): void {
  fs.mkdirSync(path.join(root, 'backlog'), { recursive: true });
  fs.writeFileSync(path.join(root, 'backlog/backlog.yaml'), text);
  if (sprints) fs.writeFileSync(path.join(root, 'backlog/sprints.yaml'), sprints);
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', `at ${date}`], date);
}

describe('extension history: snapshot from git', () => {
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-lang-history-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('gives cycle time for done items and age for doing items, dated in the sprint log zone', async () => {
    git(root, ['init', '-q', '-b', 'main']);
    commit(root, backlog({ a: 'todo', b: 'todo' }), '2026-11-16T09:00:00+01:00', SPRINTS);
    commit(root, backlog({ a: 'in-progress', b: 'todo' }), '2026-11-17T10:00:00+01:00');
    commit(root, backlog({ a: 'in-progress', b: 'in-progress' }), '2026-11-18T23:30:00+01:00');
    commit(root, backlog({ a: 'done', b: 'in-progress' }), '2026-11-19T15:00:00+01:00');
    const ws = loadWorkspace(root);
    const snap = await computeSnapshot(new HistoryEngine(), root, ws, { asOf: Date.parse('2026-11-20T12:00:00+01:00'), cacheDir: false });

    assert.equal(snap.history, 'full');
    assert.match(snap.head ?? '', /^[0-9a-f]{40}$/);
    const a = snap.items.get('PAY-1');
    assert.equal(a?.cycleTimeDays, 3, '17th to 19th inclusive');
    assert.equal(Date.parse(a?.startedAt ?? ''), Date.parse('2026-11-17T10:00:00+01:00'));
    assert.equal(Date.parse(a?.doneAt ?? ''), Date.parse('2026-11-19T15:00:00+01:00'));
    const b = snap.items.get('PAY-2');
    assert.equal(b?.ageDays, 3, 'started the 18th (Berlin), as of the 20th');
    assert.equal(b?.doneAt, undefined);
    assert.equal(snap.sprints.get('S1')?.committed, 8);

    const [pay1, pay2] = ws.items;
    assert.equal(codeLensText(pay1, ws.states, a), 'done · 3 pts · cycle time 3d');
    assert.equal(codeLensText(pay2, ws.states, b), 'in-progress · 5 pts · age 3d');
    assert.match(hoverMarkdown(pay1, ws, { timeline: a }), /started 2026\\-11\\-17 · done 2026\\-11\\-19 · cycle time 3d/);
  });

  it('keeps the ids of deleted items taken: the duplicate-id quick fix skips them', async () => {
    git(root, ['init', '-q', '-b', 'main']);
    commit(root, backlog({ a: 'todo', b: 'todo' }), '2026-11-16T09:00:00+01:00', SPRINTS);
    // PAY-2, the highest id, is deleted and the deletion committed; then PAY-1 is duplicated.
    const one = backlog({ a: 'todo', b: 'todo' }).split('  - id: PAY-2')[0];
    commit(root, one, '2026-11-17T09:00:00+01:00');
    fs.writeFileSync(path.join(root, 'backlog/backlog.yaml'), one + '  - id: PAY-1\n    title: Copy\n');
    const ws = loadWorkspace(root);
    const snap = await computeSnapshot(new HistoryEngine(), root, ws, { asOf: Date.parse('2026-11-20T12:00:00+01:00'), cacheDir: false });
    assert.deepEqual([...(snap.usedIds ?? [])].sort(), ['PAY-1', 'PAY-2']);
    const problem = validateWorkspace(ws).find((p) => p.code === 'duplicate-id');
    assert.ok(problem);
    const fixes = computeQuickFixes(problem, ws, fs.readFileSync(path.join(root, 'backlog/backlog.yaml'), 'utf8'), { nextId: (w) => nextId(w, snap.usedIds ?? []) });
    assert.equal(fixes[0]?.title, 'Change id to `PAY-3` (next free id)');
  });

  it('invents nothing without a repository', async () => {
    fs.mkdirSync(path.join(root, 'backlog'));
    fs.writeFileSync(path.join(root, 'backlog/backlog.yaml'), backlog({ a: 'done', b: 'in-progress' }));
    fs.writeFileSync(path.join(root, 'backlog/sprints.yaml'), SPRINTS);
    const ws = loadWorkspace(root);
    const snap = await computeSnapshot(new HistoryEngine(), root, ws, { asOf: Date.parse('2026-11-20T12:00:00+01:00'), cacheDir: false });
    assert.equal(snap.history, 'none');
    assert.equal(snap.head, undefined);
    assert.equal(snap.items.get('PAY-1')?.cycleTimeDays, undefined);
    assert.equal(codeLensText(ws.items[1], ws.states, snap.items.get('PAY-2')), 'in-progress · 5 pts');
  });

  it('recomputes the health warnings for other thresholds from the same history (no git read)', async () => {
    git(root, ['init', '-q', '-b', 'main']);
    const blocked = backlog({ a: 'todo', b: 'todo' }).replace('    title: Checkout\n', '    title: Checkout\n    blocked: Vendor keys\n');
    commit(root, blocked, '2026-11-16T09:00:00+01:00', SPRINTS);
    const snap = await computeSnapshot(new HistoryEngine(), root, loadWorkspace(root), { asOf: Date.parse('2026-11-20T12:00:00+01:00'), cacheDir: false });
    // Blocked on 11-16 through 11-20: 5 days, at or over the spec's 3.
    assert.deepEqual(snap.health.filter((w) => w.code === 'blocked-long').map((w) => w.ids), [['PAY-2']]);
    const at6 = recomputeSnapshot(snap, { thresholds: { blockedDays: 6 } });
    assert.ok(at6);
    assert.deepEqual(at6.health.filter((w) => w.code === 'blocked-long'), []);
    assert.equal(at6.source?.history, snap.source?.history);
    assert.deepEqual([at6.asOf, at6.head, at6.usedIds], [snap.asOf, snap.head, snap.usedIds]);
    assert.match(recomputeSnapshot(snap, { thresholds: { blockedDays: 5 } })?.health.find((w) => w.code === 'blocked-long')?.message ?? '', /blocked for 5 days or more: PAY-2/);
  });

  it('stops when aborted', async () => {
    git(root, ['init', '-q', '-b', 'main']);
    commit(root, backlog({ a: 'todo', b: 'todo' }), '2026-11-16T09:00:00+01:00', SPRINTS);
    const abort = new AbortController();
    abort.abort();
    await assert.rejects(computeSnapshot(new HistoryEngine(), root, loadWorkspace(root), { signal: abort.signal, cacheDir: false }));
  });
});
