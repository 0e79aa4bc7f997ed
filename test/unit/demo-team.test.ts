// `sprintlog demo --team shop`: a second, different team (own ids, people and
// history) so `sprintlog portfolio` can show two teams side by side.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import type { Portfolio } from '../../src/core/portfolio';

describe('sprintlog demo --team and a portfolio of the two demo teams', function () {
  this.timeout(180000);
  let tmp: string;
  const env = { SPRINTLOG_NOW: '2026-11-26T12:00:00+01:00' };

  async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await main(args, { cwd: tmp, out: (t) => (out += t), err: (t) => (err += t), env });
    return { code, out, err };
  }

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-demo-team-'));
    assert.equal((await cli(['demo', 'pay'])).code, 0);
    const r = await cli(['demo', 'shop', '--team', 'shop']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Created the SHOP demo repository/);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('the shop team has its own ids, people and a valid backlog', async () => {
    const backlog = fs.readFileSync(path.join(tmp, 'shop/backlog/backlog.yaml'), 'utf8');
    assert.match(backlog, /project: SHOP/);
    assert.doesNotMatch(backlog, /PAY-|\balice\b|paytech/);
    const authors = execFileSync('git', ['log', '--format=%an'], { cwd: path.join(tmp, 'shop'), encoding: 'utf8' });
    assert.deepEqual([...new Set(authors.trim().split('\n'))].sort(), ['Farah Haddad', 'Gustavo Lima', 'Hana Sato', 'Ivan Petrov', 'Jonas Berg']);
    assert.equal((await cli(['validate', '--repo', 'shop'])).code, 0);
    assert.equal((await cli(['demo', 'x', '--team', 'crm'])).code, 2);
  });

  it('a portfolio of the two shows two teams with different figures', async () => {
    const r = await cli(['portfolio', 'pay', 'shop', '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const p = JSON.parse(r.out) as Portfolio;
    assert.deepEqual(p.teams.map((t) => [t.team, t.ok, t.activeSprint]), [['pay', true, 'S12'], ['shop', true, 'S12']]);
    assert.notDeepEqual(p.teams[0].velocity, p.teams[1].velocity);
    assert.ok(p.teams[1].epics!.every((e) => e.id.startsWith('SHOP-E')));
  });
});
