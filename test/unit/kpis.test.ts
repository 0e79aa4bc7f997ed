// `sprintlog kpis` on a real git repository with a hand-known history (zone UTC,
// day(n) = 2026-03-02 + n at 08:00), every figure worked out in the comments.
//   day 0: S1 (03-02..03-06, capacity 8): A 3 (ann, E1), B 5 (bob); S2 (03-09..03-20, capacity 5):
//          C 2 (ann, E1, depends on D), D 1 (bob, blocked); E 1 (backlog, depends on other:X-1).
//   day 1: A in-progress.  day 2: B in-progress, F 2 added to S1.  day 3: A review.  day 4: A done.
//   As of day 9 (03-11 08:00): S1 closed, S2 active.
import * as assert from 'node:assert/strict';
import { main } from '../../src/cli/main';
import type { KpiDocument } from '../../src/core/kpis';
import { backlogYaml, day, GitRepo } from './helpers/gitrepo';

const at = (n: number): string => day(n, 8);

describe('sprintlog kpis (real git repository)', function () {
  this.timeout(60000);
  let repo: GitRepo;
  let k: KpiDocument;

  async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await main([...args, '--repo', repo.dir], { cwd: '/', out: (t) => (out += t), err: (t) => (err += t), env: { SPRINTLOG_NOW: at(9) } });
    return { code, out, err };
  }

  before(async () => {
    repo = GitRepo.create();
    repo.write('backlog/sprints.yaml', [
      'version: 1', 'timezone: UTC', 'sprints:',
      '  - {id: S1, start: 2026-03-02, end: 2026-03-06, capacity: 8, review: {satisfaction: 4}, retro: {actions: [{text: Pair more, owner: bob, done: false}, {text: Done one, done: true}]}}',
      '  - {id: S2, start: 2026-03-09, end: 2026-03-20, capacity: 5}', '',
    ].join('\n'));
    const items = (a: string, b: string, f = false): Record<string, unknown>[] => [
      { id: 'A', title: 'A', state: a, points: 3, sprint: 'S1', assignee: 'ann', epic: 'E1' },
      { id: 'B', title: 'B', state: b, points: 5, sprint: 'S1', assignee: 'bob' },
      { id: 'C', title: 'C', state: 'todo', points: 2, sprint: 'S2', assignee: 'ann', epic: 'E1', depends_on: ['D'] },
      { id: 'D', title: 'D', state: 'todo', points: 1, sprint: 'S2', assignee: 'bob', blocked: 'vendor' },
      { id: 'E', title: 'E', state: 'todo', points: 1, depends_on: ['other:X-1'] },
      ...(f ? [{ id: 'F', title: 'F', state: 'todo', points: 2, sprint: 'S1' }] : []),
    ];
    const epics = { epics: [{ id: 'E1', title: 'Epic', target: '2026-03-31' }] };
    const steps: [number, string, string, boolean][] = [[0, 'todo', 'todo', false], [1, 'in-progress', 'todo', false], [2, 'in-progress', 'in-progress', true], [3, 'review', 'in-progress', true], [4, 'done', 'in-progress', true]];
    for (const [n, a, b, f] of steps) {
      repo.write('backlog/backlog.yaml', backlogYaml(items(a, b, f), epics));
      repo.commit(`day ${n}`, { at: at(n) });
    }
    const r = await cli(['kpis', '--json']);
    assert.equal(r.code, 0, r.err);
    k = JSON.parse(r.out) as KpiDocument;
  });
  after(() => repo.cleanup());

  it('the KPI table per sprint', () => {
    const [s1, s2] = k.sprints;
    // S1: committed A3+B5 = 8, completed A = 3 (37.5 %), A finished 03-06 with cycle 03-03..03-06 = 4 days,
    // scope +2 (F) of 8 = 25 %, no blocked days, rating 4, one open action.
    assert.deepEqual(
      [s1.committed, s1.completed, s1.predictabilityPct, s1.throughput, s1.cycleTimeP50, s1.cycleTimeP85, s1.scopeChangePct, s1.blockedDays, s1.satisfaction, s1.openRetroActions],
      [8, 3, 37.5, 1, 4, 4, 25, 0, 4, 1],
    );
    // S2: committed C2+D1 = 3, nothing done; D blocked every day 03-02..03-11 = 10 days.
    assert.deepEqual([s2.status, s2.committed, s2.completed, s2.predictabilityPct, s2.throughput, s2.blockedDays, s2.openRetroActions], ['active', 3, 0, 0, 0, 10, 0]);
    assert.deepEqual(k.trends.find((t) => t.key === 'completed')?.values, [3]);
  });

  it('open retro actions with owner and age (days since the sprint ended)', () => {
    assert.deepEqual(k.openRetroActions, [{ sprint: 'S1', index: 1, text: 'Pair more', owner: 'bob', ageDays: 5 }]);
  });

  it('time in state: p50/p85 of the stays, ongoing ones to the as-of instant; the bottleneck is a doing state', () => {
    // todo stays: A 1, B 2, F 7, C/D/E 9 → p50 7, p85 9; in-progress: A 2, B 7 (ongoing) → 2 / 7; review: A 1.
    assert.deepEqual(k.timeInState, [
      { state: 'todo', stays: 6, p50: 7, p85: 9, now: 4 },
      { state: 'in-progress', stays: 2, p50: 2, p85: 7, now: 1 },
      { state: 'review', stays: 1, p50: 1, p85: 1, now: 0 },
    ]);
    assert.equal(k.bottleneck, 'in-progress');
  });

  it('capacity, load per assignee, dependencies', () => {
    assert.deepEqual(k.capacity, [{ sprint: 'S2', status: 'active', capacity: 5, committed: 3, velocity: 3 }]);
    // ann finished A (3) in S1, the only sprint of the window: average 3, C 2 open → 0.67; bob finished nothing.
    assert.deepEqual(k.load, [
      { sprint: 'S2', assignee: 'ann', points: 2, items: 1, average: 3, ratio: 0.67 },
      { sprint: 'S2', assignee: 'bob', points: 1, items: 1, average: null, ratio: null },
    ]);
    const d = k.dependencies!;
    assert.deepEqual(d.edges, [{ from: 'C', to: 'D', open: true }]);
    assert.deepEqual(d.blockedChains, [['C', 'D']]);
    assert.deepEqual(d.criticalPaths, [{ epic: 'E1', target: '2026-03-31', path: ['D', 'C'] }]);
    assert.deepEqual(d.external, [{ id: 'E', team: 'other', ref: 'X-1' }]);
  });

  it('text output and the KPI section of sprintlog report', async () => {
    const text = (await cli(['kpis'])).out;
    assert.match(text, /S1 +closed +8 +3 +37\.5 +4 +4 +1 +25 +0 +4 +1/);
    assert.match(text, /S1#1 Pair more \(owner bob, 5 days open\)/);
    assert.match(text, /the bottleneck: in-progress/);
    assert.match(text, /blocked chain: C → D/);
    const html = (await cli(['report'])).out;
    assert.match(html, /KPIs per sprint/);
    assert.match(html, /Trend over closed sprints/);
  });
});
