// The metrics document's result cache (src/core/metrics-cache.ts) on real git
// repositories: a cached document is byte for byte the fresh one (for the
// instant it was computed for and for later instants of the same local day), and
// a new commit, an edited working-tree file, another day, a pending change or a
// commit authored after as-of make it compute afresh. The CLI's `metrics` and
// `portfolio` print the same bytes from the cache as without it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { cachedDerived, METRICS_REPORT } from '../../src/core/metrics-cache';
import { metricsDocument, type DocumentRequest } from '../../src/core/metrics-document';
import { backlogYaml, day, GitRepo, ms } from './helpers/gitrepo';

// Europe/Berlin is UTC+1 in March: day(9, 23, 30) is 00:30 on the next local day.
const SPRINTS = 'version: 1\ntimezone: Europe/Berlin\nsprints:\n  - {id: S1, start: 2026-03-02, end: 2026-03-06, review: {satisfaction: 4}}\n  - {id: S2, start: 2026-03-09, end: 2026-03-20}\n';

const items = (a: string, b: string, c = 'todo'): Record<string, unknown>[] => [
  { id: 'T-1', title: 'A', state: a, points: 3, sprint: 'S1', epic: 'T-E1' },
  { id: 'T-2', title: 'B', state: b, points: 2, sprint: 'S1', depends_on: ['other:O-1'] },
  { id: 'T-3', title: 'C', state: c, points: 5, sprint: 'S2', epic: 'T-E1' },
];
const EPICS = { epics: [{ id: 'T-E1', title: 'Wallet', target: '2026-03-20' }] };

function teamRepo(): GitRepo {
  const repo = GitRepo.create();
  repo.write('backlog/sprints.yaml', SPRINTS);
  for (const [n, a, b, c] of [[0, 'todo', 'todo', 'todo'], [2, 'done', 'in-progress', 'todo'], [3, 'done', 'done', 'in-progress']] as const) {
    repo.write('backlog/backlog.yaml', backlogYaml(items(a, b, c), EPICS));
    repo.commit(`day ${n}`, { at: day(n, 9) });
  }
  return repo;
}

function request(repo: GitRepo, now: string): DocumentRequest {
  return { root: repo.dir, ref: 'HEAD', command: 'metrics', now: () => ms(now), err: () => undefined };
}

/** The report as `metrics --json` prints it, through the cache (and whether it came from it) and computed afresh. */
async function both(repo: GitRepo, now: string): Promise<{ cached: boolean; json: string; fresh: string }> {
  const { value, cached } = await cachedDerived(request(repo, now), METRICS_REPORT);
  const fresh = (await metricsDocument(request(repo, now))).report;
  return { cached, json: JSON.stringify(value.report, null, 2), fresh: JSON.stringify(fresh, null, 2) };
}

async function cli(args: string[], now: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd: '/', out: (t) => (out += t), err: (t) => (err += t), env: { SPRINTLOG_NOW: now } });
  return { code, out, err };
}

const entry = (repo: GitRepo, kind: string): string => path.join(repo.dir, '.git', 'sprintlog-cache', `document-${kind}.json`);

describe('metrics document cache', function () {
  this.timeout(120000);
  let repo: GitRepo;
  beforeEach(() => {
    repo = teamRepo();
  });
  afterEach(() => repo.cleanup());

  it('a cached document is the fresh one, byte for byte, at its instant and later the same local day', async () => {
    const first = await both(repo, day(9, 12));
    assert.equal(first.cached, false);
    assert.equal(first.json, first.fresh);
    const again = await both(repo, day(9, 12));
    assert.equal(again.cached, true);
    assert.equal(again.json, first.fresh);
    // 21:00 in Berlin: the same day; only `asOf` differs, and the cache rewrites it.
    const evening = await both(repo, day(9, 20));
    assert.equal(evening.cached, true);
    assert.equal(evening.json, evening.fresh);
    assert.notEqual(evening.json, first.json);
    assert.match(evening.json, /"asOf": "2026-03-11T21:00:00\+01:00"/);
  });

  it('another local day, an edited working-tree file, a pending change or a new commit compute afresh', async () => {
    const age = (json: string): number => (JSON.parse(json) as { items: { id: string; ageDays: number }[] }).items.find((i) => i.id === 'T-3')!.ageDays;
    const today = await both(repo, day(9, 12));
    // 00:30 the next day in Berlin (23:30 UTC the same UTC day): ages move.
    const tomorrow = await both(repo, day(9, 23, 30));
    assert.equal(tomorrow.cached, false);
    assert.equal(tomorrow.json, tomorrow.fresh);
    assert.equal(age(tomorrow.json), age(today.json) + 1);

    // An uncommitted change is dated at the as-of instant itself: reused only for that very instant.
    repo.write('backlog/backlog.yaml', backlogYaml(items('done', 'done', 'done'), EPICS));
    const edited = await both(repo, day(9, 12));
    assert.equal(edited.cached, false);
    assert.equal(edited.json, edited.fresh);
    assert.match(edited.json, /"uncommitted": true/);
    assert.equal((await both(repo, day(9, 12))).cached, true);
    const later = await both(repo, day(9, 13));
    assert.equal(later.cached, false);
    assert.equal(later.json, later.fresh);
    assert.notEqual(later.json.replace(/"asOf": "[^"]*"/, ''), edited.json.replace(/"asOf": "[^"]*"/, ''));

    const head = repo.commit('day 9', { at: day(9, 10) });
    const committed = await both(repo, day(9, 12));
    assert.equal(committed.cached, false);
    assert.equal(committed.json, committed.fresh);
    assert.match(committed.json, new RegExp(`"head": "${head}"`));
  });

  it('a commit authored after as-of: only the exact instant is reused, since a later now would include it', async () => {
    repo.write('backlog/backlog.yaml', backlogYaml(items('done', 'done', 'done'), EPICS));
    repo.commit('future', { at: day(9, 18) });
    repo.write('backlog/backlog.yaml', backlogYaml(items('done', 'done', 'in-progress'), EPICS));
    repo.commit('rebased, older author date', { at: day(9, 8) });
    const noon = await both(repo, day(9, 12));
    assert.equal(noon.cached, false);
    assert.equal((await both(repo, day(9, 12))).cached, true);
    const evening = await both(repo, day(9, 19));
    assert.equal(evening.cached, false);
    assert.equal(evening.json, evening.fresh);
    assert.notEqual(evening.json.replace(/"asOf": "[^"]*"/, ''), noon.json.replace(/"asOf": "[^"]*"/, ''));
  });

  it('`metrics` prints the same bytes from the cache; a damaged entry is ignored', async () => {
    for (const args of [['metrics', '--repo', repo.dir, '--json'], ['metrics', '--repo', repo.dir]]) {
      fs.rmSync(entry(repo, 'metrics'), { force: true });
      const fresh = await cli(args, day(9, 12));
      assert.equal(fresh.code, 0, fresh.err);
      assert.ok(fs.existsSync(entry(repo, 'metrics')));
      assert.deepEqual(await cli(args, day(9, 12)), fresh);
      const evening = await cli(args, day(9, 20));
      fs.rmSync(entry(repo, 'metrics'));
      assert.deepEqual(evening, await cli(args, day(9, 20)));
    }
    fs.writeFileSync(entry(repo, 'metrics'), '{"format": "sprintlog-document"}\n{"value": 1');
    const r = await cli(['metrics', '--repo', repo.dir, '--json'], day(9, 12));
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, JSON.stringify((await metricsDocument(request(repo, day(9, 12)))).report, null, 2) + '\n');
  });

  it('`portfolio` reads its rows from the cache and prints the same bytes as without it', async () => {
    const other = teamRepo();
    try {
      for (const format of ['json', 'text', 'md']) {
        const args = ['portfolio', repo.dir, other.dir, '--format', format];
        for (const r of [repo, other]) fs.rmSync(entry(r, 'portfolio'), { force: true });
        const fresh = await cli(args, day(9, 12));
        assert.equal(fresh.code, 0, fresh.err);
        assert.deepEqual(await cli(args, day(9, 14)), { ...fresh });
      }
      // The rows do come from the stored entry: a value changed in it shows.
      const file = entry(repo, 'portfolio');
      const [head, body] = fs.readFileSync(file, 'utf8').split('\n');
      fs.writeFileSync(file, `${head}\n${body.replace('"satisfaction":{"count":1,"mean":4', '"satisfaction":{"count":1,"mean":2')}`);
      const tampered = JSON.parse((await cli(['portfolio', repo.dir, '--format', 'json'], day(9, 12))).out) as { teams: { satisfaction: number }[] };
      assert.equal(tampered.teams[0].satisfaction, 2);
    } finally {
      other.cleanup();
    }
  });
});
