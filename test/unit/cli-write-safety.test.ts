// What a CLI write does to the file beyond its text: a symbolic link is
// written through, mode and owner stay, a read-only file or folder is refused
// naming the real file, broken files anywhere block every write, and an edit
// that makes the backlog invalid is refused unless --force.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { cliBundle, runCli } from './helpers/cli-process';

const FILE = 'backlog/backlog.yaml';
const BACKLOG = [
  'version: 1',
  'project: A',
  'items:',
  '  - id: A-1',
  '    title: One',
  '    created: 2026-11-02',
  '  - id: A-2',
  '    title: Two',
  '    depends_on: [A-1]',
  '',
].join('\n');
const NOBODY = 65534;

async function run(dir: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...argv, '--repo', dir], { cwd: dir, out: (t) => (out += t), err: (t) => (err += t), env: {} });
  return { code, out, err };
}

describe('cli: what a write keeps and refuses', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  const folder = (files: Record<string, string> = {}): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-write-safety-'));
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, '.git'));
    for (const [f, t] of Object.entries({ [FILE]: BACKLOG, ...files })) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), t);
    }
    return dir;
  };
  const read = (dir: string, f = FILE): string => fs.readFileSync(path.join(dir, f), 'utf8');
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('writes through a symbolic link: the target gets the edit, the link stays a link', async () => {
    const dir = folder({ 'shared/team.yaml': BACKLOG });
    fs.rmSync(path.join(dir, FILE));
    fs.symlinkSync('../shared/team.yaml', path.join(dir, FILE));
    const r = await run(dir, 'set', 'A-1', 'points=3');
    assert.equal(r.code, 0, r.err);
    assert.ok(fs.lstatSync(path.join(dir, FILE)).isSymbolicLink(), 'still a link');
    assert.equal(fs.readlinkSync(path.join(dir, FILE)), '../shared/team.yaml');
    assert.match(read(dir, 'shared/team.yaml'), /title: One\n {4}points: 3\n/);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'shared')), ['team.yaml'], 'no temp or lock file left');
  });

  it('keeps the mode (whatever the umask) and the owner', async () => {
    const dir = folder();
    const file = path.join(dir, FILE);
    fs.chmodSync(file, 0o664);
    fs.chownSync(file, NOBODY, NOBODY);
    const old = process.umask(0o022);
    try {
      assert.equal((await run(dir, 'set', 'A-1', 'points=3')).code, 0);
    } finally {
      process.umask(old);
    }
    const st = fs.statSync(file);
    assert.equal((st.mode & 0o7777).toString(8), '664');
    assert.deepEqual([st.uid, st.gid], [NOBODY, NOBODY]);
    assert.match(read(dir), /points: 3/);
  });

  it('refuses a read-only file instead of replacing it', async () => {
    const dir = folder();
    fs.chmodSync(path.join(dir, FILE), 0o444);
    const r = await run(dir, 'set', 'A-1', 'points=3');
    assert.equal(r.code, 1);
    assert.equal(r.err, 'sprintlog set: backlog/backlog.yaml is read-only (mode 0444); nothing was written. Make it writable (chmod u+w) to edit it.\n');
    assert.equal(read(dir), BACKLOG);
    assert.equal(fs.statSync(path.join(dir, FILE)).mode & 0o7777, 0o444);
  });

  it('an unwritable folder: the error names the backlog file and its folder (run as another user)', async function () {
    if (process.getuid?.() !== 0) this.skip(); // needs root to run the command as another user
    const cli = await cliBundle();
    const dir = folder();
    fs.chmodSync(dir, 0o755);
    fs.chownSync(path.join(dir, FILE), NOBODY, NOBODY); // the file is writable for that user, its folder is not
    const r = await runCli(cli, ['set', 'A-1', 'points=3'], { cwd: dir, uid: NOBODY, gid: NOBODY });
    assert.equal(r.code, 1, r.err);
    assert.equal(r.err, `sprintlog set: cannot write backlog/backlog.yaml: its folder ${fs.realpathSync(path.join(dir, 'backlog'))} is not writable (EACCES); nothing was written.\n`);
    assert.equal(read(dir), BACKLOG);
  });

  it('an archive that does not parse blocks `add` (its ids are unknown), with file:line:col', async () => {
    const archive = 'version: 1\nitems:\n  - id: A-3\n    title: "Old\n  - id: A-4\n    title: Older\n';
    const dir = folder({ 'backlog/archive/2025.yaml': archive });
    const r = await run(dir, 'add', 'New');
    assert.equal(r.code, 1);
    assert.match(r.err, /^sprintlog add: backlog\/archive\/2025\.yaml:\d+:\d+: .*Nothing is written while a backlog file does not parse/);
    assert.equal(read(dir), BACKLOG);
    fs.writeFileSync(path.join(dir, 'backlog/archive/2025.yaml'), archive.replace('"Old', '"Old"'));
    assert.deepEqual(await run(dir, 'add', 'New'), { code: 0, out: 'A-5\n', err: '' });
  });

  it('a sprint log that does not parse blocks `set` on the backlog', async () => {
    const dir = folder({ 'backlog/sprints.yaml': 'version: 1\nsprints:\n  - id: S1\n    start: [2026-11-02\n' });
    const r = await run(dir, 'set', 'A-1', 'points=3');
    assert.equal(r.code, 1);
    assert.match(r.err, /^sprintlog set: backlog\/sprints\.yaml:\d+:\d+: /);
    assert.equal(read(dir), BACKLOG);
  });

  it('refuses `created=2026-13-45` with the new problem at file:line:col; --force writes it', async () => {
    const dir = folder();
    const r = await run(dir, 'set', 'A-1', 'created=2026-13-45');
    assert.equal(r.code, 1);
    assert.match(r.err, /^sprintlog set: the edit would make the backlog invalid; nothing was written\.\nbacklog\/backlog\.yaml:6:14: error bad-date: .*2026-13-45.*\nFix the value, or pass --force to write it anyway\.\n$/);
    assert.equal(read(dir), BACKLOG);
    const forced = await run(dir, 'set', 'A-1', 'created=2026-13-45', '--force');
    assert.equal(forced.code, 0, forced.err);
    assert.match(read(dir), /created: 2026-13-45/);
  });

  it('refuses renaming an id others depend on (the dependency would dangle)', async () => {
    const dir = folder();
    const r = await run(dir, 'set', 'A-1', 'id=A-10');
    assert.equal(r.code, 1);
    assert.match(r.err, /\nbacklog\/backlog\.yaml:9:\d+: error unknown-dependency: `depends_on` of .*A-2.* names `A-1`/);
    assert.equal(read(dir), BACKLOG);
  });

  it('an edit may keep errors the files already had (so `set` can be the fix)', async () => {
    const dir = folder({ [FILE]: BACKLOG.replace('depends_on: [A-1]', 'depends_on: [A-9]') });
    assert.equal((await run(dir, 'set', 'A-1', 'points=2')).code, 0);
    const fix = await run(dir, 'set', 'A-2', 'depends_on=A-1');
    assert.equal(fix.code, 0, fix.err);
    assert.match(read(dir), /depends_on: \[A-1\]/);
  });

  it('--help of set, add and move documents --force', async () => {
    for (const cmd of ['set', 'add', 'move']) {
      const r = await run(dir0(), cmd, '--help');
      assert.match(r.out, /--force {2,}Write even if the result has validation errors/);
      assert.match(r.out, /refused with it \(file:line:col\)\nunless --force/);
    }
    function dir0(): string {
      return os.tmpdir();
    }
  });
});
