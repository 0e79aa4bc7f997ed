// Audit of the sprint figures (spec docs/spec/metrics.md §1, §3, §4 velocity) on
// real git repositories through `sprintlog metrics --json`. Every expected value
// is hand-computed from the spec in the comments, not taken from the code.
// Calendar: 2026-03-02 is a Monday. Per-item and flow figures: metrics-audit-flow.test.ts.
import * as assert from 'node:assert/strict';
import { Board, cleanupRepos, find, metricsJson, newRepo, SPRINTS, sprintLog } from './helpers/metrics-audit';

after(cleanupRepos);

describe('metrics audit: sprints', function () {
  this.timeout(60000);

  it('committed = end of the start day in Pacific/Auckland (UTC+13): 23:30 local counts, 00:30 next day is scope added', async () => {
    const repo = newRepo(sprintLog('Pacific/Auckland', ['{id: S1, start: 2026-03-02, end: 2026-03-13}']));
    const b = new Board(repo);
    b.set('A', { state: 'todo', points: 3, sprint: 'S1' }).set('B', { state: 'todo', points: 5 }).set('C', { state: 'todo', points: 2 });
    b.commit('2026-02-27T10:00:00+13:00');
    // 23:30 NZDT on the start day = 10:30Z the same UTC day; committed the next morning (committer time does not matter).
    b.set('B', { sprint: 'S1' }).commit('2026-03-02T23:30:00+13:00', '2026-03-03T09:00:00+13:00');
    // 00:30 NZDT on 3 March = 11:30Z on 2 March: a UTC reading would call it committed too.
    const c2 = b.set('C', { sprint: 'S1' }).commit('2026-03-03T00:30:00+13:00');
    const { r } = await metricsJson(repo.dir, '2026-03-04T12:00:00+13:00');
    const s = find(r.sprints, 'S1');
    // committed = A 3 + B 5 = 8 (2 items); C's 2 points entered after the start day.
    assert.deepEqual([s.status, s.committed, s.committedItems, s.unestimated], ['active', 8, 2, []]);
    assert.deepEqual([s.scopeAdded, s.scopeRemoved], [2, 0]);
    assert.deepEqual(s.scopeChanges, [{ time: '2026-03-03T00:30:00+13:00', id: 'C', kind: 'added', points: 2, commit: c2 }]);
    // Active: nothing done at the as-of instant → completed 0 (known, so not null).
    assert.equal(s.completed, 0);
    // Burndown stops at the as-of date (4th): remaining 8 (2nd), 10, 10.
    // Working days 2–6 and 9–13 = 10; ideal = 8 × after / 10: 2nd 9 after → 7.2, 3rd 8 → 6.4, 4th 7 → 5.6.
    assert.deepEqual(s.burndown, [
      { date: '2026-03-02', remaining: 8, ideal: 7.2, working: true },
      { date: '2026-03-03', remaining: 10, ideal: 6.4, working: true },
      { date: '2026-03-04', remaining: 10, ideal: 5.6, working: true },
    ]);
    assert.deepEqual(s.burnup, [
      { date: '2026-03-02', scope: 8, done: 0 },
      { date: '2026-03-03', scope: 10, done: 0 },
      { date: '2026-03-04', scope: 10, done: 0 },
    ]);
  });

  it('America/Los_Angeles (UTC−8): start-day and end-day boundaries; completed for a closed sprint vs an active one (as-of)', async () => {
    const repo = newRepo(sprintLog('America/Los_Angeles', ['{id: S1, start: 2026-03-02, end: 2026-03-06}']));
    const b = new Board(repo);
    b.set('A', { state: 'todo', points: 3, sprint: 'S1' }).set('B', { state: 'todo', points: 5 }).set('C', { state: 'todo', points: 2 });
    b.commit('2026-02-27T10:00:00-08:00');
    b.set('B', { sprint: 'S1' }).commit('2026-03-02T23:30:00-08:00'); // = 07:30Z on the 3rd: still the start day in LA → committed
    b.set('C', { sprint: 'S1' }).commit('2026-03-03T00:30:00-08:00'); // next day → scope added
    b.set('A', { state: 'done' }).commit('2026-03-04T10:00:00-08:00');
    b.set('B', { state: 'done' }).commit('2026-03-06T23:30:00-08:00'); // last day, 23:30 local (07:30Z on the 7th) → counts
    b.set('C', { state: 'done' }).commit('2026-03-07T00:30:00-08:00'); // after the end → does not
    // Closed (as-of the 10th, PDT after the 8 March DST change): completed = A 3 + B 5 = 8.
    const closed = find((await metricsJson(repo.dir, '2026-03-10T12:00:00-07:00')).r.sprints, 'S1');
    assert.deepEqual([closed.status, closed.committed, closed.committedItems, closed.completed, closed.scopeAdded], ['closed', 8, 2, 8, 2]);
    // Remaining per day: 2nd 8; 3rd +C = 10; 4th −A = 7; 5th 7; 6th −B = 2 (C's finish on the 7th is too late).
    // Ideal over 5 working days: 8 × 4/5 = 6.4, 4.8, 3.2, 1.6, 0.
    assert.deepEqual(closed.burndown.map((d) => [d.remaining, d.ideal]), [[8, 6.4], [10, 4.8], [7, 3.2], [7, 1.6], [2, 0]]);
    // Active, as-of the 5th at noon: files of the commit before it, completed at the as-of instant = A 3.
    const mid = find((await metricsJson(repo.dir, '2026-03-10T12:00:00-07:00', ['--as-of', '2026-03-05T12:00:00-08:00'])).r.sprints, 'S1');
    assert.deepEqual([mid.status, mid.committed, mid.completed, mid.burndown.map((d) => d.remaining)], ['active', 8, 3, [8, 10, 7, 7]]);
    // Active on its last day at 23:45: B (23:30) counts, C does not exist as done yet → 8.
    const last = find((await metricsJson(repo.dir, '2026-03-10T12:00:00-07:00', ['--as-of', '2026-03-06T23:45:00-08:00'])).r.sprints, 'S1');
    assert.deepEqual([last.status, last.completed], ['active', 8]);
  });

  it('scope: moved in then out, re-estimates up and down, deleted mid-sprint, unestimated added, carried over after the end (Asia/Tokyo)', async () => {
    const repo = newRepo(sprintLog('Asia/Tokyo', ['{id: S1, start: 2026-03-02, end: 2026-03-13}', '{id: S2, start: 2026-03-16, end: 2026-03-27}']));
    const b = new Board(repo);
    for (const [id, points] of [['A', 3], ['B', 5], ['D', 2], ['E', 1], ['F', 8]] as const) b.set(id, { state: 'todo', points, sprint: 'S1' });
    b.set('U', { state: 'todo', sprint: 'S1' }).set('X', { state: 'todo', points: 4 }); // U unestimated: 0 points, listed
    b.commit('2026-02-27T10:00:00+09:00');
    b.set('Y', { state: 'todo', points: 1, sprint: 'S1' }).commit('2026-03-02T18:00:00+09:00'); // start day → committed
    const c1 = b.set('X', { sprint: 'S1' }).commit('2026-03-03T10:00:00+09:00'); // added 4
    const c2 = b.set('X', { sprint: undefined }).commit('2026-03-04T10:00:00+09:00'); // removed 4
    const c3 = b.set('A', { points: 5 }).commit('2026-03-05T10:00:00+09:00'); // estimate +2
    const c4 = b.set('B', { points: 3 }).commit('2026-03-06T10:00:00+09:00'); // estimate −2
    const c5 = b.del('D').commit('2026-03-09T10:00:00+09:00'); // deleted: removed 2
    b.set('E', { state: 'done' }).commit('2026-03-10T10:00:00+09:00'); // no scope change
    const c7 = b.set('Z', { state: 'todo', sprint: 'S1' }).commit('2026-03-11T10:00:00+09:00'); // added, unestimated: 0 points, null
    const c8 = b.set('Y', { points: 2 }).commit('2026-03-13T23:59:59+09:00'); // last second of the end day: estimate +1
    // Midnight after the end: F carried to S2 and A re-estimated → no scope change of S1.
    b.set('F', { sprint: 'S2' }).set('A', { points: 8 }).commit('2026-03-14T00:00:00+09:00');
    const { r } = await metricsJson(repo.dir, '2026-03-18T12:00:00+09:00');
    const s1 = find(r.sprints, 'S1');
    // committed = A3 + B5 + D2 + E1 + F8 + U0 + Y1 = 20, 7 items, U unestimated.
    assert.deepEqual([s1.status, s1.committed, s1.committedItems, s1.unestimated], ['closed', 20, 7, ['U']]);
    // added = X 4 + A +2 + Z 0 + Y +1 = 7; removed = X 4 + B 2 + D 2 = 8.
    assert.deepEqual([s1.scopeAdded, s1.scopeRemoved], [7, 8]);
    assert.deepEqual(s1.scopeChanges, [
      { time: '2026-03-03T10:00:00+09:00', id: 'X', kind: 'added', points: 4, commit: c1 },
      { time: '2026-03-04T10:00:00+09:00', id: 'X', kind: 'removed', points: 4, commit: c2 },
      { time: '2026-03-05T10:00:00+09:00', id: 'A', kind: 'estimate', points: 2, commit: c3 },
      { time: '2026-03-06T10:00:00+09:00', id: 'B', kind: 'estimate', points: -2, commit: c4 },
      { time: '2026-03-09T10:00:00+09:00', id: 'D', kind: 'removed', points: 2, commit: c5 },
      { time: '2026-03-11T10:00:00+09:00', id: 'Z', kind: 'added', points: null, commit: c7 },
      { time: '2026-03-13T23:59:59+09:00', id: 'Y', kind: 'estimate', points: 1, commit: c8 },
    ]);
    // At the end of the 13th S1 holds A5, B3, E1 (done), F8, U, Y2, Z: completed = 1; remaining = 5+3+8+2 = 18.
    assert.equal(s1.completed, 1);
    assert.equal(s1.burndown[s1.burndown.length - 1].remaining, 18);
    // S2 (active): F carried in before its start day → committed 8, no scope change.
    const s2 = find(r.sprints, 'S2');
    assert.deepEqual([s2.status, s2.committed, s2.committedItems, s2.scopeAdded, s2.scopeRemoved, s2.scopeChanges], ['active', 8, 1, 0, 0, []]);
  });

  it('burndown: remaining per day; ideal falls on working days only, flat on a weekend and a holiday, 0 at the end (Pacific/Auckland)', async () => {
    const repo = newRepo(sprintLog('Pacific/Auckland', ['{id: S1, start: 2026-03-05, end: 2026-03-13}'], ['holidays: [2026-03-10]']));
    const b = new Board(repo);
    b.set('A', { state: 'todo', points: 4, sprint: 'S1' }).set('B', { state: 'todo', points: 2, sprint: 'S1' }).set('C', { state: 'todo', points: 6, sprint: 'S1' });
    b.commit('2026-03-01T10:00:00+13:00');
    b.set('B', { state: 'done' }).commit('2026-03-06T15:00:00+13:00'); // Fri
    b.set('A', { state: 'done' }).commit('2026-03-07T11:00:00+13:00'); // Sat: work on a weekend still burns
    b.set('D', { state: 'todo', points: 3, sprint: 'S1' }).commit('2026-03-10T09:00:00+13:00'); // holiday: scope +3
    b.set('C', { state: 'done' }).commit('2026-03-12T23:30:00+13:00'); // Thu 23:30 local (10:30Z)
    const { r } = await metricsJson(repo.dir, '2026-03-16T12:00:00+13:00');
    const s = find(r.sprints, 'S1');
    // Days Thu 5 .. Fri 13; working: 5, 6, 9, 11, 12, 13 (7–8 weekend, 10 holiday) = 6. committed 12 → ideal = 12 × after / 6 = 2 × after.
    // after: 5th 5 → 10; 6th 4 → 8; 7th, 8th 4 → 8; 9th 3 → 6; 10th 3 → 6; 11th 2 → 4; 12th 1 → 2; 13th 0 → 0.
    // remaining: 12, −B 10, −A 6, 6, 6, +D 9, 9, −C 3, 3.
    assert.deepEqual(s.burndown, [
      { date: '2026-03-05', remaining: 12, ideal: 10, working: true },
      { date: '2026-03-06', remaining: 10, ideal: 8, working: true },
      { date: '2026-03-07', remaining: 6, ideal: 8, working: false },
      { date: '2026-03-08', remaining: 6, ideal: 8, working: false },
      { date: '2026-03-09', remaining: 6, ideal: 6, working: true },
      { date: '2026-03-10', remaining: 9, ideal: 6, working: false },
      { date: '2026-03-11', remaining: 9, ideal: 4, working: true },
      { date: '2026-03-12', remaining: 3, ideal: 2, working: true },
      { date: '2026-03-13', remaining: 3, ideal: 0, working: true },
    ]);
    assert.deepEqual(s.burnup.map((d) => [d.scope, d.done]), [[12, 0], [12, 2], [12, 6], [12, 6], [12, 6], [15, 6], [15, 6], [15, 12], [15, 12]]);
    assert.deepEqual([s.committed, s.completed, s.scopeAdded, s.scopeRemoved], [12, 12, 3, 0]);
  });

  it('velocity: mean completed of the last 3 closed sprints; sprints lists every closed sprint oldest first (UTC)', async () => {
    // Written out of order on purpose: the list is by date.
    const repo = newRepo(sprintLog('UTC', [
      '{id: S3, start: 2026-03-16, end: 2026-03-20}', '{id: S1, start: 2026-03-02, end: 2026-03-06}',
      '{id: S5, start: 2026-03-30, end: 2026-04-03}', '{id: S2, start: 2026-03-09, end: 2026-03-13}', '{id: S4, start: 2026-03-23, end: 2026-03-27}',
    ]));
    const b = new Board(repo);
    b.set('A1', { state: 'todo', points: 5, sprint: 'S1' }).set('A2', { state: 'todo', points: 3, sprint: 'S1' }).set('B1', { state: 'todo', points: 8, sprint: 'S2' });
    b.set('C1', { state: 'todo', points: 6, sprint: 'S3' }).set('D1', { state: 'todo', points: 10, sprint: 'S4' }).set('E1', { state: 'todo', points: 2, sprint: 'S5' });
    b.commit('2026-02-27T10:00:00Z');
    b.set('A1', { state: 'done' }).commit('2026-03-04T10:00:00Z');
    b.set('A2', { sprint: 'S2' }).commit('2026-03-07T10:00:00Z'); // carried over on Saturday
    b.set('B1', { state: 'done' }).commit('2026-03-10T10:00:00Z');
    b.set('A2', { sprint: 'S3' }).commit('2026-03-14T10:00:00Z'); // carried again
    b.set('C1', { state: 'done' }).commit('2026-03-18T10:00:00Z');
    b.set('A2', { state: 'done' }).commit('2026-03-21T10:00:00Z'); // finished the day after S3 ended: not S3's
    b.set('D1', { state: 'done' }).commit('2026-03-25T10:00:00Z');
    const { r } = await metricsJson(repo.dir, '2026-04-01T12:00:00Z');
    // S1 8/5, S2 (B1 8 + A2 3) 11/8, S3 (C1 6 + A2 3) 9/6, S4 10/10; S5 active.
    // average of S2..S4 = (8 + 6 + 10) / 3 = 8.
    assert.deepEqual(r.velocity, {
      window: 3, average: 8,
      sprints: [{ id: 'S1', committed: 8, completed: 5 }, { id: 'S2', committed: 11, completed: 8 }, { id: 'S3', committed: 9, completed: 6 }, { id: 'S4', committed: 10, completed: 10 }],
    });
    // Carry-overs after the end are no scope changes of the sprint left behind.
    assert.deepEqual(r.sprints.map((s) => [s.id, s.status, s.scopeRemoved]), [['S1', 'closed', 0], ['S2', 'closed', 0], ['S3', 'closed', 0], ['S4', 'closed', 0], ['S5', 'active', 0]]);
  });

  it('ideal line, velocity and cycle-time means are exact, not rounded (only cycleTimeHours has one decimal) (UTC)', async () => {
    const repo = newRepo(sprintLog('UTC', ['{id: S1, start: 2026-03-02, end: 2026-03-06}', '{id: S2, start: 2026-03-09, end: 2026-03-13}', '{id: S3, start: 2026-03-16, end: 2026-03-24}']));
    const b = new Board(repo);
    b.set('A', { state: 'todo', points: 5, sprint: 'S1' }).set('B', { state: 'todo', points: 8, sprint: 'S2' });
    b.set('C', { state: 'todo', points: 6, sprint: 'S3' }).set('D', { state: 'todo', points: 4, sprint: 'S3' }).commit('2026-02-27T10:00:00Z');
    b.set('A', { state: 'done' }).commit('2026-03-03T10:00:00Z'); // started and finished by one event: cycle 1
    b.set('B', { state: 'in-progress' }).commit('2026-03-09T10:00:00Z');
    b.set('B', { state: 'done' }).commit('2026-03-10T10:00:00Z'); // cycle 2
    b.set('C', { state: 'in-progress' }).commit('2026-03-16T10:00:00Z');
    b.set('C', { state: 'done' }).commit('2026-03-17T10:00:00Z'); // cycle 2
    const { r } = await metricsJson(repo.dir, '2026-03-25T12:00:00Z');
    // S3 Mon 16 .. Tue 24: working 16–20, 23, 24 = 7 days; committed C 6 + D 4 = 10; ideal = 10 × after / 7.
    const s3 = find(r.sprints, 'S3');
    assert.deepEqual(s3.burndown.map((d) => d.ideal), [6, 5, 4, 3, 2, 2, 2, 1, 0].map((after) => (10 * after) / 7));
    assert.equal(s3.burndown[0].ideal, 8.571428571428571);
    assert.deepEqual(s3.burndown.map((d) => d.remaining), [10, 4, 4, 4, 4, 4, 4, 4, 4]);
    // Velocity: (5 + 8 + 6) / 3 = 6.333…; cycle time mean (1 + 2 + 2) / 3 = 1.666…, every percentile 2.
    assert.equal(r.velocity.average, 19 / 3);
    assert.deepEqual(r.cycleTime, { windowDays: 90, from: '2025-12-26', to: '2026-03-25', count: 3, mean: 5 / 3, p50: 2, p70: 2, p85: 2, p95: 2 });
  });

  it('as-of in the past reproduces that day exactly: later commits, later sprint-log edits and the working tree are ignored', async () => {
    const repo = newRepo(sprintLog('Pacific/Auckland', ['{id: S1, start: 2026-03-02, end: 2026-03-06}']));
    const b = new Board(repo);
    b.set('A', { state: 'todo', points: 3, sprint: 'S1' }).set('B', { state: 'todo', points: 2, sprint: 'S1' });
    b.commit('2026-03-01T10:00:00+13:00');
    b.set('A', { state: 'in-progress' }).commit('2026-03-03T10:00:00+13:00');
    b.set('A', { state: 'done' }).commit('2026-03-04T10:00:00+13:00');
    // A sprint-log-only commit before the as-of instant: a holiday on the 5th and a new sprint.
    repo.write(SPRINTS, sprintLog('Pacific/Auckland', ['{id: S1, start: 2026-03-02, end: 2026-03-06}', '{id: S2, start: 2026-03-09, end: 2026-03-13}'], ['holidays: [2026-03-05]']));
    repo.commit('sprint log', { at: '2026-03-04T15:00:00+13:00' });
    const then = '2026-03-04T18:00:00+13:00';
    const before = await metricsJson(repo.dir, then);
    // That day: S1 active, committed 5, remaining 5, 5, 2; 4 working days (5th holiday): ideal 5 × 3/4 = 3.75, 2.5, 1.25.
    const s1 = find(before.r.sprints, 'S1');
    assert.deepEqual([s1.status, s1.completed, before.r.sprints.length], ['active', 3, 2]);
    assert.deepEqual(s1.burndown.map((d) => [d.remaining, d.ideal]), [[5, 3.75], [5, 2.5], [2, 1.25]]);
    // Later: B done, a review, a new item, and an uncommitted edit.
    b.set('B', { state: 'done' }).commit('2026-03-05T10:00:00+13:00');
    repo.write(SPRINTS, sprintLog('Pacific/Auckland', ['{id: S1, start: 2026-03-02, end: 2026-03-06, review: {satisfaction: 4}}', '{id: S2, start: 2026-03-09, end: 2026-03-13}'], ['holidays: [2026-03-05]']));
    repo.commit('review', { at: '2026-03-05T11:00:00+13:00' });
    b.set('C', { state: 'todo', points: 1, sprint: 'S2' }).commit('2026-03-09T10:00:00+13:00');
    b.set('B', { state: 'todo' }).write();
    const strip = (o: typeof before.r): unknown => ({ ...o, head: null });
    // --as-of and a past SPRINTLOG_NOW both give the document of that day (only `head`, the ref's commit, differs).
    const asOf = await metricsJson(repo.dir, '2026-03-10T12:00:00+13:00', ['--as-of', then]);
    assert.deepEqual(strip(asOf.r), strip(before.r));
    const now = await metricsJson(repo.dir, then);
    assert.deepEqual(strip(now.r), strip(before.r));
  });
  it('merges: a merge that introduces nothing leaves work dated by the branch commit (author time, not committer time) (UTC)', async () => {
    const repo = newRepo(sprintLog('UTC', ['{id: S1, start: 2026-03-02, end: 2026-03-05}']));
    const b = new Board(repo);
    // Filler items keep A's and B's lines apart, so the merge is clean.
    b.set('A', { state: 'todo', points: 3, sprint: 'S1' }).set('F1', { state: 'todo' }).set('F2', { state: 'todo' }).set('B', { state: 'todo', points: 2, sprint: 'S1' });
    b.commit('2026-03-01T10:00:00Z');
    repo.branch('feat');
    b.set('A', { state: 'done' }).commit('2026-03-03T10:00:00Z', '2026-03-08T10:00:00Z'); // rebased: committed on the 8th
    repo.checkout('main');
    b.set('A', { state: 'todo' }).set('B', { state: 'in-progress' }).commit('2026-03-04T10:00:00Z');
    const m = repo.merge('feat', { at: '2026-03-06T10:00:00Z' });
    assert.equal(m.conflict, false);
    const { r } = await metricsJson(repo.dir, '2026-03-09T12:00:00Z');
    const a = find(r.items, 'A');
    assert.deepEqual([a.state, a.startedAt, a.doneAt, a.cycleTimeDays, a.cycleTimeHours], ['done', '2026-03-03T10:00:00+00:00', '2026-03-03T10:00:00+00:00', 1, 0]);
    // S1 ended on the 5th; A's finish is dated on the 3rd by the branch commit, so it counts although merged on the 6th.
    const s = find(r.sprints, 'S1');
    assert.deepEqual([s.committed, s.completed], [5, 3]);
    assert.deepEqual(s.burndown.map((d) => d.remaining), [5, 2, 2, 2]);
    // The merge introduced nothing: nothing happens on the 6th.
    assert.deepEqual(r.throughput?.map((t) => [t.date, t.count]), [['2026-03-01', 0], ['2026-03-02', 0], ['2026-03-03', 1], ['2026-03-04', 0], ['2026-03-05', 0], ['2026-03-06', 0], ['2026-03-07', 0], ['2026-03-08', 0], ['2026-03-09', 0]]);
    // End of the 5th and of the 6th alike: F1, F2 todo; B in-progress; A done.
    const cfd = (date: string): Record<string, number> | undefined => r.cfd?.find((d) => d.date === date)?.states;
    assert.deepEqual(cfd('2026-03-05'), { todo: 2, 'in-progress': 1, review: 0, done: 1 });
    assert.deepEqual(cfd('2026-03-06'), cfd('2026-03-05'));
  });

  it('merges: a conflict resolution introduces only the value it resolved differently from both sides, at the merge author time (UTC)', async () => {
    const repo = newRepo(sprintLog('UTC', ['{id: S1, start: 2026-03-02, end: 2026-03-13}']));
    const b = new Board(repo);
    b.set('A', { state: 'todo', points: 3, sprint: 'S1' }).set('F1', { state: 'todo' }).set('F2', { state: 'todo' }).set('B', { state: 'todo', points: 2, sprint: 'S1' });
    b.commit('2026-03-01T10:00:00Z');
    repo.branch('feat');
    const cf = b.set('A', { points: 8, state: 'done' }).set('B', { points: 4 }).commit('2026-03-04T10:00:00Z', '2026-03-10T10:00:00Z');
    repo.checkout('main');
    b.set('A', { points: 5, state: 'todo' }).set('B', { points: 3 });
    const cm = b.commit('2026-03-03T10:00:00Z');
    assert.equal(repo.merge('feat', { at: '2026-03-06T10:00:00Z', committedAt: '2026-03-09T10:00:00Z' }).conflict, true);
    // Resolved: A 13 points (neither side's) and done (the branch's); B 4 (the branch's).
    const merge = b.set('A', { points: 13, state: 'done' }).set('B', { points: 4 }).commit('2026-03-06T10:00:00Z', '2026-03-09T10:00:00Z');
    const { r } = await metricsJson(repo.dir, '2026-03-16T12:00:00Z');
    const s = find(r.sprints, 'S1');
    // Points over time: A 3 → 5 (main, 3rd) → 8 (branch, 4th) → 13 (merge, 6th); B 2 → 3 (3rd) → 4 (4th), none at the merge.
    // committed 3 + 2 = 5; added = 2 + 1 + 3 + 1 + 5 = 12.
    assert.deepEqual([s.committed, s.scopeAdded, s.scopeRemoved, s.completed], [5, 12, 0, 13]);
    // Changes of one commit are listed in no particular item order: sorted by time, then id.
    const changes = (s.scopeChanges ?? []).map((c) => [c.time, c.id, c.kind, c.points, c.commit]).sort((x, y) => `${x[0]} ${x[1]}`.localeCompare(`${y[0]} ${y[1]}`));
    assert.deepEqual(changes, [
      ['2026-03-03T10:00:00+00:00', 'A', 'estimate', 2, cm], ['2026-03-03T10:00:00+00:00', 'B', 'estimate', 1, cm],
      ['2026-03-04T10:00:00+00:00', 'A', 'estimate', 3, cf], ['2026-03-04T10:00:00+00:00', 'B', 'estimate', 1, cf],
      ['2026-03-06T10:00:00+00:00', 'A', 'estimate', 5, merge],
    ]);
    // A's state came from the branch (author time 4th, committed 10th): done on the 4th, not at the merge.
    assert.equal(find(r.items, 'A').doneAt, '2026-03-04T10:00:00+00:00');
  });

  it('the uncommitted working tree is one pending change at the as-of instant (Asia/Tokyo)', async () => {
    const repo = newRepo(sprintLog('Asia/Tokyo', ['{id: S1, start: 2026-03-02, end: 2026-03-13}']));
    const b = new Board(repo);
    b.set('A', { state: 'todo', points: 3, sprint: 'S1' }).set('B', { state: 'in-progress', points: 5, sprint: 'S1' });
    b.commit('2026-03-01T10:00:00+09:00');
    b.set('A', { state: 'in-progress' }).commit('2026-03-03T10:00:00+09:00');
    b.set('A', { state: 'done' }).set('N', { state: 'todo', points: 2, sprint: 'S1' }).write();
    const { r } = await metricsJson(repo.dir, '2026-03-05T15:00:00+09:00');
    assert.equal(r.uncommitted, true);
    const a = find(r.items, 'A');
    // Started 3rd 10:00, done at as-of (5th 15:00): 5 − 3 + 1 = 3 days, 48 h + 5 h = 53 h.
    assert.deepEqual([a.startedAt, a.doneAt, a.cycleTimeDays, a.cycleTimeHours], ['2026-03-03T10:00:00+09:00', '2026-03-05T15:00:00+09:00', 3, 53]);
    const s = find(r.sprints, 'S1');
    assert.deepEqual(s.scopeChanges, [{ time: '2026-03-05T15:00:00+09:00', id: 'N', kind: 'added', points: 2, commit: 'WORKTREE' }]);
    // remaining: 8, 8, 8, then at as-of 8 − A 3 + N 2 = 7; completed at as-of = 3.
    assert.deepEqual([s.committed, s.completed, s.scopeAdded, s.burndown.map((d) => d.remaining)], [8, 3, 2, [8, 8, 8, 7]]);
    assert.deepEqual(r.throughput?.find((t) => t.date === '2026-03-05')?.ids, ['A']);
  });
});
