// `sprintlog portfolio` over three generated git repositories: "pay" (complete
// history, an epic, dependencies on other teams), "web" (a shallow clone) and
// "ops" (a working-tree backlog that does not parse). The report still comes out,
// naming each problem; `--from` on the teams' JSON artifacts gives the same figures.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import type { Portfolio } from '../../src/core/portfolio';
import { backlogYaml, day, GitRepo } from './helpers/gitrepo';

const NOW = day(9, 12); // Wed 2026-03-11
const SPRINTS = 'version: 1\ntimezone: UTC\nsprints:\n  - {id: S1, start: 2026-03-02, end: 2026-03-06, review: {satisfaction: 4}}\n  - {id: S2, start: 2026-03-09, end: 2026-03-20}\n';

async function cli(args: string[], cwd = '/'): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd, out: (t) => (out += t), err: (t) => (err += t), env: { SPRINTLOG_NOW: NOW } });
  return { code, out, err };
}

/** S1: A 3 and B 2 committed on day 0; A done on day 2, B on day 3. S2: C 5 open. */
function team(prefix: string, extra: Record<string, unknown>[] = [], epics?: Record<string, unknown>[]): GitRepo {
  const repo = GitRepo.create();
  repo.write('backlog/sprints.yaml', SPRINTS);
  const items = (a: string, b: string): Record<string, unknown>[] => [
    { id: `${prefix}-1`, title: 'A', state: a, points: 3, sprint: 'S1', epic: epics ? `${prefix}-E1` : undefined },
    { id: `${prefix}-2`, title: 'B', state: b, points: 2, sprint: 'S1' },
    { id: `${prefix}-3`, title: 'C', state: 'todo', points: 5, sprint: 'S2', epic: epics ? `${prefix}-E1` : undefined },
    ...extra,
  ].map((i) => Object.fromEntries(Object.entries(i).filter(([, v]) => v !== undefined)));
  const ext = epics ? { epics } : {};
  for (const [n, a, b] of [[0, 'todo', 'todo'], [2, 'done', 'todo'], [3, 'done', 'done']] as const) {
    repo.write('backlog/backlog.yaml', backlogYaml(items(a, b), ext));
    repo.commit(`day ${n}`, { at: day(n, 9) });
  }
  return repo;
}

describe('sprintlog portfolio', function () {
  this.timeout(120000);
  let pay: GitRepo;
  let webOrigin: GitRepo;
  let web: GitRepo;
  let ops: GitRepo;
  let tmp: string;
  let config: string;
  let direct: Portfolio;

  before(async () => {
    pay = team('PAY', [{ id: 'PAY-4', title: 'Needs web', state: 'todo', depends_on: ['web:WEB-2', 'web:WEB-9', 'crm:CRM-1'] }], [{ id: 'PAY-E1', title: 'Wallet', target: '2026-03-10' }]);
    webOrigin = team('WEB');
    web = webOrigin.shallowClone(1);
    ops = team('OPS');
    fs.writeFileSync(path.join(ops.dir, 'backlog/backlog.yaml'), 'version: 1\nitems:\n  - id: OPS-1\n    title: [unclosed\n');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-portfolio-'));
    config = path.join(tmp, 'portfolio.yaml');
    fs.writeFileSync(config, `teams:\n  - {name: pay, repo: ${pay.dir}}\n  - {name: web, repo: ${web.dir}}\n  - {name: ops, repo: ${ops.dir}}\n`);
    const r = await cli(['portfolio', '--config', config, '--format', 'json', '--jobs', '2']);
    assert.equal(r.code, 0, r.err);
    direct = JSON.parse(r.out) as Portfolio;
  });
  after(() => {
    for (const r of [pay, webOrigin, ops]) r.cleanup();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a row per team with its figures; the shallow and the broken repository name their problem', () => {
    assert.deepEqual(direct.teams.map((t) => t.team), ['pay', 'web', 'ops']);
    const [p, w, o] = direct.teams;
    // S1 closed: committed 5, completed 5 → velocity 5, predictability 100 %; S2 active.
    assert.deepEqual([p.ok, p.velocity, p.predictabilityPct, p.satisfaction, p.activeSprint, p.history], [true, 5, 100, 4, 'S2', 'full']);
    assert.equal(w.ok, false);
    assert.equal(w.history, 'shallow');
    assert.match(w.problems.join('\n'), /shallow/);
    assert.equal(o.ok, false);
    assert.match(o.problems.join('\n'), /backlog\/backlog\.yaml in the working tree does not parse/);
    // ops still has figures: the last committed version was analysed.
    assert.equal(o.velocity, 5);
  });

  it('epics against their target, and team:ID dependencies resolved or reported', () => {
    // PAY-E1: PAY-1 done, PAY-3 open; the throughput (2 items in 30 days) puts the 85 % date past 2026-03-10.
    const e = direct.teams[0].epics![0];
    assert.deepEqual([e.id, e.done, e.total, e.target, e.atRisk], ['PAY-E1', 1, 2, '2026-03-10', true]);
    assert.deepEqual(direct.dependencies, [
      { team: 'pay', id: 'PAY-4', on: 'web:WEB-2', status: 'done' },
      { team: 'pay', id: 'PAY-4', on: 'web:WEB-9', status: 'not-found' },
      { team: 'pay', id: 'PAY-4', on: 'crm:CRM-1', status: 'team-not-listed' },
    ]);
    assert.deepEqual([direct.totals.teams, direct.totals.withProblems, direct.totals.velocity, direct.totals.epicsAtRisk], [3, 2, 10, 1]); // web's velocity is unknown (shallow)
  });

  it('--from on the JSON artifacts gives the same figures as the direct run', async () => {
    const art = path.join(tmp, 'artifacts');
    fs.mkdirSync(art);
    for (const [name, repo] of [['pay', pay], ['web', web], ['ops', ops]] as const) {
      for (const [cmd, suffix] of [['metrics', '.json'], ['forecast', '.forecast.json'], ['kpis', '.kpis.json']]) {
        const r = await cli([cmd, '--repo', repo.dir, '--json']);
        fs.writeFileSync(path.join(art, `${name}${suffix}`), r.out);
      }
    }
    const r = await cli(['portfolio', '--from', art, '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const fromArt = JSON.parse(r.out) as Portfolio;
    // Artifacts are read in file-name order; the config's order is the direct run's.
    const strip = (p: Portfolio): unknown => ({ ...p, teams: p.teams.map((t) => ({ ...t, source: '' })).sort((a, b) => a.team.localeCompare(b.team)) });
    assert.deepEqual(strip(fromArt), strip(direct));
  });

  it('a missing repository and a broken artifact keep their rows; formats escape; usage mistakes exit 2', async () => {
    const r = await cli(['portfolio', pay.dir, path.join(tmp, 'gone')]);
    assert.equal(r.code, 0);
    assert.match(r.out, /gone +– .*no such folder/);
    assert.match(r.err, /sprintlog portfolio: gone: .*no such folder/);
    const art = path.join(tmp, 'bad');
    fs.mkdirSync(art);
    fs.writeFileSync(path.join(art, 'x.json'), '{"version": 1');
    const bad = JSON.parse((await cli(['portfolio', '--from', art, '--format', 'json'])).out) as Portfolio;
    assert.equal(bad.teams[0].ok, false);
    assert.match(bad.teams[0].problems[0], /^x\.json: /);
    const html = (await cli(['portfolio', '--config', config, '--format', 'html'])).out;
    assert.match(html, /<td>PAY-E1<\/td><td>Wallet<\/td>/);
    assert.match((await cli(['portfolio', '--config', config, '--format', 'md'])).out, /\| pay \| S2 \| 5 \| 100 \|/);
    assert.equal((await cli(['portfolio'])).code, 2);
    assert.equal((await cli(['portfolio', pay.dir, '--jobs', '0'])).code, 2);
    assert.equal((await cli(['portfolio', pay.dir, '--format', 'pdf'])).code, 2);
  });
});
