// Several real `sprintlog` processes writing one backlog at once, and an
// "editor" process saving the file while they run: an edit that exits 0 is in
// the file, no two `add`s print the same id, and the editor's saves survive.

import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { cliBundle, runCli } from './helpers/cli-process';

const FILE = 'backlog/backlog.yaml';
const START = [
  'version: 1',
  'project: A',
  'items:',
  ...['A-1', 'A-2', 'A-3', 'A-4'].flatMap((id) => [`  - id: ${id}`, `    title: Item ${id}`, '    state: todo']),
  '',
].join('\n');

interface Doc {
  items: Array<{ id: string; title: string; points?: number }>;
}

function folder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-concurrency-'));
  fs.mkdirSync(path.join(dir, 'backlog'));
  fs.writeFileSync(path.join(dir, FILE), START);
  fs.mkdirSync(path.join(dir, '.git')); // the repository root marker findRepoRoot looks for; no git is run
  return dir;
}

function items(dir: string): Map<string, Doc['items'][number]> {
  const doc = parse(fs.readFileSync(path.join(dir, FILE), 'utf8')) as Doc;
  return new Map(doc.items.map((i) => [i.id, i]));
}

// The editor: read the file, check its own last save is still there, save again with the next
// counter in A-3's title (in place, as editors save), keeping whatever else the file holds.
const EDITOR = `
const fs = require('fs');
const [file, stopFile] = process.argv.slice(1);
let k = 0, lost = 0;
const pause = new Int32Array(new SharedArrayBuffer(4));
while (!fs.existsSync(stopFile)) {
  const text = fs.readFileSync(file, 'utf8');
  const m = /title: editor (\\d+)|title: Item A-3/.exec(text);
  if (!m || (k > 0 && m[1] !== String(k))) lost++;
  k++;
  fs.writeFileSync(file, text.replace(/title: (editor \\d+|Item A-3)/, 'title: editor ' + k));
  // Bursts of saves 0-20 ms apart with a short rest every tenth save, so that under load (a slow
  // machine, the whole suite) some sets still get through while many race.
  Atomics.wait(pause, 0, 0, k % 10 === 0 ? 150 : Math.random() * 20);
}
process.stdout.write(JSON.stringify({ saves: k, lost }));
`;

describe('cli: concurrent writers', function () {
  this.timeout(600_000);
  let cli: string;
  const dirs: string[] = [];
  before(async () => {
    cli = await cliBundle();
  });
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('100 rounds of two `set`s and two `add`s at once: every edit that exits 0 is in the file, no id handed out twice', async () => {
    const dir = folder();
    dirs.push(dir);
    const ids = new Set<string>();
    let lostEdits = 0;
    for (let round = 1; round <= 100; round++) {
      const [s1, s2, a1, a2] = await Promise.all([
        runCli(cli, ['set', 'A-1', `points=${round}`], { cwd: dir }),
        runCli(cli, ['set', 'A-2', `title=round ${round}`], { cwd: dir }),
        runCli(cli, ['add', `new ${round} a`], { cwd: dir }),
        runCli(cli, ['add', `new ${round} b`], { cwd: dir }),
      ]);
      for (const r of [s1, s2, a1, a2]) assert.equal(r.code, 0, `round ${round}: ${r.err}`);
      const now = items(dir);
      if (now.get('A-1')?.points !== round) lostEdits++;
      if (now.get('A-2')?.title !== `round ${round}`) lostEdits++;
      for (const [r, title] of [[a1, `new ${round} a`], [a2, `new ${round} b`]] as const) {
        const id = r.out.trim();
        assert.ok(!ids.has(id), `round ${round}: id ${id} handed out twice`);
        ids.add(id);
        if (now.get(id)?.title !== title) lostEdits++;
      }
    }
    assert.equal(lostEdits, 0, `${lostEdits} successful edits missing from the file`);
    assert.equal(items(dir).size, 4 + 200);
    assert.ok(!fs.existsSync(path.join(dir, 'backlog', '.backlog.yaml.lock')), 'lock released');
    assert.deepEqual(fs.readdirSync(path.join(dir, 'backlog')), ['backlog.yaml'], 'no temp or lock file left');
  });

  it('waits while another writer holds the lock, then writes; breaks a lock whose process is gone or that is old', async () => {
    const dir = folder();
    dirs.push(dir);
    const lock = path.join(dir, 'backlog', '.backlog.yaml.lock');
    fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), time: Date.now() }));
    const waiting = runCli(cli, ['set', 'A-1', 'points=7'], { cwd: dir });
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.equal(fs.readFileSync(path.join(dir, FILE), 'utf8'), START, 'nothing written while the lock is held');
    fs.rmSync(lock);
    const r = await waiting;
    assert.equal(r.code, 0, r.err);
    assert.equal(items(dir).get('A-1')?.points, 7);

    const gone = spawnSync(process.execPath, ['-e', '']).pid; // a process that has exited
    fs.writeFileSync(lock, JSON.stringify({ pid: gone, host: os.hostname(), time: Date.now() }));
    assert.equal((await runCli(cli, ['set', 'A-1', 'points=8'], { cwd: dir })).code, 0);
    assert.equal(items(dir).get('A-1')?.points, 8);

    fs.writeFileSync(lock, 'not a lock of ours');
    const old = new Date(Date.now() - 120_000);
    fs.utimesSync(lock, old, old);
    assert.equal((await runCli(cli, ['set', 'A-1', 'points=9'], { cwd: dir })).code, 0);
    assert.equal(items(dir).get('A-1')?.points, 9);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'backlog')), ['backlog.yaml']);
  });

  it("an editor saving the file while `set`s run: the editor's saves are never lost, a raced `set` says so", async () => {
    const dir = folder();
    dirs.push(dir);
    const stop = path.join(dir, 'stop');
    const editor = spawn(process.execPath, ['-e', EDITOR, path.join(dir, FILE), stop]);
    let report = '';
    editor.stdout.on('data', (d: Buffer) => (report += d.toString()));
    const exited = new Promise((resolve) => editor.on('close', resolve));
    let ok = 0;
    let refused = 0;
    try {
      for (let round = 1; round <= 80; round++) {
        const results = await Promise.all([runCli(cli, ['set', 'A-1', `points=${round}`], { cwd: dir }), runCli(cli, ['set', 'A-2', `points=${round}`], { cwd: dir })]);
        for (const r of results) {
          if (r.code === 0) ok++;
          else {
            // Refused, writing nothing: the file changed under the command, or it read the file half
            // saved (an in-place save truncates first), which has no such item or does not parse.
            assert.equal(r.code, 1, r.err);
            assert.match(r.err, /^sprintlog set: (backlog\/backlog\.yaml: the file changed on disk|unknown item id|backlog\/backlog\.yaml:\d+:\d+: )/, r.err);
            refused++;
          }
        }
      }
    } finally {
      fs.writeFileSync(stop, '');
      await exited;
    }
    const { saves, lost } = JSON.parse(report) as { saves: number; lost: number };
    assert.equal(lost, 0, `the editor found ${lost} of its ${saves} saves gone (${ok} sets written, ${refused} refused)`);
    assert.equal(items(dir).get('A-3')?.title, `editor ${saves}`);
    assert.ok(saves > 80 && ok > 0, `saves ${saves}, sets written ${ok}`);
  });
});
