// Metrics as pure functions of (files, event list, as-of). Events are written out by hand
// as a linear history; expected values are worked out in the comments, not taken from the code.
import * as assert from 'node:assert/strict';
import { EXISTS, type History, type HistoryEvent } from '../../src/core/history/types';
import { computeMetrics, mulberry32, percentile, type MetricsReport } from '../../src/core/metrics';
import { buildWorkspace } from '../../src/core/parse/workspace';

type Fields = Record<string, unknown>;

/** A linear history: each commit gives the full item set; events are the differing fields (like the engine). */
function linearHistory(commits: { iso: string; items: Record<string, Fields> }[], status: History['status'] = 'full'): History {
  const events: HistoryEvent[] = [];
  let prev: Record<string, Fields> = {};
  commits.forEach((c, order) => {
    const commit = `c${order}`;
    const time = Date.parse(c.iso);
    for (const id of [...new Set([...Object.keys(prev), ...Object.keys(c.items)])]) {
      const before = prev[id];
      const after = c.items[id];
      if (!before !== !after) events.push({ id, field: EXISTS, value: !!after, commit, time, order });
      for (const f of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
        if (JSON.stringify(before?.[f]) !== JSON.stringify(after?.[f])) events.push({ id, field: f, value: after?.[f], commit, time, order });
      }
    }
    prev = c.items;
  });
  return {
    status, warnings: status === 'full' ? [] : ['shallow clone: history is incomplete'], ref: 'HEAD', head: `c${commits.length - 1}`,
    commits: commits.map((c, order) => ({ hash: `c${order}`, parents: order ? [`c${order - 1}`] : [], authorTime: Date.parse(c.iso), committerTime: Date.parse(c.iso), author: 't', subject: 's', order })),
    events, uncommitted: false,
  };
}

function yamlItems(items: Record<string, Fields>): string {
  return 'version: 1\nproject: T\nitems:\n' + Object.entries(items).map(([id, f]) => `  - ${JSON.stringify({ id, title: id, ...f })}\n`).join('');
}

const SPRINTS = `version: 1
timezone: UTC
sprints:
  - {id: S1, start: 2026-11-16, end: 2026-11-20, capacity: 6, review: {satisfaction: 4.5}}
  - {id: S2, start: 2026-11-23, end: 2026-11-27, review: {satisfaction: 3.5}}
`;

const A = { title: 'A', state: 'todo', points: 3, sprint: 'S1' };
const B = { title: 'B', state: 'todo', points: 5, sprint: 'S1' };
const C = { title: 'C', state: 'todo', points: 2 };
const COMMITS = [
  { iso: '2026-11-13T10:00:00Z', items: { A, B, C } },
  { iso: '2026-11-16T09:00:00Z', items: { A: { ...A, state: 'in-progress' }, B, C } },
  { iso: '2026-11-17T15:00:00Z', items: { A: { ...A, state: 'done' }, B, C: { ...C, sprint: 'S1' } } },
  { iso: '2026-11-18T10:00:00Z', items: { A: { ...A, state: 'done' }, B: { ...B, points: 8 }, C: { ...C, sprint: 'S1' } } },
  { iso: '2026-11-19T11:00:00Z', items: { A: { ...A, state: 'in-progress' }, B: { ...B, points: 8 }, C: { ...C, sprint: 'S1' } } },
  { iso: '2026-11-19T16:00:00Z', items: { A: { ...A, state: 'done' }, B: { ...B, points: 8 }, C: { ...C, sprint: 'S1' } } },
  { iso: '2026-11-21T10:00:00Z', items: { A: { ...A, state: 'done' }, B: { ...B, points: 8, sprint: 'S2' }, C: { ...C, sprint: 'S1' } } },
];

function run(history: History, asOf = '2026-11-23T12:00:00Z', settings = {}): MetricsReport {
  const last = COMMITS[COMMITS.length - 1].items;
  const ws = buildWorkspace('/repo', [{ file: 'backlog/backlog.yaml', text: yamlItems(last) }], { file: 'backlog/sprints.yaml', text: SPRINTS });
  return computeMetrics({ workspace: ws, history, asOf: Date.parse(asOf), ref: 'HEAD', settings });
}

describe('metrics on a hand-written event list', () => {
  const r = run(linearHistory(COMMITS));
  const s1 = r.sprints[0];

  it('sprint S1: committed, completed, scope changes', () => {
    // End of 16 Nov: A (3) + B (5) in S1 → committed 8, 2 items.
    assert.equal(s1.status, 'closed');
    assert.equal(s1.committed, 8);
    assert.equal(s1.committedItems, 2);
    // 17 Nov C joins (+2), 18 Nov B re-estimated 5 → 8 (+3). B leaving on 21 Nov is after the end.
    assert.equal(s1.scopeAdded, 5);
    assert.equal(s1.scopeRemoved, 0);
    assert.deepEqual(s1.scopeChanges, [
      { time: '2026-11-17T15:00:00+00:00', id: 'C', kind: 'added', points: 2, commit: 'c2' },
      { time: '2026-11-18T10:00:00+00:00', id: 'B', kind: 'estimate', points: 3, commit: 'c3' },
    ]);
    // End of 20 Nov: only A (3) is done.
    assert.equal(s1.completed, 3);
  });

  it('sprint S1: burndown with the ideal line over 5 working days, burnup', () => {
    // ideal = 8 × (working days after D) / 5 → 6.4, 4.8, 3.2, 1.6, 0.
    // remaining: 16th A+B = 8; 17th B+C = 7; 18th B(8)+C = 10; 19th A reopened and done again by 16:00 → 10; 20th 10.
    assert.deepEqual(s1.burndown.map((d) => [d.date, d.remaining, d.ideal, d.working]), [
      ['2026-11-16', 8, 6.4, true], ['2026-11-17', 7, 4.8, true], ['2026-11-18', 10, 3.2, true], ['2026-11-19', 10, 1.6, true], ['2026-11-20', 10, 0, true],
    ]);
    assert.deepEqual(s1.burnup.map((d) => [d.scope, d.done]), [[8, 0], [10, 3], [13, 3], [13, 3], [13, 3]]);
  });

  it('item A: start, latest finish, reopen count, cycle and lead time', () => {
    const a = r.items.find((i) => i.id === 'A')!;
    assert.equal(a.startedAt, '2026-11-16T09:00:00+00:00');
    assert.equal(a.doneAt, '2026-11-19T16:00:00+00:00'); // the latest non-done → done
    assert.equal(a.reopened, 1);
    assert.equal(a.cycleTimeDays, 4); // 19 − 16 + 1
    assert.equal(a.cycleTimeHours, 79); // 3 days 7 hours
    assert.equal(a.leadTimeDays, 7); // first event 13th: 19 − 13 + 1
    assert.equal(a.ageDays, null); // not in a doing state
    const b = r.items.find((i) => i.id === 'B')!;
    assert.deepEqual([b.startedAt, b.doneAt, b.cycleTimeDays, b.reopened], [null, null, null, 0]);
  });

  it('active sprint S2 stops at the as-of date; velocity over closed sprints', () => {
    const s2 = r.sprints[1];
    assert.equal(s2.status, 'active');
    assert.equal(s2.committed, 8); // B (8) moved in on the 21st
    assert.deepEqual(s2.burndown, [{ date: '2026-11-23', remaining: 8, ideal: 6.4, working: true }]);
    assert.deepEqual(r.velocity, { window: 3, average: 3, sprints: [{ id: 'S1', committed: 8, completed: 3 }] });
  });

  it('warnings: scope creep, satisfaction drop', () => {
    // S1 scope added 5 > 20 % of 8. Ratings 4.5, 3.5: mean 4, last 3.5 → drop of 0.5.
    assert.deepEqual(r.warnings.map((w) => [w.code, w.ids]), [
      ['scope-creep', ['S1']],
      ['overcommitted', ['S2']], // S2 committed 8 > 1.2 × velocity 3
      ['satisfaction-drop', ['S2']],
    ]);
  });

  it('without full history, history-based figures are null, never 0', () => {
    const n = run(linearHistory(COMMITS, 'shallow'));
    const a = n.items.find((i) => i.id === 'A')!;
    assert.deepEqual([a.startedAt, a.doneAt, a.cycleTimeDays, a.reopened, a.blockedDays], [null, null, null, null, null]);
    assert.deepEqual([n.sprints[0].committed, n.sprints[0].completed, n.sprints[0].scopeAdded], [null, null, null]);
    assert.equal(n.velocity.average, null);
    assert.deepEqual([n.cycleTime, n.throughput, n.cfd, n.forecast], [null, null, null, null]);
    // "Now" is still known from the files: S2 starts on the as-of day, so its end of day
    // `start` is the as-of instant: committed 8 (B) and the burndown's only day.
    assert.equal(n.sprints[1].committed, 8);
    assert.deepEqual(n.sprints[1].burndown, [{ date: '2026-11-23', remaining: 8, ideal: 6.4, working: true }]);
    assert.equal(n.history, 'shallow');
    assert.equal(n.warnings[0].code, 'history');
  });

  it('is deterministic: same inputs, same JSON', () => {
    assert.equal(JSON.stringify(run(linearHistory(COMMITS))), JSON.stringify(r));
  });
});

describe('metrics helpers', () => {
  it('nearest-rank percentiles', () => {
    // n = 10: p50 → rank 5, p70 → rank 7, p85 → rank ceil(8.5) = 9, p95 → rank ceil(9.5) = 10.
    const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    assert.deepEqual([50, 70, 85, 95].map((p) => percentile(v, p)), [5, 7, 9, 10]);
    assert.equal(percentile([4], 95), 4);
    assert.equal(percentile([], 50), null);
  });

  it('mulberry32 is a fixed sequence for a seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 5 }, () => a());
    assert.deepEqual(Array.from({ length: 5 }, () => b()), xs);
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    assert.notDeepEqual(Array.from({ length: 5 }, mulberry32(43)), xs);
  });
});
