// `sprintlog portfolio` as the bundled CLI, which analyses the repositories its
// result cache does not hold in worker threads (--jobs of them): the report is
// byte for byte the one of the in-process run (the tests' and `--jobs 1`'s path),
// cold and warm, with a shallow, a broken and a missing repository keeping their rows.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { BundledCli } from './helpers/bundled-cli';
import { backlogYaml, day, GitRepo } from './helpers/gitrepo';

const NOW = day(9, 12);
const SPRINTS = 'version: 1\ntimezone: UTC\nsprints:\n  - {id: S1, start: 2026-03-02, end: 2026-03-06}\n  - {id: S2, start: 2026-03-09, end: 2026-03-20}\n';

function team(prefix: string): GitRepo {
  const repo = GitRepo.create();
  repo.write('backlog/sprints.yaml', SPRINTS);
  for (const [n, a] of [[0, 'todo'], [2, 'in-progress'], [3, 'done']] as const) {
    repo.write('backlog/backlog.yaml', backlogYaml([{ id: `${prefix}-1`, title: 'A', state: a, points: 3, sprint: 'S1' }, { id: `${prefix}-2`, title: 'B', state: 'todo', points: 2, sprint: 'S2', depends_on: ['b:B-1'] }]));
    repo.commit(`day ${n}`, { at: day(n, 9) });
  }
  return repo;
}

describe('sprintlog portfolio in worker threads (bundled CLI)', function () {
  this.timeout(180000);
  let bin: BundledCli;
  const repos: GitRepo[] = [];
  let dirs: string[];

  before(() => {
    bin = BundledCli.build();
    const [a, b, c, origin] = [team('A'), team('B'), team('C'), team('D')];
    fs.writeFileSync(path.join(c.dir, 'backlog/backlog.yaml'), 'version: 1\nitems:\n  - id: C-1\n    title: [unclosed\n');
    const shallow = origin.shallowClone(1);
    repos.push(a, b, c, origin);
    dirs = [a.dir, b.dir, c.dir, shallow.dir, path.join(bin.tmp, 'gone')];
  });
  after(() => {
    for (const r of repos) r.cleanup();
    bin.cleanup();
  });

  const clearCaches = (): void => {
    for (const d of dirs) fs.rmSync(path.join(d, '.git', 'sprintlog-cache'), { recursive: true, force: true });
  };

  it('prints the bytes of the in-process run, cold and warm', async () => {
    clearCaches();
    let out = '';
    const code = await main(['portfolio', ...dirs, '--format', 'json'], { cwd: '/', out: (t) => (out += t), err: () => undefined, env: { SPRINTLOG_NOW: NOW } });
    assert.equal(code, 0);
    const report = JSON.parse(out) as { teams: { ok: boolean; problems: string[] }[] };
    assert.deepEqual(report.teams.map((t) => t.ok), [true, true, false, false, false]);
    assert.match(report.teams[4].problems.join(), /gone/);
    for (const jobs of ['2', '1']) {
      clearCaches();
      const cold = bin.run(['portfolio', ...dirs, '--format', 'json', '--jobs', jobs], '/', { SPRINTLOG_NOW: NOW });
      assert.equal(cold.code, 0, cold.err);
      assert.equal(cold.out, out, `--jobs ${jobs}, cold`);
      const warm = bin.run(['portfolio', ...dirs, '--format', 'json', '--jobs', jobs], '/', { SPRINTLOG_NOW: NOW });
      assert.equal(warm.out, out, `--jobs ${jobs}, warm`);
      assert.equal(warm.err, cold.err);
    }
  });
});
