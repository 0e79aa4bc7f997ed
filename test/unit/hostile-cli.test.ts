// Hostile conditions around the files, through the bundled CLI in a child
// process (helpers/bundled-cli.ts): a reader that closes the pipe, a full
// disk, a FIFO where a backlog file should be, a wrong --repo, a wrong
// SPRINTLOG_NOW. Each must give one clear line and an exit code, never a
// stack trace or a hang.

import { strict as assert } from 'node:assert';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { B, BundledCli, sane, snapshot, STACK } from './helpers/bundled-cli';

describe('hostile conditions through the bundled CLI: one clear line, never a crash or a hang', function () {
  this.timeout(120_000);
  let bin: BundledCli;
  before(() => {
    bin = BundledCli.build();
  });
  after(() => bin.cleanup());

  it('stdout closed early (`validate | head -1`): a quiet exit with the command\'s status, no EPIPE trace', async () => {
    const dir = bin.copyCase('control-chars', 'epipe');
    const child = spawn(process.execPath, [bin.cli, 'validate'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before the CLI writes anything
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 1, err);
    assert.equal(err, 'sprintlog validate: 5 errors, 2 warnings in backlog/backlog.yaml, backlog/sprints.yaml.\n');
    // And as the issue ran it, through a shell pipe.
    const piped = spawnSync('bash', ['-c', `"${process.execPath}" "${bin.cli}" validate | head -1`], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    assert.equal(piped.status, 0);
    assert.equal(piped.stdout.split('\n').length, 2);
    assert.ok(!STACK.test(piped.stderr) && !/EPIPE/.test(piped.stderr), piped.stderr);
  });

  it('a full disk on stdout (/dev/full): one clear line, exit 1', function () {
    if (!fs.existsSync('/dev/full')) this.skip();
    const dir = bin.copyCase('merge-keys', 'full');
    for (const args of [['validate'], ['validate', '--format', 'json'], ['metrics', '--json']]) {
      const fd = fs.openSync('/dev/full', 'w');
      const r = spawnSync(process.execPath, [bin.cli, ...args], { cwd: dir, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH ?? '', SPRINTLOG_NOW: '2026-11-05T12:00:00Z' } });
      fs.closeSync(fd);
      assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
      const lines = r.stderr.split('\n').filter((l) => /cannot write/.test(l));
      assert.deepEqual(lines, ['sprintlog: cannot write the output: no space left on device (ENOSPC).'], r.stderr);
      assert.ok(!STACK.test(r.stderr), r.stderr);
    }
  });

  it('a FIFO as backlog.yaml or as an archive file is an error, never a hang', function () {
    if (process.platform === 'win32') this.skip();
    for (const target of [B, 'backlog/archive/old.yaml']) {
      const dir = path.join(bin.tmp, `fifo-${path.basename(target, '.yaml')}`);
      fs.mkdirSync(path.join(dir, 'backlog/archive'), { recursive: true });
      fs.writeFileSync(path.join(dir, B), 'version: 1\nproject: PAY\nitems:\n  - id: PAY-1\n    title: One\n');
      fs.rmSync(path.join(dir, target), { force: true });
      execFileSync('mkfifo', [path.join(dir, target)]);
      const r = bin.run(['validate', '--format', 'json'], dir);
      sane(r, 'validate');
      assert.equal(r.code, 1);
      const p = (JSON.parse(r.out) as { problems: Record<string, unknown>[] }).problems[0];
      assert.deepEqual([p.code, p.file, p.line, p.column], ['yaml-syntax', target, 1, 1]);
      assert.match(String(p.message), /is a FIFO \(named pipe\), not a regular file/);
      if (target === B) {
        const edit = bin.run(['set', 'PAY-1', 'points=2'], dir);
        sane(edit, 'set');
        assert.equal(edit.code, 1);
        assert.match(edit.err, /backlog\/backlog\.yaml:1:1: .*is a FIFO.*Nothing is written/);
      }
      const metrics = bin.run(['metrics', '--json'], dir, { SPRINTLOG_NOW: '2026-11-05T12:00:00Z' });
      sane(metrics, 'metrics');
      assert.match(metrics.err, /FIFO/);
    }
    const dir = bin.copyCase('merge-keys', 'folder-as-file');
    fs.rmSync(path.join(dir, B));
    fs.mkdirSync(path.join(dir, B));
    const r = bin.run(['validate'], dir);
    assert.equal(r.code, 1);
    assert.match(r.out, /^backlog\/backlog\.yaml:1:1: error yaml-syntax: backlog\/backlog\.yaml is a folder, not a regular file/);
  });

  it('--repo at a missing folder or at a file is an error (exit 2), never an empty report or the repository around it', () => {
    const outer = bin.copyCase('merge-keys', 'outer');
    execFileSync('git', ['init', '-q'], { cwd: outer });
    const before = snapshot(outer);
    for (const cmd of [['validate'], ['metrics'], ['set', 'PAY-1', 'points=1'], ['add', 'x']]) {
      const missing = bin.run([...cmd, '--repo', path.join(outer, 'nope')], bin.tmp);
      sane(missing, 'missing');
      assert.equal(missing.code, 2, missing.err);
      assert.equal(missing.out, '');
      assert.match(missing.err, /--repo .*nope: no such folder/);
      const file = bin.run([...cmd, '--repo', path.join(outer, B)], bin.tmp);
      assert.equal(file.code, 2, file.err);
      assert.equal(file.out, '');
      assert.match(file.err, /--repo .*backlog\.yaml: not a folder/);
    }
    assert.deepEqual(snapshot(outer), before);
  });

  it('an invalid SPRINTLOG_NOW is a clear error; a valid one is used', () => {
    const dir = bin.copyCase('merge-keys', 'now');
    for (const bad of ['yesterday', '2026-13-45T00:00:00Z', '2026-11-05T12:00:00']) {
      const r = bin.run(['metrics'], dir, { SPRINTLOG_NOW: bad });
      sane(r, bad);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, new RegExp(`SPRINTLOG_NOW='${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}' is not an ISO 8601 date-time with offset`));
    }
    const ok = bin.run(['metrics', '--json'], dir, { SPRINTLOG_NOW: '2026-11-05T12:00:00Z' });
    assert.equal(ok.code, 0, ok.err);
    assert.equal((JSON.parse(ok.out) as { asOf: string }).asOf, '2026-11-05T12:00:00+00:00');
  });
});
