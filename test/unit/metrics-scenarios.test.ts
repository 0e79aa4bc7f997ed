// Metrics on REAL git repositories (temp folders): HistoryEngine.read + computeMetrics.
// Every expected value is worked out by hand in the comments. Zone: Europe/Berlin
// (UTC+1 until 2026-03-29, UTC+2 after). `day(n, h)` = 2026-03-02 + n days, h:00 UTC.
import * as assert from 'node:assert/strict';
import { WORKTREE, type History } from '../../src/core/history';
import { TestHistory } from './helpers/history';
import { computeMetrics, type MetricsReport } from '../../src/core/metrics';
import { loadWorkspace } from '../../src/core/parse/workspace';
import { backlogYaml, day, GitRepo } from './helpers/gitrepo';

const hist = new TestHistory();

const BACKLOG = 'backlog/backlog.yaml';
const repos: GitRepo[] = [];

function newRepo(sprints: string, extra = ''): GitRepo {
  const repo = GitRepo.create();
  repos.push(repo);
  repo.write('backlog/sprints.yaml', `version: 1\ntimezone: Europe/Berlin\n${extra}sprints:\n${sprints}`);
  return repo;
}

type Fields = Record<string, unknown>;
function item(id: string, state: string, points?: number, sprint?: string, more: Fields = {}): Fields {
  return { id, title: `Item ${id}`, state, ...(points === undefined ? {} : { points }), ...(sprint === undefined ? {} : { sprint }), ...more };
}

function commitItems(repo: GitRepo, at: string, items: Fields[], o: { committedAt?: string; file?: string; extra?: Fields } = {}): string {
  repo.write(o.file ?? BACKLOG, backlogYaml(items, o.extra));
  return repo.commit(`change at ${at}`, { at, committedAt: o.committedAt });
}

async function analyse(repo: GitRepo, asOfIso: string): Promise<{ r: MetricsReport; h: History }> {
  const asOf = Date.parse(asOfIso);
  const h = await hist.read(repo.dir, { asOf, cacheDir: false });
  return { r: computeMetrics({ workspace: loadWorkspace(repo.dir), history: h, asOf, ref: 'HEAD' }), h };
}

const find = <T extends { id: string }>(list: T[], id: string): T => {
  const x = list.find((i) => i.id === id);
  assert.ok(x, `no ${id}`);
  return x;
};
const remaining = (r: MetricsReport, sprint = 'S1'): (number | null)[] => find(r.sprints, sprint).burndown.map((d) => d.remaining);

after(() => {
  for (const r of repos) r.cleanup();
});

describe('metrics scenarios on real git repositories', function () {
  this.timeout(60000);

  it('1. day boundaries are Berlin days, not UTC days', async () => {
    const repo = newRepo('  - {id: S1, start: 2026-03-02, end: 2026-03-06}\n');
    commitItems(repo, day(-3, 10), [item('A', 'todo', 3, 'S1'), item('B', 'todo', 5), item('C', 'todo', 2)]);
    // 22:30Z on 2 Mar = 23:30 Berlin, still the start day → committed.
    commitItems(repo, day(0, 22, 30), [item('A', 'todo', 3, 'S1'), item('B', 'todo', 5, 'S1'), item('C', 'todo', 2)]);
    // 23:30Z on 2 Mar = 00:30 Berlin on 3 Mar → after end of the start day: scope added (in UTC it would be committed).
    const c2 = commitItems(repo, day(0, 23, 30), [item('A', 'todo', 3, 'S1'), item('B', 'todo', 5, 'S1'), item('C', 'todo', 2, 'S1')]);
    // 22:59:59Z on 6 Mar = 23:59:59 Berlin, the last second of the end day → completed.
    commitItems(repo, '2026-03-06T22:59:59Z', [item('A', 'done', 3, 'S1'), item('B', 'todo', 5, 'S1'), item('C', 'todo', 2, 'S1')]);
    // 23:00Z on 6 Mar = 00:00 Berlin on 7 Mar → too late (in UTC it would count).
    commitItems(repo, day(4, 23), [item('A', 'done', 3, 'S1'), item('B', 'done', 5, 'S1'), item('C', 'todo', 2, 'S1')]);
    const { r } = await analyse(repo, day(8));
    const s1 = find(r.sprints, 'S1');
    assert.deepEqual([s1.committed, s1.committedItems, s1.completed, s1.scopeAdded, s1.scopeRemoved], [8, 2, 3, 2, 0]); // A3+B5; A3
    assert.deepEqual(s1.scopeChanges, [{ time: '2026-03-03T00:30:00+01:00', id: 'C', kind: 'added', points: 2, commit: c2 }]);
    // remaining at end of each Berlin day: 2nd A3+B5 = 8; 3rd +C2 = 10; 4th, 5th 10; 6th A done → 7.
    assert.deepEqual(remaining(r), [8, 10, 10, 10, 7]);
    // ideal = 8 × working days after D / 5.
    assert.deepEqual(s1.burndown.map((d) => d.ideal), [6.4, 4.8, 3.2, 1.6, 0]);
    assert.equal(find(r.items, 'A').doneAt, '2026-03-06T23:59:59+01:00');
    assert.equal(find(r.items, 'B').doneAt, '2026-03-07T00:00:00+01:00');
    const tp = r.throughput!;
    assert.deepEqual(find(tp.map((t) => ({ ...t, id: t.date })), '2026-03-06').ids, ['A']);
    assert.deepEqual(find(tp.map((t) => ({ ...t, id: t.date })), '2026-03-07').ids, ['B']);
    const cfd = r.cfd!.find((d) => d.date === '2026-03-06')!;
    assert.deepEqual(cfd.states, { todo: 2, 'in-progress': 0, review: 0, done: 1 }); // B, C todo; A done
  });

  it('2. a DST change inside the sprint, with a holiday', async () => {
    // S1 23 Mar – 3 Apr; 3 Apr (Good Friday) is a holiday → 9 working days; Berlin goes to UTC+2 on Sun 29 Mar.
    const repo = newRepo('  - {id: S1, start: 2026-03-23, end: 2026-04-03}\n', 'holidays: [2026-04-03]\n');
    commitItems(repo, '2026-03-20T10:00:00Z', [item('A', 'todo', 4, 'S1'), item('B', 'todo', 5, 'S1')]);
    commitItems(repo, '2026-03-28T09:00:00Z', [item('A', 'in-progress', 4, 'S1'), item('B', 'todo', 5, 'S1')]);
    // 21:30Z on 29 Mar = 23:30+02:00, still the 29th in Berlin.
    commitItems(repo, '2026-03-29T21:30:00Z', [item('A', 'done', 4, 'S1'), item('B', 'todo', 5, 'S1')]);
    // 22:30Z on 29 Mar = 00:30+02:00 on the 30th (a fixed +01:00 would wrongly say 23:30 on the 29th).
    commitItems(repo, '2026-03-29T22:30:00Z', [item('A', 'done', 4, 'S1'), item('B', 'done', 5, 'S1')]);
    const { r } = await analyse(repo, '2026-04-06T12:00:00Z');
    const s1 = find(r.sprints, 'S1');
    const a = find(r.items, 'A');
    assert.equal(a.startedAt, '2026-03-28T10:00:00+01:00');
    assert.equal(a.doneAt, '2026-03-29T23:30:00+02:00');
    assert.equal(a.cycleTimeDays, 2); // 29 − 28 + 1
    assert.equal(a.cycleTimeHours, 36.5); // 09:00Z on 28th → 21:30Z on 29th
    assert.equal(find(r.items, 'B').doneAt, '2026-03-30T00:30:00+02:00');
    // 23..27 working; 28, 29 weekend; 30..2 working; 3 Apr holiday. ideal = 9 × after / 9 = working days after D.
    assert.deepEqual(s1.burndown.map((d) => [d.date.slice(5), d.remaining, d.ideal, d.working]), [
      ['03-23', 9, 8, true], ['03-24', 9, 7, true], ['03-25', 9, 6, true], ['03-26', 9, 5, true], ['03-27', 9, 4, true],
      ['03-28', 9, 4, false], ['03-29', 5, 4, false], ['03-30', 0, 3, true], ['03-31', 0, 2, true], ['04-01', 0, 1, true],
      ['04-02', 0, 0, true], ['04-03', 0, 0, false],
    ]);
    assert.equal(s1.completed, 9);
  });

  it('3. a merge that introduces nothing: work is dated by the branch commits', async () => {
    const repo = newRepo('  - {id: S1, start: 2026-03-02, end: 2026-03-13}\n');
    commitItems(repo, day(0, 9), [item('A', 'todo', 3, 'S1')]);
    repo.branch('feat');
    commitItems(repo, day(2, 10), [item('A', 'in-progress', 3, 'S1')]);
    commitItems(repo, day(3, 15), [item('A', 'done', 3, 'S1')]);
    repo.checkout('main');
    commitItems(repo, day(4, 9), [item('A', 'todo', 3, 'S1'), item('B', 'todo', 2)]);
    const m = repo.merge('feat', { at: day(8, 16) });
    assert.equal(m.conflict, false);
    const { r, h } = await analyse(repo, day(14));
    assert.deepEqual(h.events.filter((e) => e.commit === m.hash), []);
    const a = find(r.items, 'A');
    assert.equal(a.startedAt, '2026-03-04T11:00:00+01:00'); // branch commit, 10:00Z
    assert.equal(a.doneAt, '2026-03-05T16:00:00+01:00'); // branch commit, not the merge on the 10th
    assert.equal(a.cycleTimeHours, 29); // 4th 10:00Z → 5th 15:00Z
    assert.equal(a.leadTimeDays, 4); // first event 2nd: 5 − 2 + 1
    assert.deepEqual(remaining(r).slice(0, 5), [3, 3, 3, 0, 0]);
    assert.equal(find(r.sprints, 'S1').completed, 3);
  });

  it('4. a merge that resolves a conflict introduces the resolved value', async () => {
    const repo = newRepo('  - {id: S1, start: 2026-03-02, end: 2026-03-13}\n');
    commitItems(repo, day(0, 9), [item('A', 'todo', 5, 'S1')]);
    repo.branch('feat');
    const c1 = commitItems(repo, day(2, 9), [item('A', 'todo', 3, 'S1')]);
    repo.checkout('main');
    const c2 = commitItems(repo, day(3, 9), [item('A', 'todo', 8, 'S1')]);
    assert.equal(repo.merge('feat', { at: day(4, 10) }).conflict, true);
    const merge = commitItems(repo, day(4, 10), [item('A', 'todo', 6, 'S1')]);
    const { r, h } = await analyse(repo, day(14));
    // 6 differs from both parents (8 and 3): the merge introduces exactly that.
    assert.deepEqual(h.events.filter((e) => e.commit === merge).map((e) => [e.field, e.value]), [['points', 6]]);
    const s1 = find(r.sprints, 'S1');
    // Values in time order: 5 (2nd), 3 (4th, branch), 8 (5th, main), 6 (6th, merge) → −2, +5, −2.
    assert.deepEqual(s1.scopeChanges, [
      { time: '2026-03-04T10:00:00+01:00', id: 'A', kind: 'estimate', points: -2, commit: c1 },
      { time: '2026-03-05T10:00:00+01:00', id: 'A', kind: 'estimate', points: 5, commit: c2 },
      { time: '2026-03-06T11:00:00+01:00', id: 'A', kind: 'estimate', points: -2, commit: merge },
    ]);
    assert.deepEqual([s1.committed, s1.scopeAdded, s1.scopeRemoved], [5, 5, 4]);
    assert.deepEqual(s1.burnup.slice(0, 6).map((d) => d.scope), [5, 5, 3, 8, 6, 6]);
  });

  it('5. rebased commits are dated by their author time', async () => {
    const repo = newRepo('  - {id: S1, start: 2026-03-02, end: 2026-03-06}\n');
    commitItems(repo, day(0, 9), [item('A', 'todo', 3, 'S1'), item('B', 'todo', 2, 'S1')]);
    // Authored inside the sprint, committed (rebased) on the 11th, after its end.
    commitItems(repo, day(3, 10), [item('A', 'done', 3, 'S1'), item('B', 'todo', 2, 'S1')], { committedAt: day(9, 10) });
    // Authored even earlier (4th) but on top: time order differs from commit order.
    commitItems(repo, day(2, 10), [item('A', 'done', 3, 'S1'), item('B', 'done', 2, 'S1')], { committedAt: day(9, 11) });
    const { r, h } = await analyse(repo, day(10));
    assert.ok(h.commits.some((c) => c.committerTime !== c.authorTime));
    assert.equal(find(r.items, 'A').doneAt, '2026-03-05T11:00:00+01:00');
    assert.equal(find(r.items, 'B').doneAt, '2026-03-04T11:00:00+01:00');
    // End of 4th: B done → 3 left; end of 5th: A done too → 0.
    assert.deepEqual(remaining(r), [5, 5, 3, 0, 0]);
    assert.equal(find(r.sprints, 'S1').completed, 5);
  });

  it('6. reopen: latest finish counts, done → done does not move it', async () => {
    const states = { states: { todo: 'todo', 'in-progress': 'doing', review: 'doing', done: 'done', accepted: 'done' } };
    const repo = newRepo('  - {id: S1, start: 2026-03-02, end: 2026-03-13}\n');
    const A = (state: string): Fields[] => [item('A', state, 5, 'S1')];
    commitItems(repo, day(0, 9), A('todo'), { extra: states });
    commitItems(repo, day(1, 9), A('in-progress'), { extra: states });
    commitItems(repo, day(2, 9), A('done'), { extra: states });
    commitItems(repo, day(3, 9), A('in-progress'), { extra: states }); // reopened
    commitItems(repo, day(4, 9), A('review'), { extra: states });
    commitItems(repo, day(7, 14), A('done'), { extra: states });
    commitItems(repo, day(8, 9), A('accepted'), { extra: states }); // done → done
    const { r } = await analyse(repo, day(12));
    const a = find(r.items, 'A');
    assert.deepEqual([a.state, a.startedAt, a.doneAt, a.reopened], ['accepted', '2026-03-03T10:00:00+01:00', '2026-03-09T15:00:00+01:00', 1]);
    assert.equal(a.cycleTimeDays, 7); // 9 − 3 + 1
    assert.equal(a.cycleTimeHours, 149); // 3rd 09:00Z → 9th 14:00Z = 6 × 24 + 5
    assert.equal(a.leadTimeDays, 8); // first event 2nd
    // done on the 4th, back in progress 5th–8th (weekend included), done again on the 9th.
    assert.deepEqual(remaining(r), [5, 5, 0, 5, 5, 5, 5, 0, 0, 0, 0, 0]);
    assert.deepEqual(r.cfd!.find((d) => d.date === '2026-03-10')!.states, { todo: 0, 'in-progress': 0, review: 0, done: 0, accepted: 1 });
  });

  it('7. re-estimates mid-sprint count their difference; an unestimated item counts 0', async () => {
    const repo = newRepo('  - {id: S1, start: 2026-03-02, end: 2026-03-06}\n');
    commitItems(repo, day(0, 9), [item('A', 'todo', 3, 'S1'), item('B', 'todo', 5, 'S1')]);
    const c1 = commitItems(repo, day(2, 9), [item('A', 'todo', 5, 'S1'), item('B', 'todo', 2, 'S1')]);
    const c2 = commitItems(repo, day(3, 9), [item('A', 'todo', 5, 'S1'), item('B', 'todo', 2, 'S1'), item('C', 'todo', undefined, 'S1')]);
    const c3 = commitItems(repo, day(3, 12), [item('A', 'todo', 5, 'S1'), item('B', 'todo', 2, 'S1'), item('C', 'todo', 1, 'S1')]);
    const { r } = await analyse(repo, day(7));
    const s1 = find(r.sprints, 'S1');
    assert.deepEqual(s1.scopeChanges, [
      { time: '2026-03-04T10:00:00+01:00', id: 'A', kind: 'estimate', points: 2, commit: c1 },
      { time: '2026-03-04T10:00:00+01:00', id: 'B', kind: 'estimate', points: -3, commit: c1 },
      { time: '2026-03-05T10:00:00+01:00', id: 'C', kind: 'added', points: null, commit: c2 },
      { time: '2026-03-05T13:00:00+01:00', id: 'C', kind: 'estimate', points: 1, commit: c3 },
    ]);
    // added 2 + 0 + 1 = 3, removed 3; scope at the end = 8 + 3 − 3 = 8 (A5 + B2 + C1).
    assert.deepEqual([s1.committed, s1.scopeAdded, s1.scopeRemoved, s1.burnup[4].scope], [8, 3, 3, 8]);
    assert.deepEqual(s1.burnup.map((d) => d.scope), [8, 8, 7, 8, 8]);
    assert.deepEqual(r.velocity, { window: 3, average: 0, sprints: [{ id: 'S1', committed: 8, completed: 0 }] });
    assert.deepEqual(r.warnings.find((w) => w.code === 'scope-creep')?.ids, ['S1']); // 3 > 20 % of 8
  });

  it('8. items added, deleted and moved mid-sprint; carry-over after the end is no scope change', async () => {
    const repo = newRepo('  - {id: S1, start: 2026-03-02, end: 2026-03-13}\n  - {id: S2, start: 2026-03-16, end: 2026-03-27}\n');
    const A = item('A', 'todo', 3, 'S1');
    const C = item('C', 'todo', 5);
    const D = item('D', 'todo', 4, 'S1');
    commitItems(repo, day(0, 9), [A, item('B', 'todo', 2, 'S1'), C]);
    const c1 = commitItems(repo, day(3, 9), [A, item('B', 'todo', 2, 'S1'), C, D]); // D created in S1
    const c2 = commitItems(repo, day(4, 9), [A, C, D]); // B deleted
    const c3 = commitItems(repo, day(7, 9), [A, { ...C, sprint: 'S1' }, D]); // C moved in
    const c4 = commitItems(repo, day(8, 9), [item('A', 'todo', 3), { ...C, sprint: 'S1' }, D]); // A moved out (key removed)
    commitItems(repo, day(15, 9), [item('A', 'todo', 3), { ...C, sprint: 'S1' }, { ...D, sprint: 'S2' }]); // carried over
    const { r } = await analyse(repo, day(16));
    const s1 = find(r.sprints, 'S1');
    assert.deepEqual(s1.scopeChanges, [
      { time: '2026-03-05T10:00:00+01:00', id: 'D', kind: 'added', points: 4, commit: c1 },
      { time: '2026-03-06T10:00:00+01:00', id: 'B', kind: 'removed', points: 2, commit: c2 },
      { time: '2026-03-09T10:00:00+01:00', id: 'C', kind: 'added', points: 5, commit: c3 },
      { time: '2026-03-10T10:00:00+01:00', id: 'A', kind: 'removed', points: 3, commit: c4 },
    ]);
    // committed A3 + B2 = 5; added 4 + 5 = 9; removed 2 + 3 = 5; scope at end = C5 + D4 = 9 = 5 + 9 − 5.
    assert.deepEqual([s1.committed, s1.committedItems, s1.scopeAdded, s1.scopeRemoved, s1.burnup[11].scope], [5, 2, 9, 5, 9]);
    // D reached S2 on the 17th, after the end of S2's start day (16th): not committed, added to S2 (and not removed from S1).
    const s2 = find(r.sprints, 'S2');
    assert.deepEqual([s2.committed, s2.scopeAdded, s2.scopeChanges?.map((c) => [c.id, c.kind, c.points])], [0, 4, [['D', 'added', 4]]]);
    assert.deepEqual(r.items.map((i) => i.id), ['A', 'C', 'D']);
  });

  it('9. moving a done item to an archive file changes nothing', async () => {
    const repo = newRepo('  - {id: S1, start: 2026-03-02, end: 2026-03-06}\n');
    commitItems(repo, day(0, 9), [item('A', 'todo', 3, 'S1'), item('B', 'todo', 2, 'S1')]);
    commitItems(repo, day(1, 9), [item('A', 'done', 3, 'S1'), item('B', 'todo', 2, 'S1')]);
    repo.write('backlog/archive/2026.yaml', backlogYaml([item('A', 'done', 3, 'S1')]));
    const move = commitItems(repo, day(8, 9), [item('B', 'todo', 2, 'S1')]);
    const { r, h } = await analyse(repo, day(10));
    assert.deepEqual(h.events.filter((e) => e.commit === move), []);
    const a = find(r.items, 'A');
    assert.deepEqual([a.doneAt, a.reopened, a.leadTimeDays], ['2026-03-03T10:00:00+01:00', 0, 2]);
    const s1 = find(r.sprints, 'S1');
    assert.deepEqual([s1.committed, s1.completed, s1.scopeChanges], [5, 3, []]);
    assert.deepEqual(r.cfd!.at(-1)!.states, { todo: 1, 'in-progress': 0, review: 0, done: 1 });
  });

  it('10. a renamed backlog file keeps its history', async () => {
    const repo = newRepo('  - {id: S1, start: 2026-03-02, end: 2026-03-06}\n');
    commitItems(repo, day(0, 9), [item('A', 'todo', 3, 'S1')], { file: 'backlog/todo.yaml' });
    commitItems(repo, day(1, 9), [item('A', 'in-progress', 3, 'S1')], { file: 'backlog/todo.yaml' });
    repo.rename('backlog/todo.yaml', BACKLOG);
    const rename = repo.commit('rename', { at: day(2, 9) });
    commitItems(repo, day(3, 9), [item('A', 'done', 3, 'S1')]);
    const { r, h } = await analyse(repo, day(7));
    assert.deepEqual(h.events.filter((e) => e.commit === rename), []);
    const a = find(r.items, 'A');
    // Start from the commit before the rename; lead time from the first event on the 2nd: 5 − 2 + 1.
    assert.deepEqual([a.startedAt, a.doneAt, a.reopened, a.leadTimeDays], ['2026-03-03T10:00:00+01:00', '2026-03-05T10:00:00+01:00', 0, 4]);
    assert.equal(find(r.sprints, 'S1').committed, 3);
  });

  it('11. an uncommitted change is one more event at the as-of instant', async () => {
    const repo = newRepo('  - {id: S1, start: 2026-03-02, end: 2026-03-13}\n');
    commitItems(repo, day(0, 9), [item('A', 'todo', 3, 'S1'), item('B', 'todo', 2, 'S1')]);
    commitItems(repo, day(1, 9), [item('A', 'in-progress', 3, 'S1'), item('B', 'todo', 2, 'S1')]);
    repo.write(BACKLOG, backlogYaml([item('A', 'done', 3, 'S1'), item('B', 'todo', 2, 'S1')]));
    const { r, h } = await analyse(repo, day(3, 15)); // 5 Mar 16:00 Berlin
    assert.equal(r.uncommitted, true);
    assert.deepEqual(h.events.filter((e) => e.commit === WORKTREE).map((e) => [e.id, e.field, e.value]), [['A', 'state', 'done']]);
    const a = find(r.items, 'A');
    assert.deepEqual([a.doneAt, a.cycleTimeDays, a.cycleTimeHours], ['2026-03-05T16:00:00+01:00', 3, 54]); // 3rd 09:00Z → 5th 15:00Z
    const s1 = find(r.sprints, 'S1');
    assert.equal(s1.status, 'active');
    assert.deepEqual(remaining(r), [5, 5, 5, 2]); // burndown stops at the as-of date
    assert.equal(s1.completed, 3);
  });

  it('12. a shallow clone: history-based figures are null, not invented', async () => {
    const repo = newRepo('  - {id: S1, start: 2026-03-02, end: 2026-03-06}\n  - {id: S2, start: 2026-03-09, end: 2026-03-20}\n');
    commitItems(repo, day(0, 9), [item('A', 'todo', 3, 'S1')]);
    commitItems(repo, day(1, 9), [item('A', 'in-progress', 3, 'S1')]);
    commitItems(repo, day(2, 9), [item('A', 'done', 3, 'S1'), item('B', 'todo', 2, 'S2')]);
    const clone = repo.shallowClone(1);
    const { r } = await analyse(clone, day(8));
    assert.equal(r.history, 'shallow');
    assert.equal(r.warnings[0].code, 'history');
    assert.match(r.warnings[0].message, /shallow/);
    const a = find(r.items, 'A');
    assert.deepEqual([a.state, a.points, a.startedAt, a.doneAt, a.cycleTimeDays, a.reopened, a.blockedDays], ['done', 3, null, null, null, null, null]);
    const s1 = find(r.sprints, 'S1');
    assert.deepEqual([s1.committed, s1.completed, s1.scopeAdded, s1.scopeChanges], [null, null, null, null]);
    assert.ok(s1.burndown.every((d) => d.remaining === null && d.ideal === null));
    assert.deepEqual([r.velocity.average, r.cycleTime, r.throughput, r.cfd, r.forecast], [null, null, null, null, null]);
    // S2 is active and started on the 9th, before as-of (10th): its committed needs history → null; today is known.
    const s2 = find(r.sprints, 'S2');
    assert.equal(s2.committed, null);
    assert.deepEqual(s2.burndown.map((d) => d.remaining), [null, 2]);
  });
});
