// Audit of the per-item and flow figures (spec docs/spec/metrics.md §2, §4, §6
// nulls) on real git repositories through `sprintlog metrics --json`. Every
// expected value is hand-computed from the spec in the comments.
// Calendar: 2026-03-02 is a Monday; Los Angeles moves from PST (−08:00) to PDT (−07:00) on Sunday 2026-03-08.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ItemMetrics, MetricsReport } from '../../src/core/metrics';
import { backlogYaml } from './helpers/gitrepo';
import { BACKLOG, Board, cleanupRepos, find, metricsJson, newRepo, SPRINTS, sprintLog } from './helpers/metrics-audit';

after(cleanupRepos);

type Row = Pick<ItemMetrics, 'state' | 'startedAt' | 'doneAt' | 'cycleTimeDays' | 'cycleTimeHours' | 'leadTimeDays' | 'ageDays' | 'reopened' | 'blockedDays'>;
const row = (i: ItemMetrics): Row => ({
  state: i.state, startedAt: i.startedAt, doneAt: i.doneAt, cycleTimeDays: i.cycleTimeDays, cycleTimeHours: i.cycleTimeHours,
  leadTimeDays: i.leadTimeDays, ageDays: i.ageDays, reopened: i.reopened, blockedDays: i.blockedDays,
});

describe('metrics audit: items and flow', function () {
  this.timeout(60000);

  it('per item: start, finish (done → done, reopen), cycle/lead time, age, overrides, blocked days (America/Los_Angeles)', async () => {
    const repo = newRepo(sprintLog('America/Los_Angeles', ['{id: S1, start: 2026-03-02, end: 2026-03-13}']));
    const b = new Board(repo, { states: { todo: 'todo', 'in-progress': 'doing', review: 'doing', done: 'done', accepted: 'done' } });
    for (const id of ['P', 'R', 'U', 'V']) b.set(id, { state: 'todo' });
    b.set('Q', { state: 'todo', created: '2026-02-20' });
    b.set('S', { state: 'todo', started: '2026-03-01T09:00:00-08:00', finished: '2026-03-02T17:30:00-08:00' });
    b.set('T', { state: 'todo', started: '2026-03-02' });
    b.commit('2026-03-02T09:00:00-08:00');
    b.set('P', { state: 'in-progress' }).set('S', { state: 'in-progress' }).set('T', { state: 'in-progress' }).set('V', { blocked: 'waiting' }).commit('2026-03-03T10:00:00-08:00');
    b.set('Q', { state: 'in-progress' }).commit('2026-03-03T12:00:00-08:00');
    b.set('R', { state: 'in-progress' }).commit('2026-03-04T08:00:00-08:00');
    b.set('P', { state: 'review' }).commit('2026-03-04T11:00:00-08:00');
    b.set('Q', { state: 'done' }).commit('2026-03-04T12:00:00-08:00');
    b.set('Q', { state: 'in-progress' }).set('V', { blocked: undefined }).commit('2026-03-05T09:00:00-08:00');
    b.set('P', { state: 'done' }).set('S', { state: 'done' }).set('T', { state: 'done' }).commit('2026-03-05T16:30:00-08:00');
    b.set('V', { blocked: 'again' }).commit('2026-03-06T08:00:00-08:00');
    b.set('P', { state: 'accepted' }).commit('2026-03-06T09:00:00-08:00'); // done → done: doneAt unchanged
    b.set('Q', { state: 'done' }).commit('2026-03-06T15:06:00-08:00'); // done again: the latest counts
    b.set('V', { blocked: undefined }).commit('2026-03-06T17:00:00-08:00'); // blocked and unblocked the same day: 0 days
    b.set('U', { state: 'in-progress' }).commit('2026-03-07T09:00:00-08:00');
    b.set('U', { state: 'done' }).commit('2026-03-09T09:00:00-07:00'); // across the DST change
    b.set('V', { blocked: 'third time' }).commit('2026-03-09T20:00:00-07:00'); // still blocked at as-of
    const { r } = await metricsJson(repo.dir, '2026-03-10T12:00:00-07:00');
    const items = Object.fromEntries(r.items.map((i) => [i.id, row(i)]));
    // P: started 3rd 10:00, done 5th 16:30 (→ accepted on the 6th keeps it): 3 days, 48 + 6.5 = 54.5 h; lead from its first event (2nd): 4.
    assert.deepEqual(items.P, { state: 'accepted', startedAt: '2026-03-03T10:00:00-08:00', doneAt: '2026-03-05T16:30:00-08:00', cycleTimeDays: 3, cycleTimeHours: 54.5, leadTimeDays: 4, ageDays: null, reopened: 0, blockedDays: 0 });
    // Q: started 3rd 12:00, done 4th, reopened 5th, done 6th 15:06: 4 days, 72 + 3.1 = 75.1 h; lead from created 20 Feb: 8 + 6 + 1 = 15.
    assert.deepEqual(items.Q, { state: 'done', startedAt: '2026-03-03T12:00:00-08:00', doneAt: '2026-03-06T15:06:00-08:00', cycleTimeDays: 4, cycleTimeHours: 75.1, leadTimeDays: 15, ageDays: null, reopened: 1, blockedDays: 0 });
    // R: in progress since the 4th, as-of the 10th: 10 − 4 + 1 = 7 days old.
    assert.deepEqual(items.R, { state: 'in-progress', startedAt: '2026-03-04T08:00:00-08:00', doneAt: null, cycleTimeDays: null, cycleTimeHours: null, leadTimeDays: null, ageDays: 7, reopened: 0, blockedDays: 0 });
    // S: started:/finished: override history: 1st 09:00 → 2nd 17:30 = 2 days, 32.5 h; lead from first event (2nd) to the 2nd: 1.
    assert.deepEqual(items.S, { state: 'done', startedAt: '2026-03-01T09:00:00-08:00', doneAt: '2026-03-02T17:30:00-08:00', cycleTimeDays: 2, cycleTimeHours: 32.5, leadTimeDays: 1, ageDays: null, reopened: 0, blockedDays: 0 });
    // T: started: as a bare day → that day (2nd) to the 5th: 4 days; hours need a time of day the file does not give.
    assert.deepEqual([items.T.startedAt?.slice(0, 10), items.T.cycleTimeDays, items.T.leadTimeDays], ['2026-03-02', 4, 4]);
    // U: 7th 09:00 PST (17:00Z) → 9th 09:00 PDT (16:00Z) = 47 elapsed hours, 3 calendar days; lead 2nd → 9th = 8.
    assert.deepEqual([items.U.cycleTimeDays, items.U.cycleTimeHours, items.U.leadTimeDays], [3, 47, 8]);
    // V: blocked at end of the 3rd and 4th (unblocked 5th), not the 6th (same-day block), the 9th and the as-of day: 4.
    assert.deepEqual([items.V.state, items.V.blockedDays, items.V.ageDays, items.V.startedAt], ['todo', 4, null, null]);
  });

  it('cycle time: nearest-rank percentiles of n = 7 over the 90 days ending on the as-of date, inclusive; throughput per day (UTC)', async () => {
    const repo = newRepo(sprintLog('UTC', []));
    const b = new Board(repo);
    // [item, started:, done day]: cycle = done − started + 1.
    const plan: [string, string, string][] = [
      ['I8', '2026-03-01', '2026-04-01'], // 32, the day before the window: out
      ['I6', '2026-03-21', '2026-04-02'], // 11 + 2 = 13, first day of the window: in
      ['I5', '2026-04-20', '2026-04-27'], // 8
      ['I3', '2026-05-01', '2026-05-03'], // 3
      ['I4', '2026-05-06', '2026-05-10'], // 5
      ['I7', '2026-05-07', '2026-05-30'], // 24
      ['I2', '2026-06-28', '2026-06-29'], // 2
      ['I1', '2026-06-30', '2026-06-30'], // 1, the as-of day: in
    ];
    for (const [id, started] of plan) b.set(id, { state: 'in-progress', started });
    b.commit('2026-03-01T10:00:00Z');
    for (const [id, , done] of plan) b.set(id, { state: 'done' }).commit(`${done}T10:00:00Z`);
    const { r } = await metricsJson(repo.dir, '2026-06-30T12:00:00Z');
    assert.deepEqual(r.items.map((i) => [i.id, i.cycleTimeDays]), plan.map(([id], k) => [id, [32, 13, 8, 3, 5, 24, 2, 1][k]]));
    // Window: 2026-06-30 − 89 days = 2026-04-02 (June 29 + May 31 + 29 April days back). Sorted: 1 2 3 5 8 13 24, sum 56.
    // p50 rank ceil(3.5) = 4 → 5; p70 rank ceil(4.9) = 5 → 8; p85 rank ceil(5.95) = 6 → 13; p95 rank ceil(6.65) = 7 → 24; mean 8.
    assert.deepEqual(r.cycleTime, { windowDays: 90, from: '2026-04-02', to: '2026-06-30', count: 7, mean: 8, p50: 5, p70: 8, p85: 13, p95: 24 });
    // Throughput: 1 March (first event) .. 30 June = 31 + 30 + 31 + 30 = 122 days, one finish on each done day.
    const tp = r.throughput ?? [];
    assert.deepEqual([tp.length, tp[0].date, tp[tp.length - 1].date, tp.reduce((n, t) => n + t.count, 0)], [122, '2026-03-01', '2026-06-30', 8]);
    assert.deepEqual(tp.filter((t) => t.count > 0).map((t) => [t.date, t.ids]), plan.map(([id, , done]) => [done, [id]]));
  });

  it('throughput and CFD per calendar day: existing items only, day boundaries in Asia/Tokyo', async () => {
    const repo = newRepo(sprintLog('Asia/Tokyo', []));
    const b = new Board(repo);
    b.set('A', { state: 'todo' }).set('B', { state: 'todo' }).set('C', { state: 'todo' }).commit('2026-03-02T10:00:00+09:00');
    b.set('A', { state: 'in-progress' }).set('B', { state: 'in-progress' }).commit('2026-03-03T10:00:00+09:00');
    b.set('A', { state: 'done' }).del('C').commit('2026-03-04T10:00:00+09:00');
    b.set('B', { state: 'done' }).set('D', { state: 'todo' }).commit('2026-03-05T10:00:00+09:00');
    b.set('D', { state: 'in-progress' }).commit('2026-03-06T00:30:00+09:00'); // 15:30Z on the 5th: a Tokyo 6th
    const { r } = await metricsJson(repo.dir, '2026-03-06T12:00:00+09:00');
    const cfd = (todo: number, doing: number, done: number): Record<string, number> => ({ todo, 'in-progress': doing, review: 0, done });
    // 2nd A B C todo; 3rd C todo, A B doing; 4th A done, B doing, C deleted; 5th D todo, A B done; 6th D doing.
    assert.deepEqual(r.cfd, [
      { date: '2026-03-02', states: cfd(3, 0, 0) },
      { date: '2026-03-03', states: cfd(1, 2, 0) },
      { date: '2026-03-04', states: cfd(0, 1, 1) },
      { date: '2026-03-05', states: cfd(1, 0, 2) },
      { date: '2026-03-06', states: cfd(0, 1, 2) },
    ]);
    assert.deepEqual(r.throughput, [
      { date: '2026-03-02', count: 0, ids: [] }, { date: '2026-03-03', count: 0, ids: [] }, { date: '2026-03-04', count: 1, ids: ['A'] },
      { date: '2026-03-05', count: 1, ids: ['B'] }, { date: '2026-03-06', count: 0, ids: [] },
    ]);
  });

  it('health warnings at their thresholds: behind-ideal, scope-creep, overcommitted, satisfaction-drop (UTC)', async () => {
    const repo = newRepo(sprintLog('UTC', [
      '{id: S1, start: 2026-03-02, end: 2026-03-06, review: {satisfaction: 5}}', '{id: S2, start: 2026-03-09, end: 2026-03-13, review: {satisfaction: 4}}',
      '{id: S3, start: 2026-03-16, end: 2026-03-20, capacity: 8}', '{id: S4, start: 2026-03-23, end: 2026-03-27, capacity: 1}',
    ]));
    const b = new Board(repo);
    b.set('A', { state: 'todo', points: 5, sprint: 'S1' }).set('B', { state: 'todo', points: 1 }).set('C', { state: 'todo', points: 5, sprint: 'S2' });
    for (const [id, points] of [['X', 6], ['Y', 2], ['Z', 2]] as const) b.set(id, { state: 'todo', points, sprint: 'S3' });
    b.set('W', { state: 'todo', points: 2, sprint: 'S4' }).commit('2026-02-27T10:00:00Z');
    b.set('B', { sprint: 'S1' }).commit('2026-03-03T10:00:00Z'); // +1 on 5 committed = 20 %: not more than 20 %
    b.set('A', { state: 'done' }).set('B', { state: 'done' }).commit('2026-03-05T10:00:00Z');
    b.set('D', { state: 'todo', points: 2, sprint: 'S2' }).commit('2026-03-10T10:00:00Z'); // +2 on 5 = 40 %: scope creep
    b.set('C', { state: 'done' }).set('D', { state: 'done' }).commit('2026-03-12T10:00:00Z');
    b.set('Y', { state: 'done' }).set('Z', { state: 'done' }).commit('2026-03-18T10:00:00Z');
    const codes = (r: MetricsReport): [string, string[]][] => r.warnings.map((w) => [w.code, w.ids]);
    // As of the 17th: S3 remaining 10, ideal 10 × 3/5 = 6, 4 over > 20 % of 10 → behind-ideal.
    // Velocity (6 + 7) / 2 = 6.5; S3 committed 10 > capacity 8 (and > 7.8); S4 (planned) 2 > capacity 1.
    // Ratings 5, 4: mean 4.5, last 4 is 0.5 below → satisfaction-drop (0.5 or more).
    const early = (await metricsJson(repo.dir, '2026-03-25T12:00:00Z', ['--as-of', '2026-03-17T12:00:00Z'])).r;
    assert.equal(early.velocity.average, 6.5);
    assert.deepEqual(codes(early), [['behind-ideal', ['S3']], ['scope-creep', ['S2']], ['overcommitted', ['S3']], ['overcommitted', ['S4']], ['satisfaction-drop', ['S2']]]);
    // As of the 18th: remaining 6, ideal 10 × 2/5 = 4: 2 over = exactly 20 % → not behind.
    const later = (await metricsJson(repo.dir, '2026-03-25T12:00:00Z', ['--as-of', '2026-03-18T12:00:00Z'])).r;
    assert.deepEqual(codes(later).map(([c]) => c), ['scope-creep', 'overcommitted', 'overcommitted', 'satisfaction-drop']);
  });

  // Items and a closed sprint S1 for the no-history cases: every history-based figure must be null, never 0.
  const ITEMS = [
    { id: 'A', title: 'A', state: 'done', points: 3, sprint: 'S1' },
    { id: 'B', title: 'B', state: 'in-progress', points: 2, sprint: 'S1', blocked: 'x' },
  ];
  const LOG = sprintLog('UTC', ['{id: S1, start: 2026-03-02, end: 2026-03-06}']);
  function assertNoHistory(r: MetricsReport, status: string): void {
    assert.equal(r.history, status);
    for (const i of r.items) {
      assert.deepEqual([i.startedAt, i.doneAt, i.cycleTimeDays, i.cycleTimeHours, i.leadTimeDays, i.ageDays, i.reopened, i.blockedDays], [null, null, null, null, null, null, null, null], i.id);
    }
    const s = find(r.sprints, 'S1');
    assert.deepEqual([s.status, s.committed, s.committedItems, s.unestimated, s.completed, s.scopeAdded, s.scopeRemoved, s.scopeChanges], ['closed', null, null, null, null, null, null, null]);
    assert.ok(s.burndown.length === 5 && s.burndown.every((d) => d.remaining === null && d.ideal === null));
    assert.ok(s.burnup.every((d) => d.scope === null && d.done === null));
    assert.deepEqual(r.velocity, { window: 3, average: null, sprints: [{ id: 'S1', committed: null, completed: null }] });
    assert.deepEqual([r.cycleTime, r.throughput, r.cfd, r.forecast], [null, null, null, null]);
    assert.ok(r.warnings.some((w) => w.code === 'history'));
  }

  it('history "none" (no repository): history-based figures are null, never 0', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-nogit-'));
    try {
      fs.mkdirSync(path.join(dir, 'backlog'));
      fs.writeFileSync(path.join(dir, SPRINTS), LOG);
      fs.writeFileSync(path.join(dir, BACKLOG), backlogYaml(ITEMS));
      assertNoHistory((await metricsJson(dir, '2026-03-10T12:00:00Z')).r, 'none');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('history "none" (backlog file never committed): history-based figures are null, never 0', async () => {
    const repo = newRepo(LOG);
    repo.commit('sprint log only', { at: '2026-02-27T10:00:00Z' });
    repo.write(BACKLOG, backlogYaml(ITEMS));
    assertNoHistory((await metricsJson(repo.dir, '2026-03-10T12:00:00Z')).r, 'none');
  });

  it('history "shallow": history-based figures are null, never 0', async () => {
    const repo = newRepo(LOG);
    const b = new Board(repo);
    b.set('A', { state: 'todo', points: 3, sprint: 'S1' }).set('B', { state: 'todo', points: 2, sprint: 'S1' }).commit('2026-02-27T10:00:00Z');
    b.set('A', { state: 'in-progress' }).set('B', { state: 'in-progress', blocked: 'x' }).commit('2026-03-03T10:00:00Z');
    b.set('A', { state: 'done' }).commit('2026-03-04T10:00:00Z');
    const clone = repo.shallowClone(1);
    const { r, err } = await metricsJson(clone.dir, '2026-03-10T12:00:00Z');
    assert.match(err, /shallow/);
    assertNoHistory(r, 'shallow');
  });
});
