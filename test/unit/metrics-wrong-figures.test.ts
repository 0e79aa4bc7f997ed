// The "other wrong figures" of issue 9, each on real files and real repositories:
// impossible dates, `__proto__` keys, the zone of `--as-of DAY`, a working tree whose
// backlog does not parse, a bare repository.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import type { MetricsReport } from '../../src/core/metrics';
import { buildWorkspace } from '../../src/core/parse/workspace';
import { validateWorkspace } from '../../src/core/validate';
import { GitRepo } from './helpers/gitrepo';

const BACKLOG = 'backlog/backlog.yaml';
const SPRINTS = 'backlog/sprints.yaml';
const repos: GitRepo[] = [];
const dirs: string[] = [];
after(() => {
  for (const r of repos) r.cleanup();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd: '/', out: (t) => (out += t), err: (t) => (err += t), env: {} });
  return { code, out, err };
}

function newRepo(): GitRepo {
  const repo = GitRepo.create();
  repos.push(repo);
  return repo;
}

const SPRINT_LOG = 'version: 1\ntimezone: UTC\nsprints:\n  - id: S1\n    start: 2026-11-02\n    end: 2026-11-13\n';

describe('issue 9: other wrong figures', function () {
  this.timeout(60000);

  describe('impossible dates', () => {
    const text = [
      'version: 1', 'project: X', 'items:',
      '  - id: X-1', '    title: finished before started', '    state: done', '    started: 2026-11-05', '    finished: 2026-11-03',
      '  - id: X-2', '    title: created after the finish', '    state: done', '    created: 2026-11-09', '    started: 2026-11-02', '    finished: 2026-11-04',
      '  - id: X-3', '    title: fine, same day', '    state: done', '    created: 2026-11-01', '    started: 2026-11-04T15:00:00Z', '    finished: 2026-11-04',
      '  - id: X-4', '    title: finished before its first commit, no created', '    state: done', '    finished: 2026-11-01',
      '',
    ].join('\n');

    it('validate reports bad-date at the wrong field, with a hint', () => {
      const ws = buildWorkspace('/r', [{ file: BACKLOG, text }], { file: SPRINTS, text: SPRINT_LOG });
      const problems = validateWorkspace(ws).filter((p) => p.code === 'bad-date');
      assert.deepEqual(problems.map((p) => [p.line, p.column, p.severity]), [[8, 15, 'error'], [12, 14, 'error']]);
      assert.match(problems[0].message, /`finished` of item X-1 \(2026-11-03\) is before its `started` \(2026-11-05\)/);
      assert.match(problems[1].message, /`created` of item X-2 \(2026-11-09\) is after its `finished` \(2026-11-04\)/);
      assert.ok(problems.every((p) => p.hint && /history dates the item/.test(p.hint)));
    });

    it('metrics leave the impossible durations out of the statistics and say so', async () => {
      const repo = newRepo();
      repo.write(SPRINTS, SPRINT_LOG);
      repo.write(BACKLOG, text);
      repo.commit('all', { at: '2026-11-10T10:00:00Z' });
      const { out } = await cli(['metrics', '--repo', repo.dir, '--json', '--as-of', '2026-11-12']);
      const r = JSON.parse(out) as MetricsReport;
      const byId = new Map(r.items.map((i) => [i.id, i]));
      assert.deepEqual([byId.get('X-1')!.cycleTimeDays, byId.get('X-1')!.cycleTimeHours], [null, null]);
      assert.equal(byId.get('X-2')!.leadTimeDays, null);
      assert.equal(byId.get('X-2')!.cycleTimeDays, 3);
      assert.equal(byId.get('X-3')!.cycleTimeDays, 1);
      assert.deepEqual([r.cycleTime!.count, r.cycleTime!.mean], [2, 2]);
      const w = r.warnings.find((x) => x.code === 'impossible-dates');
      assert.ok(w, JSON.stringify(r.warnings));
      assert.deepEqual(w.ids, ['X-1', 'X-2', 'X-4']);
      assert.equal(byId.get('X-4')!.leadTimeDays, null);
      assert.match(w.message, /X-4 \(finished before started, finished before created or first recorded\)/);
    });
  });

  describe('`__proto__` keys are data', () => {
    const text = 'version: 1\nproject: X\nitems:\n  - id: X-1\n    title: one\n    state: todo\n    points: 2\n    __proto__: {state: done, points: 13}\n';

    it('the parser keeps the key as data: it sets neither state nor points', () => {
      const ws = buildWorkspace('/r', [{ file: BACKLOG, text }], { file: SPRINTS, text: SPRINT_LOG });
      const item = ws.items[0];
      assert.deepEqual([item.state, item.points], ['todo', 2]);
      assert.equal(Object.getPrototypeOf(item.raw), Object.prototype);
      assert.deepEqual(Object.keys(item.raw), ['id', 'title', 'state', 'points', '__proto__']);
      assert.deepEqual(item.extra, Object.fromEntries([['__proto__', { state: 'done', points: 13 }]]));
      const noState = buildWorkspace('/r', [{ file: BACKLOG, text: text.replace('    state: todo\n', '').replace('    points: 2\n', '') }], undefined).items[0];
      assert.deepEqual([noState.state, noState.points], [undefined, undefined]);
    });

    it('validate warns about the key, where it is', () => {
      const ws = buildWorkspace('/r', [{ file: BACKLOG, text }], { file: SPRINTS, text: SPRINT_LOG });
      const p = validateWorkspace(ws).filter((x) => x.code === 'unknown-key');
      assert.deepEqual(p.map((x) => [x.line, x.column, x.severity]), [[8, 5, 'warning']]);
      assert.match(p[0].hint ?? '', /Keys are data/);
    });

    it('metrics agree with the history', async () => {
      const repo = newRepo();
      repo.write(SPRINTS, SPRINT_LOG);
      repo.write(BACKLOG, text.replace('    state: todo\n', '').replace('    points: 2\n', '    sprint: S1\n'));
      repo.commit('x', { at: '2026-11-03T10:00:00Z' });
      const r = JSON.parse((await cli(['metrics', '--repo', repo.dir, '--json', '--as-of', '2026-11-04'])).out) as MetricsReport;
      assert.deepEqual([r.items[0].state, r.items[0].points, r.sprints[0].completed], ['todo', null, 0]);
    });
  });

  it('--as-of DAY is the end of that day in the zone of the sprint log being analysed (then), not the working tree\'s', async () => {
    const repo = newRepo();
    repo.write(SPRINTS, SPRINT_LOG.replace('timezone: UTC', 'timezone: America/Los_Angeles'));
    repo.write(BACKLOG, 'version: 1\nproject: X\nitems:\n  - id: X-1\n    title: one\n    state: todo\n    points: 5\n    sprint: S1\n');
    repo.commit('plan', { at: '2026-11-01T10:00:00Z' });
    repo.write(BACKLOG, repo.read(BACKLOG).replace('state: todo', 'state: done'));
    repo.commit('done late on the 3rd in Los Angeles', { at: '2026-11-04T05:00:00Z' }); // 21:00 on the 3rd there
    repo.write(SPRINTS, SPRINT_LOG.replace('timezone: UTC', 'timezone: Asia/Tokyo'));
    repo.commit('team moved to Tokyo', { at: '2026-11-20T01:00:00Z' });
    const r = JSON.parse((await cli(['metrics', '--repo', repo.dir, '--json', '--as-of', '2026-11-03'])).out) as MetricsReport;
    assert.equal(r.timezone, 'America/Los_Angeles');
    assert.equal(r.asOf, '2026-11-03T23:59:59.999-08:00');
    assert.equal(r.items[0].state, 'done');
    assert.equal(r.sprints[0].completed, 5);
  });

  it('a working tree whose backlog.yaml does not parse: the last committed version is analysed, said on stderr and in warnings, exit 1', async () => {
    const repo = newRepo();
    repo.write(SPRINTS, SPRINT_LOG);
    repo.write(BACKLOG, 'version: 1\nproject: X\nitems:\n  - id: X-1\n    title: one\n    state: done\n    points: 5\n    sprint: S1\n  - id: X-2\n    title: two\n    state: todo\n    points: 3\n    sprint: S1\n');
    repo.commit('plan', { at: '2026-11-03T10:00:00Z' });
    repo.write(BACKLOG, repo.read(BACKLOG).replace('title: two', 'title: [two'));
    const { code, out, err } = await cli(['metrics', '--repo', repo.dir, '--json', '--as-of', '2026-11-04']);
    assert.equal(code, 1);
    assert.match(err, /backlog\/backlog\.yaml:\d+:\d+: error: /);
    assert.match(err, /analysing the last committed version/);
    const r = JSON.parse(out) as MetricsReport;
    assert.deepEqual(r.items.map((i) => i.id), ['X-1', 'X-2']);
    assert.equal(r.sprints[0].completed, 5);
    assert.equal(r.forecast!.when!.items, 1);
    const w = r.warnings.find((x) => x.code === 'unparsed-files');
    assert.ok(w, JSON.stringify(r.warnings));
    assert.match(w.message, /backlog\/backlog\.yaml/);
  });

  it('a bare repository is analysed at HEAD (not as "everything deleted")', async () => {
    const repo = newRepo();
    repo.write(SPRINTS, SPRINT_LOG);
    repo.write(BACKLOG, 'version: 1\nproject: X\nitems:\n  - id: X-1\n    title: one\n    state: done\n    points: 5\n    sprint: S1\n');
    repo.commit('plan', { at: '2026-11-03T10:00:00Z' });
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-bare-'));
    dirs.push(bare);
    execFileSync('git', ['clone', '-q', '--bare', repo.dir, bare], { env: repo.env(), stdio: 'ignore' });
    const { code, out, err } = await cli(['metrics', '--repo', bare, '--json', '--as-of', '2026-11-04']);
    assert.equal(err, '');
    assert.equal(code, 0);
    const r = JSON.parse(out) as MetricsReport;
    assert.equal(r.uncommitted, false);
    assert.deepEqual(r.items.map((i) => [i.id, i.state]), [['X-1', 'done']]);
    assert.equal(r.sprints[0].completed, 5);
  });
});
