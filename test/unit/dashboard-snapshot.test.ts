// What the dashboard host computes for a folder (computeBody), on a real git
// repository with a hand-known history: the same figures as `sprintlog metrics`
// (one metricsDocument), the editor's unsaved model used for "now", as-of by
// day and by commit, and the empty and error states.
import * as assert from 'node:assert/strict';
import { main } from '../../src/cli/main';
import { computeBody, reportArgs } from '../../src/extension/dashboard/snapshot';
import { buildWorkspace, loadWorkspace, readSourceFiles } from '../../src/core/parse/workspace';
import type { DashboardBody, ViewChoice } from '../../src/shared/protocol';
import { AS_OF, chartsRepo } from './helpers/charts-repo';
import { GitRepo, type GitRepo as Repo } from './helpers/gitrepo';

type Charts = Extract<DashboardBody, { kind: 'charts' }>;
const atDay: ViewChoice = { asOf: { kind: 'date', value: AS_OF }, windowDays: 90 };

describe('dashboard snapshot (src/extension/dashboard/snapshot.ts)', function () {
  this.timeout(60_000);
  let repo: Repo;
  let scopeCommit: string;
  before(() => ({ repo, scopeCommit } = chartsRepo()));
  after(() => repo.cleanup());

  it('is the metrics document `sprintlog metrics --json` prints, plus the chart facts and the refs', async () => {
    const body = (await computeBody({ root: repo.dir, workspace: loadWorkspace(repo.dir), view: atDay })) as Charts;
    assert.equal(body.kind, 'charts');
    let out = '';
    const code = await main(['metrics', '--json', '--as-of', AS_OF, '--repo', repo.dir], { cwd: '/', out: (t) => (out += t), err: () => undefined, env: {} });
    assert.equal(code, 0);
    assert.deepEqual(body.report, JSON.parse(out));
    assert.equal(body.sprint, 'S1', 'the active sprint on that day');
    assert.equal(body.facts.commits[scopeCommit].author, 'Mallory');
    assert.ok(body.refs.commits.some((c) => c.hash === scopeCommit), 'the scope commit is offered by the as-of picker');
    assert.ok(body.refs.branches.length >= 1);
  });

  it('as of a commit: the figures at that commit\'s author time', async () => {
    const body = (await computeBody({ root: repo.dir, workspace: loadWorkspace(repo.dir), view: { asOf: { kind: 'commit', value: scopeCommit }, windowDays: 90 } })) as Charts;
    assert.equal(body.kind, 'charts');
    assert.equal(body.report.head, scopeCommit);
    const s1 = body.report.sprints.find((s) => s.id === 'S1')!;
    assert.equal(s1.scopeChanges?.length, 1, 'C added that day');
    assert.equal(body.report.items.find((i) => i.id === 'B')?.state, 'todo', 'B started only later');
  });

  it('now: the editor\'s model stands for the working tree (an unsaved edit shows)', async () => {
    const files = readSourceFiles(repo.dir);
    const sprints = repo.read('backlog/sprints.yaml').replace('capacity: 6', 'capacity: 9');
    const edited = buildWorkspace(repo.dir, files.backlogs, { file: 'backlog/sprints.yaml', text: sprints });
    const body = (await computeBody({ root: repo.dir, workspace: edited, view: { asOf: { kind: 'now' }, windowDays: 90 } })) as Charts;
    assert.equal(body.report.sprints.find((s) => s.id === 'S1')?.capacity, 9);
  });

  it('a file that does not parse: the error state names file, line and column', async () => {
    const broken = buildWorkspace(repo.dir, [{ file: 'backlog/backlog.yaml', text: 'version: 1\nitems:\n  - id: A\n    title: [unclosed\n' }], readSourceFiles(repo.dir).sprints);
    const body = await computeBody({ root: repo.dir, workspace: broken, view: { asOf: { kind: 'now' }, windowDays: 90 } });
    assert.equal(body.kind, 'error');
    if (body.kind !== 'error') return;
    assert.equal(body.problem.file, 'backlog/backlog.yaml');
    assert.ok(body.problem.line >= 1 && body.problem.column >= 1);
  });

  it('no history: the empty state says so; an unknown ref is said, not thrown', async () => {
    const fresh = GitRepo.create();
    try {
      fresh.write('backlog/backlog.yaml', 'version: 1\nitems: []\n');
      const body = await computeBody({ root: fresh.dir, workspace: loadWorkspace(fresh.dir), view: { asOf: { kind: 'now' }, windowDays: 90 } });
      assert.equal(body.kind, 'empty');
      assert.equal(body.kind === 'empty' && body.reason, 'no-history');
    } finally {
      fresh.cleanup();
    }
    const unknown = await computeBody({ root: repo.dir, workspace: loadWorkspace(repo.dir), view: { asOf: { kind: 'tag', value: 'v9.9' }, windowDays: 90 } });
    assert.equal(unknown.kind, 'empty');
    assert.match(unknown.kind === 'empty' ? unknown.message : '', /v9\.9/);
  });

  it('the Markdown export asks `sprintlog report` for the sprint and as-of the panel shows', () => {
    assert.deepEqual(reportArgs({ asOf: { kind: 'tag', value: 'v1.2' }, windowDays: 90 }, 'S1'), ['--sprint', 'S1', '--as-of', 'v1.2']);
    assert.deepEqual(reportArgs({ asOf: { kind: 'now' }, windowDays: 90 }, undefined), []);
  });
});
