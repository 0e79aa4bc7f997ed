// Forecast questions: deterministic for a seed, exact under a constant throughput,
// within a stated tolerance of the analytic answer for a known distribution, and
// `sprintlog forecast` on a real git repository with a hand-made throughput.
import * as assert from 'node:assert/strict';
import { main } from '../../src/cli/main';
import { forecastHowMany, forecastWhen, type ForecastBasis } from '../../src/core/forecast';
import { addDays, isWorkingDay } from '../../src/core/time';
import { backlogYaml, day, GitRepo } from './helpers/gitrepo';

const CAL = { workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'] as ('mon' | 'tue' | 'wed' | 'thu' | 'fri')[], holidays: [] };
const basis = (samples: number[], seed = 1, asOfDay = '2026-03-06'): ForecastBasis => ({ asOfDay, cal: CAL, seed, trials: 10000, samples, sampleFrom: null, sampleTo: null });

/** The n-th working day (Mon–Fri) after `from`, counted by hand. */
function nthWorkingDay(from: string, n: number): string {
  let d = from;
  for (let k = 0; k < n; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, CAL)) k++;
  }
  return d;
}

/** P(Binomial(n, 1/2) >= k), exactly. */
function binomAtLeast(n: number, k: number): number {
  let p = 0;
  let c = 1; // C(n, 0)
  for (let i = 0; i <= n; i++) {
    if (i >= k) p += c / 2 ** n;
    c = (c * (n - i)) / (i + 1);
  }
  return p;
}

describe('forecast questions (core)', () => {
  it('a constant throughput of k/day gives exactly ceil(N/k) working days, in every trial', () => {
    // 10 items at 2 a day: 5 working days after Fri 2026-03-06 = Fri 2026-03-13.
    const w = forecastWhen(basis([2, 2, 2, 2]), 10, '2026-03-13');
    assert.deepEqual([w.p50, w.p85, w.p95], ['2026-03-13', '2026-03-13', '2026-03-13']);
    assert.deepEqual(w.distribution, [{ date: '2026-03-13', trials: 10000 }]);
    assert.deepEqual(w.chanceBy, { date: '2026-03-13', probability: 1 });
    assert.equal(forecastWhen(basis([2, 2]), 10, '2026-03-12').chanceBy?.probability, 0);
    // 11 at 2 a day needs a sixth day: Mon 2026-03-16; 9 at 3 a day: 3 days, Wed 2026-03-11.
    assert.equal(forecastWhen(basis([2]), 11).p95, '2026-03-16');
    assert.equal(forecastWhen(basis([3, 3, 3]), 9).p50, '2026-03-11');
    // How many by Fri 2026-03-20 (10 working days) at 3 a day: exactly 30.
    const h = forecastHowMany(basis([3, 3]), '2026-03-20');
    assert.deepEqual([h.workingDays, h.p50, h.p85, h.p95, h.distribution], [10, 30, 30, 30, [{ items: 30, trials: 10000 }]]);
  });

  it('is deterministic for a seed, and the seed matters', () => {
    const samples = [0, 1, 3, 0, 2, 5, 1, 0, 0, 4];
    assert.deepEqual(forecastWhen(basis(samples, 42), 25, '2026-03-20'), forecastWhen(basis(samples, 42), 25, '2026-03-20'));
    assert.deepEqual(forecastHowMany(basis(samples, 42), '2026-04-03'), forecastHowMany(basis(samples, 42), '2026-04-03'));
    assert.notDeepEqual(forecastWhen(basis(samples, 42), 25).distribution, forecastWhen(basis(samples, 43), 25).distribution);
  });

  it('a fair coin per day gives percentiles within 1 of the binomial answer', () => {
    // How many by 20 working days (Fri 2026-04-03): X ~ Binomial(20, 1/2); "at least n with p %" = the largest n with P(X >= n) >= p.
    const h = forecastHowMany(basis([0, 1], 7), '2026-04-03');
    assert.equal(h.workingDays, 20);
    for (const p of [50, 85, 95] as const) {
      let n = 0;
      while (binomAtLeast(20, n + 1) >= p / 100) n++;
      assert.ok(Math.abs(h[`p${p}`] - n) <= 1, `p${p}: ${h[`p${p}`]} vs analytic ${n}`);
    }
    // When are 10 items done: T = days to the 10th success; P(T <= t) = P(Binomial(t, 1/2) >= 10).
    const w = forecastWhen(basis([0, 1], 7), 10);
    for (const p of [50, 85, 95] as const) {
      let t = 10;
      while (binomAtLeast(t, 10) < p / 100) t++;
      const lo = nthWorkingDay('2026-03-06', t - 1);
      const hi = nthWorkingDay('2026-03-06', t + 1);
      const got = w[`p${p}`]!;
      assert.ok(got >= lo && got <= hi, `p${p}: ${got} not within one working day of ${nthWorkingDay('2026-03-06', t)}`);
    }
    // The distribution's shares sum to the trials; none never finishes.
    assert.equal(w.distribution.reduce((a, d) => a + d.trials, 0), 10000);
    assert.equal(w.never, 0);
  });

  it('no throughput at all: no dates, every trial never finishes; nothing to do is done today', () => {
    const w = forecastWhen(basis([0, 0, 0]), 3, '2026-03-20');
    assert.deepEqual([w.p50, w.never, w.chanceBy?.probability], [null, 10000, 0]);
    assert.equal(forecastWhen(basis([0]), 0).p85, '2026-03-06');
  });
});

describe('sprintlog forecast (CLI, real git repository)', function () {
  this.timeout(60000);
  let repo: GitRepo;
  const NOW = day(11, 12); // Fri 2026-03-13, 12:00 UTC

  async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await main(['forecast', '--repo', repo.dir, ...args], { cwd: '/', out: (t) => (out += t), err: (t) => (err += t), env: { SPRINTLOG_NOW: NOW } });
    return { code, out, err };
  }

  before(() => {
    // Two items finished on each of the 30 working days before 2026-03-13: a constant throughput of 2 a day.
    const done: Record<string, unknown>[] = [];
    for (let d = '2026-03-12', n = 0; n < 30; d = addDays(d, -1)) {
      if (!isWorkingDay(d, CAL)) continue;
      n++;
      for (const k of [1, 2]) done.push({ id: `D${n}-${k}`, title: 'done', state: 'done', started: d, finished: d });
    }
    // Epic E1: six open items (3 working days: Wed 2026-03-18). E2: two open (Mon 2026-03-16) against a target of Fri 2026-03-13.
    const open = [1, 2, 3, 4, 5, 6].map((k) => ({ id: `E1-${k}`, title: 'open', state: 'todo', epic: 'E1', points: 2, ...(k <= 4 ? { sprint: 'S1' } : {}) }));
    const e2 = [{ id: 'E2-1', title: 'x', state: 'todo', epic: 'E2', points: 1 }, { id: 'E2-2', title: 'y', state: 'done', epic: 'E2', points: 3, finished: '2026-01-04' }];
    repo = GitRepo.create();
    repo.write('backlog/sprints.yaml', 'version: 1\ntimezone: UTC\nsprints:\n  - {id: S1, start: 2026-03-09, end: 2026-03-17}\n');
    repo.write('backlog/backlog.yaml', backlogYaml([...open, { id: 'E2-0', title: 'z', state: 'todo', epic: 'E2', points: 1 }, ...e2, ...done], {
      epics: [{ id: 'E1', title: 'First', target: '2026-03-18' }, { id: 'E2', title: 'Second', target: '2026-03-13' }],
    }));
    repo.commit('backlog', { at: day(11, 8) });
  });
  after(() => repo.cleanup());

  it('epics: progress, 85 % date against the target, at risk only when later', async () => {
    const r = await cli(['--json']);
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out);
    assert.deepEqual(doc.sample.throughput, new Array(30).fill(2));
    const [e1, e2] = doc.epics;
    assert.deepEqual([e1.items, e1.points, e1.when.p85, e1.atRisk], [{ done: 0, total: 6 }, { done: 0, total: 12 }, '2026-03-18', false]);
    assert.deepEqual([e2.items, e2.points, e2.when.p85, e2.atRisk], [{ done: 1, total: 3 }, { done: 3, total: 5 }, '2026-03-16', true]);
    // S1 has 4 open items, 2 a day: done Tue 2026-03-17, its last day, in every trial.
    assert.deepEqual([doc.sprint.id, doc.sprint.open.length, doc.sprint.chanceByEnd], ['S1', 4, 1]);
  });

  it('--top, --items, --epic and --by answer the question; the text names the risk', async () => {
    const top = JSON.parse((await cli(['--top', '5', '--json'])).out);
    assert.deepEqual([top.selection.open.length, top.selection.when.p50], [5, '2026-03-18']); // 5 at 2 a day: 3 days
    const items = JSON.parse((await cli(['--items', 'E1-1,E2-2', '--json'])).out);
    assert.deepEqual([items.selection.open, items.selection.when.p95], [['E1-1'], '2026-03-16']);
    const by = JSON.parse((await cli(['--by', '2026-03-20', '--json'])).out);
    assert.deepEqual([by.howMany.workingDays, by.howMany.p85], [5, 10]);
    const text = (await cli(['--epic', 'E2'])).out;
    assert.match(text, /For epic E2 \(target 2026-03-13\):\n {2}2 open items done by 2026-03-16 \(50 %\)/);
    assert.match(text, /Chance to be done by 2026-03-13: 0 %/);
    assert.match(text, /E2 Second: 1\/3 items, 3\/5 points; 85 % by 2026-03-16, target 2026-03-13 {2}AT RISK/);
  });

  it('same seed, same bytes; usage mistakes exit 2', async () => {
    assert.equal((await cli(['--top', '7', '--seed', '9', '--json'])).out, (await cli(['--top', '7', '--seed', '9', '--json'])).out);
    const bad = await cli(['--epic', 'NOPE']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /unknown epic 'NOPE' \(epics: E1, E2\)/);
    assert.equal((await cli(['--top', '3', '--by', '2026-03-20'])).code, 2);
    assert.equal((await cli(['--by', 'next week'])).code, 2);
    assert.equal((await cli(['--items', 'E1-1,GHOST'])).code, 2);
  });
});
