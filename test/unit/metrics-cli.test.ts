// `sprintlog metrics` through the CLI main(), on real git repositories, plus the
// health warnings on a hand-checked backlog. Zone Europe/Berlin (UTC+1 in March 2026).
import * as assert from 'node:assert/strict';
import { main } from '../../src/cli/main';
import { TestHistory } from './helpers/history';
import { computeMetrics, type MetricsReport } from '../../src/core/metrics';
import { loadWorkspace } from '../../src/core/parse/workspace';
import { backlogYaml, day, GitRepo } from './helpers/gitrepo';

const hist = new TestHistory();

const BACKLOG = 'backlog/backlog.yaml';
const repos: GitRepo[] = [];
after(() => {
  for (const r of repos) r.cleanup();
});

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd: '/', out: (t) => (out += t), err: (t) => (err += t), env });
  return { code, out, err };
}

const it3 = (id: string, state: string, points: number | undefined, sprint?: string, more: Record<string, unknown> = {}): Record<string, unknown> => ({
  id, title: id, state, ...(points === undefined ? {} : { points }), ...(sprint ? { sprint } : {}), ...more,
});

describe('sprintlog metrics (CLI)', function () {
  this.timeout(60000);
  let repo: GitRepo;

  before(() => {
    repo = GitRepo.create();
    repos.push(repo);
    repo.write('backlog/sprints.yaml', 'version: 1\ntimezone: Europe/Berlin\nsprints:\n  - {id: S1, start: 2026-03-02, end: 2026-03-13}\n');
    repo.write(BACKLOG, backlogYaml([it3('A', 'todo', 3, 'S1'), it3('B', 'todo', 2, 'S1')]));
    repo.commit('c0', { at: day(0, 9) });
    repo.write(BACKLOG, backlogYaml([it3('A', 'done', 3, 'S1'), it3('B', 'todo', 2, 'S1')]));
    repo.git('branch', 'old', repo.commit('c1', { at: day(2, 9) })); // A done on the 4th, 10:00 Berlin
    repo.write(BACKLOG, backlogYaml([it3('A', 'done', 3, 'S1'), it3('B', 'done', 2, 'S1')]));
    repo.commit('c2', { at: day(5, 9) }); // B done on the 7th
    // Uncommitted: a new item C.
    repo.write(BACKLOG, backlogYaml([it3('A', 'done', 3, 'S1'), it3('B', 'done', 2, 'S1'), it3('C', 'todo', 1, 'S1')]));
  });

  it('--json --as-of in the past reads the files of the last commit before it, not the working tree', async () => {
    const { code, out, err } = await cli(['metrics', '--repo', repo.dir, '--json', '--as-of', '2026-03-05T12:00:00+01:00']);
    assert.equal(err, '');
    assert.equal(code, 0);
    assert.ok(out.startsWith('{\n  "version": 1,\n  "asOf": "2026-03-05T12:00:00+01:00",'));
    const r = JSON.parse(out) as MetricsReport;
    assert.deepEqual([r.ref, r.history, r.uncommitted], ['HEAD', 'full', false]);
    // Files at c1: A done, B todo, no C; c2 (7th) is after as-of and ignored.
    assert.deepEqual(r.items.map((i) => [i.id, i.state]), [['A', 'done'], ['B', 'todo']]);
    const s1 = r.sprints[0];
    assert.equal(s1.status, 'active');
    // Burndown 2nd..5th: A3+B2 = 5, 5, A done on the 4th → 2, 2. Completed as of now: A = 3.
    assert.deepEqual(s1.burndown.map((d) => d.remaining), [5, 5, 2, 2]);
    assert.equal(s1.completed, 3);
    // Same inputs, same bytes.
    assert.equal((await cli(['metrics', '--repo', repo.dir, '--json', '--as-of', '2026-03-05T12:00:00+01:00'])).out, out);
  });

  it('without --as-of the JSON is computeMetrics over the working tree, uncommitted change included', async () => {
    const now = '2026-03-16T12:00:00Z';
    const { code, out } = await cli(['metrics', '--repo', repo.dir, '--json'], { SPRINTLOG_NOW: now });
    assert.equal(code, 0);
    const r = JSON.parse(out) as MetricsReport;
    assert.equal(r.uncommitted, true);
    assert.deepEqual(r.items.map((i) => i.id), ['A', 'B', 'C']);
    const asOf = Date.parse(now);
    const direct = computeMetrics({ workspace: loadWorkspace(repo.dir), history: await hist.read(repo.dir, { asOf }), asOf, ref: 'HEAD' });
    assert.equal(out, JSON.stringify(direct, null, 2) + '\n');
    // C appeared at the as-of instant (16th), after S1 ended on the 13th: not in S1's scope.
    assert.deepEqual([r.sprints[0].status, r.sprints[0].completed, r.sprints[0].scopeAdded], ['closed', 5, 0]);
  });

  it('--ref analyses another branch with its own files, without the working tree', async () => {
    const { code, out } = await cli(['metrics', '--repo', repo.dir, '--json', '--ref', 'old'], { SPRINTLOG_NOW: '2026-03-16T12:00:00Z' });
    assert.equal(code, 0);
    const r = JSON.parse(out) as MetricsReport;
    // Branch `old` = c1: A done, B todo; S1 closed with A's 3 points.
    assert.deepEqual([r.ref, r.uncommitted, r.items.map((i) => i.state), r.sprints[0].completed], ['old', false, ['done', 'todo'], 3]);
  });

  it('a bare --as-of day is the end of that day in the sprint log zone', async () => {
    const { out } = await cli(['metrics', '--repo', repo.dir, '--json', '--as-of', '2026-03-04']);
    const r = JSON.parse(out) as MetricsReport;
    assert.equal(r.asOf, '2026-03-04T23:59:59.999+01:00');
    assert.deepEqual(r.items.map((i) => i.state), ['done', 'todo']);
  });

  it('prints a readable summary with a text burndown', async () => {
    const { code, out } = await cli(['metrics', '--repo', repo.dir, '--as-of', '2026-03-05T12:00:00+01:00']);
    assert.equal(code, 0);
    assert.match(out, /Sprint S1 \(active, 2026-03-02 → 2026-03-13\)/);
    assert.match(out, /Committed 5 points \(2 items\), completed 3/);
    // 4th: 2 of 5 remaining → 12 of 30 cells; ideal 5 × 7 working days left / 10 = 3.5 → '|' at cell round(3.5/5 × 30) = 21.
    assert.ok(out.includes(`    03-04 wed  ${'#'.repeat(12)}${' '.repeat(9)}|${' '.repeat(9)}      2  ideal 3.5`), out);
    assert.match(out, /Velocity: no closed sprint yet/);
  });

  it('--sprint filters the JSON sprints; errors have clear messages and exit codes', async () => {
    const one = await cli(['metrics', '--repo', repo.dir, '--json', '--sprint', 'S1'], { SPRINTLOG_NOW: '2026-03-16T12:00:00Z' });
    assert.deepEqual((JSON.parse(one.out) as MetricsReport).sprints.map((s) => s.id), ['S1']);
    const bad = await cli(['metrics', '--repo', repo.dir, '--as-of', 'last tuesday']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--as-of 'last tuesday' is neither a day/);
    const ref = await cli(['metrics', '--repo', repo.dir, '--ref', 'no-such-branch']);
    assert.equal(ref.code, 1);
    assert.match(ref.err, /cannot read ref 'no-such-branch'/);
    const sprint = await cli(['metrics', '--repo', repo.dir, '--sprint', 'S9']);
    assert.equal(sprint.code, 2);
    assert.match(sprint.err, /unknown sprint 'S9' \(sprints: S1\)/);
  });

  it('history warnings go to stderr (shallow clone)', async () => {
    const clone = repo.shallowClone(1);
    const { code, out, err } = await cli(['metrics', '--repo', clone.dir, '--json'], { SPRINTLOG_NOW: '2026-03-16T12:00:00Z' });
    assert.equal(code, 0);
    assert.match(err, /warning: .*shallow/);
    assert.equal((JSON.parse(out) as MetricsReport).history, 'shallow');
  });
});

describe('health warnings on a real repository', function () {
  this.timeout(60000);

  it('blocked-long, dependency-risk, unestimated, open retro actions, overcommitted, aging', async () => {
    const repo = GitRepo.create();
    repos.push(repo);
    repo.write('backlog/sprints.yaml', [
      'version: 1', 'timezone: Europe/Berlin', 'sprints:',
      '  - {id: S0, start: 2026-02-23, end: 2026-03-06, retro: {actions: [{text: WIP limit, done: false}, {text: Pairing, done: true}]}}',
      '  - {id: S1, start: 2026-03-09, end: 2026-03-20, capacity: 5}', '',
    ].join('\n'));
    const items = (eBlocked: boolean): Record<string, unknown>[] => [
      it3('A', 'in-progress', 3, 'S1', { blocked: 'vendor keys' }),
      it3('B', 'todo', 2, 'S1', { depends_on: ['C'] }),
      it3('C', 'todo', 1),
      it3('D', 'todo', undefined, 'S1'),
      it3('E', 'in-progress', 1, 'S1', eBlocked ? { blocked: 'review' } : {}),
      it3('F', 'done', 1, 'S0'),
    ];
    repo.write(BACKLOG, backlogYaml(items(true)));
    repo.commit('c0', { at: day(7, 9) }); // 9 Mar 10:00 Berlin
    repo.write(BACKLOG, backlogYaml(items(false)));
    repo.commit('c1', { at: day(9, 9) }); // E unblocked on the 11th
    const asOf = Date.parse(day(10, 12)); // 12 Mar
    const r = computeMetrics({ workspace: loadWorkspace(repo.dir), history: await hist.read(repo.dir, { asOf }), asOf, ref: 'HEAD' });
    const byCode = Object.fromEntries(r.warnings.map((w) => [w.code, w.ids]));
    // A blocked at the end of the 9th, 10th, 11th and at as-of on the 12th → 4 days; E blocked 9th and 10th → 2.
    assert.deepEqual(r.items.filter((i) => i.blockedDays).map((i) => [i.id, i.blockedDays]), [['A', 4], ['E', 2]]);
    assert.deepEqual(byCode['blocked-long'], ['A']);
    assert.deepEqual(byCode['dependency-risk'], ['B', 'C']); // C is in no sprint and not done
    assert.deepEqual(byCode.unestimated, ['D']);
    assert.deepEqual(byCode['open-retro-actions'], ['S0']);
    assert.deepEqual(byCode.overcommitted, ['S1']); // committed 3 + 2 + 0 + 1 = 6 > capacity 5
    assert.equal(find(r.sprints, 'S1').unestimated?.join(), 'D');
    // F (done 9th, cycle 1 day) is the only finished item: p85 = 1; A and E (age 4) are older.
    assert.equal(r.cycleTime?.p85, 1);
    assert.deepEqual(byCode['aging-wip'], ['A', 'E']);
  });
});

function find<T extends { id: string }>(list: T[], id: string): T {
  const x = list.find((i) => i.id === id);
  assert.ok(x, `no ${id}`);
  return x;
}
