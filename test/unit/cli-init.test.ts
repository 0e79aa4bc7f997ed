// `sprintlog init` on real folders: valid commented starter files, never an overwrite.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';

async function run(dir: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...argv, '--repo', dir], { cwd: dir, out: (t) => (out += t), err: (t) => (err += t), env: {} });
  return { code, out, err };
}

describe('cli: init', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-init-'));
    execFileSync('git', ['init', '-q'], { cwd: dir });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes commented starter files that validate, and the next id follows the example item', async () => {
    const r = await run(dir, 'init', '--project', 'SHOP', '--timezone', 'Europe/Berlin');
    assert.equal(r.code, 0, r.err);
    const backlog = fs.readFileSync(path.join(dir, 'backlog/backlog.yaml'), 'utf8');
    const sprints = fs.readFileSync(path.join(dir, 'backlog/sprints.yaml'), 'utf8');
    assert.match(backlog, /^# SHOP backlog\./);
    assert.match(backlog, /project: SHOP +# id prefix/);
    assert.match(sprints, /timezone: Europe\/Berlin/);
    const v = await run(dir, 'validate');
    assert.equal(v.code, 0, v.out + v.err);
    assert.equal((await run(dir, 'add', 'Second')).out, 'SHOP-2\n');
  });

  it('refuses to overwrite, writing nothing', async () => {
    fs.mkdirSync(path.join(dir, 'backlog'));
    fs.writeFileSync(path.join(dir, 'backlog/sprints.yaml'), 'mine\n');
    const r = await run(dir, 'init');
    assert.equal(r.code, 1);
    assert.match(r.err, /backlog\/sprints\.yaml already exists: nothing was written/);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'backlog')), ['sprints.yaml']);
    assert.equal(fs.readFileSync(path.join(dir, 'backlog/sprints.yaml'), 'utf8'), 'mine\n');
  });

  it('refuses a zone or project key that would not work', async () => {
    assert.match((await run(dir, 'init', '--timezone', 'Mars/Olympus')).err, /'Mars\/Olympus' is not an IANA time zone/);
    assert.match((await run(dir, 'init', '--project', '1-bad')).err, /project key '1-bad' must be letters and digits/);
    assert.ok(!fs.existsSync(path.join(dir, 'backlog')));
  });
});
