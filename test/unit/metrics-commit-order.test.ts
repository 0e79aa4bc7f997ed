// Spec metrics.md §1 (revised 2026-12-04): events are replayed in commit order,
// so a rebased commit (older author time than its parent) or a merge that kept
// the older side never makes the figures contradict the files. Real repos, the CLI.
import * as assert from 'node:assert/strict';
import { main } from '../../src/cli/main';
import { TestHistory } from './helpers/history';
import type { MetricsReport } from '../../src/core/metrics';
import { backlogYaml, GitRepo } from './helpers/gitrepo';

const hist = new TestHistory();

const BACKLOG = 'backlog/backlog.yaml';
const repos: GitRepo[] = [];
after(() => {
  for (const r of repos) r.cleanup();
});

async function metrics(dir: string, ...args: string[]): Promise<{ code: number; report: MetricsReport; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['metrics', '--repo', dir, '--json', ...args], { cwd: '/', out: (t) => (out += t), err: (t) => (err += t), env: {} });
  return { code, report: JSON.parse(out) as MetricsReport, err };
}

describe('metrics in commit order (spec §1, 2026-12-04)', function () {
  this.timeout(60000);

  it('the issue 9 repro: a rebased commit authored before its parent still wins (completed 5, burndown 5 → 0 on 11-03, reopened 0)', async () => {
    const repo = GitRepo.create();
    repos.push(repo);
    repo.write('backlog/sprints.yaml', 'version: 1\ntimezone: UTC\nsprints:\n  - id: S1\n    start: 2026-11-02\n    end: 2026-11-13\n');
    repo.write(BACKLOG, 'version: 1\nproject: X\nitems:\n  - id: X-1\n    title: one\n    state: todo\n    points: 5\n    sprint: S1\n');
    repo.commit('plan', { at: '2026-10-30T10:00:00Z' });
    repo.write(BACKLOG, repo.read(BACKLOG).replace('state: todo', 'state: review'));
    repo.commit('review', { at: '2026-11-04T10:00:00Z' });
    repo.write(BACKLOG, repo.read(BACKLOG).replace('state: review', 'state: done'));
    repo.commit('done', { at: '2026-11-03T10:00:00Z', committedAt: '2026-11-05T10:00:00Z' });

    for (const cache of ['cold', 'warm']) {
      if (cache === 'cold') hist.forget();
      const { code, report } = await metrics(repo.dir, '--as-of', '2026-11-06');
      assert.equal(code, 0);
      const s1 = report.sprints[0];
      assert.equal(s1.completed, 5, cache);
      assert.deepEqual(s1.burndown.map((d) => [d.date, d.remaining]), [
        ['2026-11-02', 5], ['2026-11-03', 0], ['2026-11-04', 0], ['2026-11-05', 0], ['2026-11-06', 0],
      ]);
      const x1 = report.items.find((i) => i.id === 'X-1')!;
      assert.equal(x1.state, 'done');
      assert.equal(x1.reopened, 0);
      assert.equal(x1.doneAt, '2026-11-03T10:00:00+00:00');
      assert.ok(!report.warnings.some((w) => w.code === 'behind-ideal'), JSON.stringify(report.warnings));
    }
  });

  it('a merge that resolves a conflict by keeping the older side introduces that side (figures follow the file)', async () => {
    const repo = GitRepo.create();
    repos.push(repo);
    repo.write('backlog/sprints.yaml', 'version: 1\ntimezone: UTC\nsprints:\n  - id: S1\n    start: 2026-11-02\n    end: 2026-11-13\n');
    const item = (state: string, points: number): string => backlogYaml([{ id: 'X-1', title: 'one', state, points, sprint: 'S1' }], { project: 'X' });
    repo.write(BACKLOG, item('todo', 5));
    repo.commit('plan', { at: '2026-10-30T10:00:00Z' });
    repo.branch('feat');
    repo.write(BACKLOG, item('done', 5)); // older change, on the branch
    repo.commit('done on feat', { at: '2026-11-03T10:00:00Z' });
    repo.checkout('main');
    repo.write(BACKLOG, item('review', 8)); // later change, on main
    repo.commit('review on main', { at: '2026-11-04T10:00:00Z' });
    assert.equal(repo.merge('feat', { at: '2026-11-05T10:00:00Z' }).conflict, true);
    repo.write(BACKLOG, item('done', 5)); // the branch's (older) side kept
    const merge = repo.commit('merge feat, keep feat', { at: '2026-11-05T10:00:00Z' });

    const history = await hist.read(repo.dir, { asOf: Date.parse('2026-11-06T00:00:00Z'), cacheDir: false });
    const mergeEvents = history.events.filter((e) => e.commit === merge).map((e) => [e.field, e.value]);
    assert.deepEqual(mergeEvents, [['points', 5], ['state', 'done']]);

    const { report } = await metrics(repo.dir, '--as-of', '2026-11-06');
    const x1 = report.items.find((i) => i.id === 'X-1')!;
    // In commit order the state went todo → done (feat) → review (main, later) → done (the merge): one reopen.
    assert.deepEqual([x1.state, x1.points, x1.reopened], ['done', 5, 1]);
    assert.equal(x1.doneAt, '2026-11-05T10:00:00+00:00');
    assert.equal(report.sprints[0].completed, 5);
    // 11-03: done on the branch (merged later, still dated when it was done); 11-04: main's review comes later in commit order
    // than the branch's done → 8 remaining; 11-05: the merge brings done back.
    assert.deepEqual(report.sprints[0].burndown.map((d) => d.remaining), [5, 0, 8, 0, 0]);
  });

  it('items[] at a past as-of are the items of that instant with their values then, in agreement with the CFD (§6)', async () => {
    const repo = GitRepo.create();
    repos.push(repo);
    repo.write('backlog/sprints.yaml', 'version: 1\ntimezone: UTC\nsprints:\n  - id: S1\n    start: 2026-11-02\n    end: 2026-11-13\n');
    const items = (a: string, b?: string): string =>
      backlogYaml([{ id: 'X-1', title: 'one', state: a, points: 3, sprint: 'S1' }, ...(b ? [{ id: 'X-2', title: 'two', state: b, points: 2, sprint: 'S1' }] : [])], { project: 'X' });
    repo.write(BACKLOG, items('todo'));
    repo.commit('plan', { at: '2026-11-02T08:00:00Z' });
    repo.branch('feat');
    repo.write(BACKLOG, items('in-progress'));
    repo.commit('start X-1 on feat', { at: '2026-11-03T09:00:00Z' });
    repo.checkout('main');
    repo.write(BACKLOG, items('todo', 'todo'));
    repo.commit('add X-2 on main', { at: '2026-11-04T09:00:00Z' });
    repo.merge('feat', { at: '2026-11-06T09:00:00Z' });

    const { report } = await metrics(repo.dir, '--as-of', '2026-11-04T12:00:00Z');
    // X-1 was started on the branch (dated by its commit), X-2 added on main: both are facts of that instant.
    assert.deepEqual(report.items.map((i) => [i.id, i.state, i.startedAt]), [['X-1', 'in-progress', '2026-11-03T09:00:00+00:00'], ['X-2', 'todo', null]]);
    const last = report.cfd!.at(-1)!;
    assert.equal(last.date, '2026-11-04');
    const counts = new Map<string, number>();
    for (const i of report.items) counts.set(i.state, (counts.get(i.state) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(Object.entries(last.states).filter(([, n]) => n > 0)), Object.fromEntries(counts));
  });
});
