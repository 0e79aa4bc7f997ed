// Hostile and broken input through the real CLI: src/cli/bin.ts is bundled
// with esbuild (as `npm run build` ships it) and run as a child process, so
// stdout/stderr handling, exit codes and crashes are the real ones. Each case
// of test/fixtures/hostile/<case>/backlog/… is copied to a temp folder; the
// expected problems (code, line, column) were counted by hand from the files.
// Every case must give a located problem (or none), JSON that parses, no stack
// trace, no raw control character on a terminal, no changed byte, and an edit
// that refuses with the file's problem.

import { strict as assert } from 'node:assert';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { parseBacklog, parseWhole } from '../../src/core/parse/backlog';
import { splitItems } from '../../src/core/parse/chunks';
import { MAX_DEPTH } from '../../src/core/parse/yaml-limits';

const ROOT = path.resolve(__dirname, '../..');
const CORPUS = path.join(ROOT, 'test/fixtures/hostile');
const B = 'backlog/backlog.yaml';
const S = 'backlog/sprints.yaml';
/** What a terminal would act on: C0 except LF, DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const STACK = /\n\s+at .*:\d+:\d+|Error:|node:internal/;

interface Expected {
  code: string;
  file?: string;
  line: number;
  column: number;
  severity?: 'error' | 'warning';
  message?: RegExp;
  hint?: RegExp;
}

interface Case {
  exit: 0 | 1;
  problems: Expected[];
  /** `sprintlog set …` on the case: its exit code and what stderr (or stdout) says. */
  edit?: { args: string[]; exit: 1; err: RegExp };
  /** The backlog file goes through the chunked parser (checked: the chunk and whole parses must agree). */
  chunked?: boolean;
}

const CASES: Record<string, Case> = {
  // 150 merge keys: yaml's default maxAliasCount (100) aborted every command here.
  'merge-keys': {
    exit: 0,
    problems: [{ code: 'unknown-key', severity: 'warning', line: 4, column: 1, message: /`defaults`/ }],
    edit: { args: ['set', 'PAY-3', 'points=3'], exit: 1, err: /backlog\/backlog\.yaml:15:3: item 'PAY-3' uses YAML features \(anchors, aliases/ },
  },
  'alias-bomb': {
    exit: 1,
    // Reported at the first alias past the limit: the first `*e` of line 8 (the running total passes 101,040 there).
    problems: [{ code: 'yaml-syntax', line: 8, column: 8, message: /aliases of this file expand it to 11,434,316 values from 104 written/, hint: /fewer aliases/ }],
    edit: { args: ['set', 'PAY-1', 'points=3'], exit: 1, err: /backlog\/backlog\.yaml:8:8 does not parse/ },
  },
  'unresolved-alias': {
    exit: 1,
    problems: [{ code: 'yaml-syntax', line: 6, column: 11, message: /`\*common` refers to no anchor `&common`/, hint: /Define `&common`/ }],
    edit: { args: ['set', 'PAY-1', 'points=3'], exit: 1, err: /backlog\/backlog\.yaml:6:11 does not parse/ },
  },
  'control-chars': {
    exit: 1,
    problems: [
      // Messages quote ids as they are (the text formats escape them), values through show() escaped.
      // eslint-disable-next-line no-control-regex
      { code: 'missing-id', line: 4, column: 9, message: /`PAY-1\u001b\[31m`/ },
      { code: 'bad-state', line: 6, column: 12, message: /`do\\u001b\[2Jne`/ },
      { code: 'unknown-sprint', line: 10, column: 13 },
      { code: 'unknown-dependency', line: 11, column: 18, message: /PAY-9/ },
      { code: 'missing-id', file: S, line: 4, column: 9 },
      { code: 'unknown-key', severity: 'warning', line: 13, column: 5 },
      { code: 'unknown-key', severity: 'warning', file: S, line: 13, column: 11, hint: /`owner`/ },
    ],
  },
  'invalid-utf8': {
    exit: 1,
    problems: [{ code: 'yaml-syntax', line: 5, column: 15, message: /not valid UTF-8: byte 0xE9 .*Latin-1/, hint: /Save the file as UTF-8/ }],
    // Before: validate said "no problems" and every edit "changed on disk… run again".
    edit: { args: ['set', 'PAY-2', 'points=3'], exit: 1, err: /backlog\/backlog\.yaml:5:15 does not parse.*not valid UTF-8/ },
  },
  'utf16-bom': {
    exit: 1,
    problems: [{ code: 'yaml-syntax', line: 1, column: 1, message: /UTF-16 \(little-endian, with a byte-order mark\), not UTF-8/, hint: /UTF-8/ }],
    edit: { args: ['add', 'New'], exit: 1, err: /backlog\/backlog\.yaml:1:1: The file is UTF-16/ },
  },
  'utf16be-no-bom': {
    exit: 1,
    problems: [{ code: 'yaml-syntax', line: 1, column: 1, message: /UTF-16 \(big-endian, without a byte-order mark\)/ }],
  },
  'colon-in-title': {
    exit: 1,
    chunked: true,
    problems: [{ code: 'yaml-syntax', line: 5, column: 12, message: /value of `title` contains `: `/, hint: /Quote the title: `title: "Fix: login fails"`/ }],
    edit: { args: ['set', 'PAY-2', 'points=3'], exit: 1, err: /backlog\/backlog\.yaml:5:12/ },
  },
  'hash-title': {
    exit: 1,
    chunked: true,
    problems: [{ code: 'missing-title', line: 5, column: 12, message: /`#42 login fails on Safari` after `title:` is a YAML comment/, hint: /Quote the title: `title: "#42 login fails on Safari"`/ }],
  },
  'unclosed-quote': {
    exit: 1,
    chunked: true,
    // Where the quote opens, not at the end of the file (line 10).
    problems: [{ code: 'yaml-syntax', line: 5, column: 12, message: /double quote is never closed/, hint: /closing "/ }],
  },
  'deep-flow': {
    exit: 1,
    chunked: true,
    problems: [{ code: 'yaml-syntax', line: 6, column: 109, message: /nested more than 100 levels deep/, hint: /Flatten/ }],
  },
  'deep-block': {
    exit: 1,
    chunked: true,
    problems: [{ code: 'yaml-syntax', line: 104, column: 201, message: /nested more than 100 levels deep/ }],
  },
};

let tmp: string;
let cli: string;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

function run(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}

/** A process that neither crashed nor hung, and printed no stack trace. */
function sane(r: Run, label: string): void {
  assert.equal(r.signal, null, `${label}: killed (hung?) ${r.err}`);
  assert.ok(!STACK.test(r.err), `${label}: stack trace on stderr:\n${r.err}`);
}

function noRawControl(text: string, label: string): void {
  const m = RAW_CONTROL.exec(text);
  assert.equal(m, null, `${label}: raw control character U+${m?.[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${m?.index}: ${JSON.stringify(text.slice(Math.max(0, (m?.index ?? 0) - 30), (m?.index ?? 0) + 10))}`);
}

function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(path.relative(dir, path.join(entry.parentPath, entry.name)), fs.readFileSync(path.join(entry.parentPath, entry.name)));
  }
  return files;
}

function copyCase(name: string, as = name): string {
  const dir = path.join(tmp, as);
  fs.cpSync(path.join(CORPUS, name), dir, { recursive: true });
  return dir;
}

describe('hostile input through the bundled CLI: a located message, never a crash', function () {
  this.timeout(120_000);

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-hostile-'));
    cli = path.join(tmp, 'cli.js');
    buildSync({ entryPoints: [path.join(ROOT, 'src/cli/bin.ts')], outfile: cli, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('has a case for every fixture folder and every case has a folder', () => {
    assert.deepEqual(fs.readdirSync(CORPUS).sort(), Object.keys(CASES).sort());
  });

  for (const [name, want] of Object.entries(CASES)) {
    it(`${name}: ${want.problems.map((p) => `${p.code}@${p.line}:${p.column}`).join(', ') || 'no problems'}, exit ${want.exit}`, () => {
      const dir = copyCase(name);
      const before = snapshot(dir);
      const json = run(['validate', '--format', 'json'], dir);
      sane(json, 'validate --format json');
      const { problems } = JSON.parse(json.out) as { problems: Record<string, unknown>[] };
      assert.equal(problems.length, want.problems.length, JSON.stringify(problems, null, 2));
      want.problems.forEach((p, i) => {
        const got = problems[i];
        const label = `problem ${i}: ${JSON.stringify(got)}`;
        assert.deepEqual([got.code, got.file, got.line, got.column, got.severity], [p.code, p.file ?? B, p.line, p.column, p.severity ?? 'error'], label);
        if (p.message) assert.match(String(got.message), p.message, label);
        if (p.hint) assert.match(String(got.hint), p.hint, label);
        assert.ok(typeof got.hint === 'string' && got.hint !== '', `${label} has no hint`);
      });
      assert.equal(json.code, want.exit, json.err);

      for (const format of ['text', 'github']) {
        const r = run(['validate', '--format', format], dir);
        sane(r, `validate --format ${format}`);
        assert.equal(r.code, want.exit);
        noRawControl(r.out, `validate --format ${format} stdout`);
        noRawControl(r.err, `validate --format ${format} stderr`);
        const lines = r.out.split('\n').filter((l) => l !== '');
        const located = lines.filter((l) => !l.startsWith('    hint: '));
        assert.equal(located.length, want.problems.length, r.out);
        if (format === 'text') located.forEach((l, i) => assert.ok(l.startsWith(`${want.problems[i].file ?? B}:${want.problems[i].line}:${want.problems[i].column}: `), l));
      }

      if (want.edit) {
        const r = run(want.edit.args, dir);
        sane(r, want.edit.args.join(' '));
        assert.equal(r.code, want.edit.exit, r.err);
        assert.match(r.err, want.edit.err);
        assert.doesNotMatch(r.err, /changed on disk|Unresolved alias|Excessive alias/);
      }
      assert.deepEqual(snapshot(dir), before, 'no file may change');
    });
  }

  it('the chunked and the whole-document parse agree on every case and around the depth limit', () => {
    for (const [name, want] of Object.entries(CASES)) {
      const buf = fs.readFileSync(path.join(CORPUS, name, B));
      if (!buf.equals(Buffer.from(buf.toString('utf8'), 'utf8')) || buf.includes(0)) continue; // not text: never parsed
      const text = buf.toString('utf8');
      if (want.chunked) assert.ok(splitItems(text), `${name} should take the chunked path`);
      const shape = (r: ReturnType<typeof parseWhole>) => ({ problems: r.problems, items: r.backlog?.items.map((i) => [i.id, i.raw, i.source]) });
      assert.deepEqual(shape(parseBacklog(text, B)), shape(parseWhole(text, B)), name);
    }
    for (let n = MAX_DEPTH - 6; n <= MAX_DEPTH; n++) {
      const flow = `version: 1\nitems:\n  - id: A-1\n    title: a\n  - id: A-2\n    title: b\n    x: ${'['.repeat(n)}${']'.repeat(n)}\n`;
      let block = `version: 1\nitems:\n  - id: A-1\n    title: a\n  - id: A-2\n    title: b\n    x:\n`;
      for (let i = 0; i < n; i++) block += `${' '.repeat(6 + 2 * i)}k${i}:${i === n - 1 ? ' v' : ''}\n`;
      for (const text of [flow, block]) {
        assert.ok(splitItems(text));
        const chunked = parseBacklog(text, B);
        assert.deepEqual(chunked.problems, parseWhole(text, B).problems, `depth ${n}`);
        assert.deepEqual(chunked.backlog?.items.map((i) => i.raw), parseWhole(text, B).backlog?.items.map((i) => i.raw), `depth ${n}`);
      }
    }
  });

  it('merge keys are read as other YAML tools read them: each item has the shared defaults, its own keys win', () => {
    const text = fs.readFileSync(path.join(CORPUS, 'merge-keys', B), 'utf8');
    const { backlog, problems } = parseBacklog(text, B);
    assert.deepEqual(problems, []);
    assert.equal(backlog?.items.length, 150);
    assert.deepEqual(backlog?.items.map((i) => [i.state, i.type, i.sprint]).filter(([s, t, sp]) => s !== 'todo' || t !== 'story' || sp !== 'S1'), []);
    const own = parseBacklog('items:\n  - <<: {state: done, title: shared}\n    id: A-1\n    title: own\n', B).backlog?.items[0];
    assert.deepEqual([own?.id, own?.title, own?.state], ['A-1', 'own', 'done']);
  });

  it('metrics reads merge keys from git history as the parser reads the file (150 items of S1, none broken)', () => {
    const dir = copyCase('merge-keys', 'merge-history');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.invalid', '-c', 'user.name=T', ...args], {
      cwd: dir, env: { PATH: process.env.PATH ?? '', GIT_AUTHOR_DATE: '2026-11-01T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-01T10:00:00Z', GIT_CONFIG_NOSYSTEM: '1', HOME: dir },
    });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'backlog');
    const r = run(['metrics', '--json'], dir, { SPRINTLOG_NOW: '2026-11-05T12:00:00Z', HOME: dir });
    sane(r, 'metrics');
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out) as { sprints: { id: string; committedItems: number | null }[] };
    assert.deepEqual(report.sprints.map((s) => [s.id, s.committedItems]), [['S1', 150]]);
  });

  it('metrics: text output escapes control characters, --json keeps the data as is', () => {
    const dir = copyCase('control-chars', 'metrics-control');
    const env = { SPRINTLOG_NOW: '2026-11-05T12:00:00Z' };
    const text = run(['metrics'], dir, env);
    sane(text, 'metrics');
    assert.equal(text.code, 0, text.err);
    noRawControl(text.out, 'metrics stdout');
    noRawControl(text.err, 'metrics stderr');
    assert.match(text.out, /Sprint S1\\u001b\[7m \(active/);
    const json = run(['metrics', '--json'], dir, env);
    assert.equal(json.code, 0, json.err);
    assert.equal((JSON.parse(json.out) as { sprints: { id: string }[] }).sprints[0].id, 'S1\u001b[7m');
  });

  it('set, add and move messages and errors escape control characters from ids, values and file names', () => {
    const dir = path.join(tmp, 'edit-control');
    fs.mkdirSync(path.join(dir, 'backlog/archive'), { recursive: true });
    fs.writeFileSync(path.join(dir, S), 'version: 1\ntimezone: UTC\nsprints:\n  - id: S1\n    start: 2026-11-02\n    end: 2026-11-13\n');
    fs.writeFileSync(path.join(dir, B), 'version: 1\nproject: PAY\nitems:\n  - id: PAY-1\n    title: One\n');
    const evil = 'backlog/archive/\u001b]0;owned\u0007\u001b[31m.yaml';
    fs.writeFileSync(path.join(dir, evil), 'version: 1\nitems:\n  - id: PAY-5\n    title: Archived\n    sprint: S1\n');
    const runs: [string[], number, RegExp][] = [
      [['set', 'PAY-5', 'points=2'], 0, /^PAY-5: points \(backlog\/archive\/\\u001b\]0;owned\\u0007\\u001b\[31m\.yaml\)\n$/],
      [['move', 'PAY-5', '--sprint', 'none'], 0, /^PAY-5: product backlog \(backlog\/archive\/\\u001b\]0;owned/],
      [['add', 'Title \u001b[2J\u009b31m'], 0, /^PAY-6\n$/],
      [['set', 'PAY-1\u001b[31m', 'points=1'], 1, /unknown item id 'PAY-1\\u001b\[31m'/],
      [['move', 'X\u001b[2J', '--sprint', 'S1\u001b[5m'], 2, /unknown sprint 'S1\\u001b\[5m'/],
      [['set', 'PAY-1', 'state=do\u001b[2Jne'], 2, /unknown state 'do\\u001b\[2Jne'/],
      [['nope\u001b[31m'], 2, /unknown command 'nope\\u001b\[31m'/],
    ];
    for (const [args, code, output] of runs) {
      const r = run(args, dir);
      sane(r, args.join(' '));
      assert.equal(r.code, code, `${JSON.stringify(args)}: ${r.err}`);
      assert.match(code === 0 ? r.out : r.err, output, JSON.stringify(args));
      noRawControl(r.out, `${JSON.stringify(args)} stdout`);
      noRawControl(r.err, `${JSON.stringify(args)} stderr`);
    }
    assert.match(fs.readFileSync(path.join(dir, B), 'utf8'), /title: "Title \\(?:e|x1b|u001b)\[2J\\(?:x9b|u009b)31m"/, 'the file keeps the title (written as a YAML escape)');
    // A problem in that file: the file name is escaped in text output, kept as is in JSON.
    fs.appendFileSync(path.join(dir, evil), '    value: lots\n');
    const text = run(['validate'], dir);
    noRawControl(text.out + text.err, 'validate');
    assert.match(text.out, /^backlog\/archive\/\\u001b\]0;owned\\u0007\\u001b\[31m\.yaml:\d+:12: error bad-points: .*`lots`/m);
    const json = JSON.parse(run(['validate', '--format', 'json'], dir).out) as { problems: { file: string }[] };
    assert.equal(json.problems[0].file, evil);
  });

  it('stdout closed early (`validate | head -1`): a quiet exit with the command\'s status, no EPIPE trace', async () => {
    const dir = copyCase('control-chars', 'epipe');
    const child = spawn(process.execPath, [cli, 'validate'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before the CLI writes anything
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 1, err);
    assert.equal(err, 'sprintlog validate: 5 errors, 2 warnings in backlog/backlog.yaml, backlog/sprints.yaml.\n');
    // And as the issue ran it, through a shell pipe.
    const piped = spawnSync('bash', ['-c', `"${process.execPath}" "${cli}" validate | head -1`], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    assert.equal(piped.status, 0);
    assert.equal(piped.stdout.split('\n').length, 2);
    assert.ok(!STACK.test(piped.stderr) && !/EPIPE/.test(piped.stderr), piped.stderr);
  });

  it('a full disk on stdout (/dev/full): one clear line, exit 1', function () {
    if (!fs.existsSync('/dev/full')) this.skip();
    const dir = copyCase('merge-keys', 'full');
    for (const args of [['validate'], ['validate', '--format', 'json'], ['metrics', '--json']]) {
      const fd = fs.openSync('/dev/full', 'w');
      const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH ?? '', SPRINTLOG_NOW: '2026-11-05T12:00:00Z' } });
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
      const dir = path.join(tmp, `fifo-${path.basename(target, '.yaml')}`);
      fs.mkdirSync(path.join(dir, 'backlog/archive'), { recursive: true });
      fs.writeFileSync(path.join(dir, B), 'version: 1\nproject: PAY\nitems:\n  - id: PAY-1\n    title: One\n');
      fs.rmSync(path.join(dir, target), { force: true });
      execFileSync('mkfifo', [path.join(dir, target)]);
      const r = run(['validate', '--format', 'json'], dir);
      sane(r, 'validate');
      assert.equal(r.code, 1);
      const p = (JSON.parse(r.out) as { problems: Record<string, unknown>[] }).problems[0];
      assert.deepEqual([p.code, p.file, p.line, p.column], ['yaml-syntax', target, 1, 1]);
      assert.match(String(p.message), /is a FIFO \(named pipe\), not a regular file/);
      if (target === B) {
        const edit = run(['set', 'PAY-1', 'points=2'], dir);
        sane(edit, 'set');
        assert.equal(edit.code, 1);
        assert.match(edit.err, /backlog\/backlog\.yaml:1:1 does not parse.*is a FIFO/);
      }
      const metrics = run(['metrics', '--json'], dir, { SPRINTLOG_NOW: '2026-11-05T12:00:00Z' });
      sane(metrics, 'metrics');
      assert.match(metrics.err, /FIFO/);
    }
    const dir = copyCase('merge-keys', 'folder-as-file');
    fs.rmSync(path.join(dir, B));
    fs.mkdirSync(path.join(dir, B));
    const r = run(['validate'], dir);
    assert.equal(r.code, 1);
    assert.match(r.out, /^backlog\/backlog\.yaml:1:1: error yaml-syntax: backlog\/backlog\.yaml is a folder, not a regular file/);
  });

  it('--repo at a missing folder or at a file is an error (exit 2), never an empty report or the repository around it', () => {
    const outer = copyCase('merge-keys', 'outer');
    execFileSync('git', ['init', '-q'], { cwd: outer });
    const before = snapshot(outer);
    for (const cmd of [['validate'], ['metrics'], ['set', 'PAY-1', 'points=1'], ['add', 'x']]) {
      const missing = run([...cmd, '--repo', path.join(outer, 'nope')], tmp);
      sane(missing, 'missing');
      assert.equal(missing.code, 2, missing.err);
      assert.equal(missing.out, '');
      assert.match(missing.err, /--repo .*nope: no such folder/);
      const file = run([...cmd, '--repo', path.join(outer, B)], tmp);
      assert.equal(file.code, 2, file.err);
      assert.equal(file.out, '');
      assert.match(file.err, /--repo .*backlog\.yaml: not a folder/);
    }
    assert.deepEqual(snapshot(outer), before);
  });

  it('an invalid SPRINTLOG_NOW is a clear error; a valid one is used', () => {
    const dir = copyCase('merge-keys', 'now');
    for (const bad of ['yesterday', '2026-13-45T00:00:00Z', '2026-11-05T12:00:00']) {
      const r = run(['metrics'], dir, { SPRINTLOG_NOW: bad });
      sane(r, bad);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, new RegExp(`SPRINTLOG_NOW='${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}' is not an ISO 8601 date-time with offset`));
    }
    const ok = run(['metrics', '--json'], dir, { SPRINTLOG_NOW: '2026-11-05T12:00:00Z' });
    assert.equal(ok.code, 0, ok.err);
    assert.equal((JSON.parse(ok.out) as { asOf: string }).asOf, '2026-11-05T12:00:00+00:00');
  });
});
