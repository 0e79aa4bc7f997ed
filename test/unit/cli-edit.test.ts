// `sprintlog set | add | move` on a real git repository in a temp folder:
// the fixture (CRLF, BOM, comments, quoted strings) is committed, the command
// runs through main(), and `git diff` must show exactly the intended lines.

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'edit', 'crlf');
const FILE = 'backlog/backlog.yaml';

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
}

function repo(files?: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-cli-edit-'));
  fs.cpSync(path.join(FIXTURE, 'backlog'), path.join(dir, 'backlog'), { recursive: true });
  for (const [file, text] of Object.entries(files ?? {})) fs.writeFileSync(path.join(dir, file), text);
  git(dir, 'init', '-q');
  git(dir, 'config', 'user.email', 'test@example.invalid');
  git(dir, 'config', 'user.name', 'Test');
  git(dir, 'config', 'core.autocrlf', 'false');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'fixture');
  return dir;
}

async function run(dir: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...argv, '--repo', dir], { cwd: dir, out: (t) => (out += t), err: (t) => (err += t), env: {} });
  return { code, out, err };
}

/** The changed lines of `git diff`, `-` and `+` prefixed, line ends (`\r`) kept. */
function diffLines(dir: string): string[] {
  return git(dir, 'diff', '--no-color', '-U0').split('\n').filter((l) => /^[-+](?![-+]{2} )/.test(l));
}

describe('cli: set, add, move on a git repository', () => {
  const dirs: string[] = [];
  const fresh = (files?: Record<string, string>): string => {
    const d = repo(files);
    dirs.push(d);
    return d;
  };
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('set: changes and adds keys, CRLF and quoting as the file has them', async () => {
    const dir = fresh();
    const r = await run(dir, 'set', 'WIN-3', 'points=5', 'title=Plain: now quoted');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, `WIN-3: points, title (${FILE})\n`);
    assert.deepEqual(diffLines(dir), ['-    title: Plain\r', '+    title: "Plain: now quoted"\r', '+    points: 5\r']);
    assert.ok(fs.readFileSync(path.join(dir, FILE)).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'BOM kept');
    assert.deepEqual(fs.readdirSync(path.join(dir, 'backlog')).sort(), ['backlog.yaml', 'sprints.yaml'], 'no temp file left');
  });

  it('set: lists from `[a,b]` or `a,b`, an empty value removes the key', async () => {
    const dir = fresh();
    // WIN-3 depends on WIN-1: the new dependency makes a cycle, refused unless forced.
    const refused = await run(dir, 'set', 'WIN-1', 'tags=[ui, yes]', 'state=', 'depends_on=WIN-2,WIN-3');
    assert.equal(refused.code, 1);
    assert.match(refused.err, /would make the backlog invalid; nothing was written\.\nbacklog\/backlog\.yaml:\d+:\d+: error dependency-cycle: /);
    assert.equal(git(dir, 'status', '--porcelain'), '');
    assert.equal((await run(dir, 'set', 'WIN-1', 'tags=[ui, yes]', 'state=', 'depends_on=WIN-2,WIN-3', '--force')).code, 0);
    assert.deepEqual(diffLines(dir), [
      '-    state: todo\r', '-    tags: [auth, "yes"]\r', '+    depends_on: [WIN-2, WIN-3]\r', '+    tags: [ui, "yes"]\r',
    ]);
  });

  it('add: prints the new id, puts it at the 1-based rank with the list\'s layout', async () => {
    const dir = fresh();
    const r = await run(dir, 'add', 'Export: CSV', 'points=3', 'tags=csv', '--rank', '2');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, 'WIN-4\n');
    assert.deepEqual(diffLines(dir), ['+  - id: WIN-4\r', '+    title: "Export: CSV"\r', '+    points: 3\r', '+    tags: [csv]\r', '+\r']);
    const text = fs.readFileSync(path.join(dir, FILE), 'utf8');
    assert.ok(text.includes('Second line.\r\n\r\n  - id: WIN-4\r\n'), 'after WIN-1 and its blank line');
  });

  it('add: never hands out the id of an item deleted in the history', async () => {
    const dir = fresh();
    // WIN-3 (the highest id) is deleted and the deletion committed: WIN-3 must stay taken.
    assert.equal((await run(dir, 'add', 'Fourth')).out, 'WIN-4\n');
    git(dir, 'commit', '-q', '-am', 'WIN-4');
    const text = fs.readFileSync(path.join(dir, FILE), 'utf8');
    fs.writeFileSync(path.join(dir, FILE), text.replace(/ {2}- id: WIN-4\r\n {4}title: Fourth\r\n(\r\n)?/, ''));
    git(dir, 'commit', '-q', '-am', 'delete WIN-4');
    assert.ok(!fs.readFileSync(path.join(dir, FILE), 'utf8').includes('WIN-4'));
    const r = await run(dir, 'add', 'Fifth');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, 'WIN-5\n');
  });

  it('move --to-rank: the item moves with its lines and one blank separator, nothing else changes', async () => {
    const dir = fresh();
    const r = await run(dir, 'move', 'WIN-3', '--to-rank', '1');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, `WIN-3: rank 1 (${FILE})\n`);
    const three = ['  - id: WIN-3\r', '    title: Plain\r', '    depends_on:\r', '      - WIN-1\r'];
    assert.deepEqual(diffLines(dir), [...three.map((l) => '+' + l), '+\r', '-\r', ...three.map((l) => '-' + l)]);
    assert.ok(fs.readFileSync(path.join(dir, FILE), 'utf8').includes('items:\r\n  - id: WIN-3\r\n    title: Plain\r\n    depends_on:\r\n      - WIN-1\r\n\r\n  # Top of the list\r\n'));
  });

  it('move --to-rank: a commented item takes its comment along', async () => {
    const dir = fresh();
    assert.equal((await run(dir, 'move', 'WIN-1', '--to-rank', '3')).code, 0);
    const text = fs.readFileSync(path.join(dir, FILE), 'utf8');
    assert.ok(text.endsWith('      - WIN-1\r\n\r\n  # Top of the list\r\n  - id: WIN-1   # keep me\r\n    title: "Login: SSO"\r\n    state: todo\r\n    tags: [auth, "yes"]\r\n    description: |\r\n      First line.\r\n      Second line.\r\n'), text);
    assert.ok(text.startsWith('\uFEFF# Saved on Windows: CRLF line ends and a BOM.\r\nversion: 1\r\nproject: WIN\r\n\r\nitems:\r\n  - {id: WIN-2,'), text);
  });

  it('move --sprint: plans items into a sprint and back (`none`)', async () => {
    const dir = fresh();
    assert.equal((await run(dir, 'move', 'WIN-1', 'WIN-2', '--sprint', 'S1')).code, 0);
    assert.deepEqual(diffLines(dir), [
      '+    sprint: S1\r',
      "-  - {id: WIN-2, title: 'Quoted, flow', points: 3}\r", "+  - {id: WIN-2, title: 'Quoted, flow', points: 3, sprint: S1}\r",
    ]);
    git(dir, 'commit', '-q', '-am', 'planned');
    const back = await run(dir, 'move', 'WIN-1', '--sprint', 'none');
    assert.equal(back.out, `WIN-1: product backlog (${FILE})\n`);
    assert.deepEqual(diffLines(dir), ['-    sprint: S1\r']);
  });

  it('refuses unknown states and sprints, bad numbers and ranks, writing nothing', async () => {
    const dir = fresh();
    const state = await run(dir, 'set', 'WIN-1', 'state=doing');
    assert.equal(state.code, 2);
    assert.match(state.err, /unknown state 'doing'\. Known: todo, in-progress, review, done\./);
    assert.match((await run(dir, 'move', 'WIN-1', '--sprint', 'S9')).err, /unknown sprint 'S9'\. Known: S1\./);
    assert.match((await run(dir, 'set', 'WIN-1', 'points=five')).err, /points must be a number >= 0/);
    assert.match((await run(dir, 'move', 'WIN-1', '--to-rank', '9')).err, /past the end: there are 3 items/);
    assert.match((await run(dir, 'set', 'WIN-9', 'points=1')).err, /unknown item id 'WIN-9'/);
    assert.equal(git(dir, 'status', '--porcelain'), '');
  });

  it('refuses a file with errors, pointing at file:line:col', async () => {
    const dir = fresh({ [FILE]: 'version: 1\nproject: WIN\nitems:\n  - id: WIN-1\n    title: "open\n  - id: WIN-2\n' });
    const r = await run(dir, 'add', 'Anything');
    assert.equal(r.code, 1);
    assert.match(r.err, /^sprintlog add: backlog\/backlog\.yaml:\d+:\d+: .+Nothing is written while a backlog file does not parse .+; fix it first\.\n$/);
    assert.equal(git(dir, 'status', '--porcelain'), '');
  });
});
