// Hostile and broken input through the real CLI (bundled, run as a child
// process: helpers/bundled-cli.ts); the process-level cases (closed pipe,
// full disk, FIFO, --repo, SPRINTLOG_NOW) are in hostile-cli.test.ts. Each case
// of test/fixtures/hostile/<case>/backlog/… is copied to a temp folder; the
// expected problems (code, line, column) were counted by hand from the files.
// Every case must give a located problem (or none), JSON that parses, no stack
// trace, no raw control character on a terminal, no changed byte, and an edit
// that refuses with the file's problem.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseBacklog, parseWhole } from '../../src/core/parse/backlog';
import { splitItems } from '../../src/core/parse/chunks';
import { MAX_DEPTH } from '../../src/core/parse/yaml-limits';
import { B, BundledCli, CORPUS, noRawControl, S, sane, snapshot } from './helpers/bundled-cli';

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
    edit: { args: ['set', 'PAY-1', 'points=3'], exit: 1, err: /backlog\/backlog\.yaml:8:8: .*aliases.*Nothing is written while a backlog file does not parse/ },
  },
  'unresolved-alias': {
    exit: 1,
    problems: [{ code: 'yaml-syntax', line: 6, column: 11, message: /`\*common` refers to no anchor `&common`/, hint: /Define `&common`/ }],
    edit: { args: ['set', 'PAY-1', 'points=3'], exit: 1, err: /backlog\/backlog\.yaml:6:11: .*alias.*Nothing is written while a backlog file does not parse/ },
  },
  'control-chars': {
    exit: 1,
    problems: [
      // Messages quote ids as they are (the text formats escape them), values through show() escaped.
      // eslint-disable-next-line no-control-regex
      { code: 'missing-id', line: 4, column: 9, message: /`PAY-1\u001b\[31m`/ },
      { code: 'bad-state', line: 6, column: 12, message: /`do\\u001b\[2Jne`/ },
      { code: 'unknown-sprint', line: 10, column: 13 },
      { code: 'missing-id', line: 11, column: 18, message: /PAY-9.*neither an item id nor `team:ID`/ },
      { code: 'missing-id', file: S, line: 4, column: 9 },
      { code: 'unknown-key', severity: 'warning', line: 13, column: 5 },
      { code: 'unknown-key', severity: 'warning', file: S, line: 13, column: 11, hint: /`owner`/ },
    ],
  },
  'invalid-utf8': {
    exit: 1,
    problems: [{ code: 'yaml-syntax', line: 5, column: 15, message: /not valid UTF-8: byte 0xE9 .*Latin-1/, hint: /Save the file as UTF-8/ }],
    // Before: validate said "no problems" and every edit "changed on disk… run again".
    edit: { args: ['set', 'PAY-2', 'points=3'], exit: 1, err: /backlog\/backlog\.yaml:5:15: .*not valid UTF-8.*Nothing is written/ },
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


describe('hostile input through the bundled CLI: a located message, never a crash', function () {
  this.timeout(120_000);
  let bin: BundledCli;
  before(() => {
    bin = BundledCli.build();
  });
  after(() => bin.cleanup());

  it('has a case for every fixture folder and every case has a folder', () => {
    assert.deepEqual(fs.readdirSync(CORPUS).sort(), Object.keys(CASES).sort());
  });

  for (const [name, want] of Object.entries(CASES)) {
    it(`${name}: ${want.problems.map((p) => `${p.code}@${p.line}:${p.column}`).join(', ') || 'no problems'}, exit ${want.exit}`, () => {
      const dir = bin.copyCase(name);
      const before = snapshot(dir);
      const json = bin.run(['validate', '--format', 'json'], dir);
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
        const r = bin.run(['validate', '--format', format], dir);
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
        const r = bin.run(want.edit.args, dir);
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
    const dir = bin.copyCase('merge-keys', 'merge-history');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.invalid', '-c', 'user.name=T', ...args], {
      cwd: dir, env: { PATH: process.env.PATH ?? '', GIT_AUTHOR_DATE: '2026-11-01T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-01T10:00:00Z', GIT_CONFIG_NOSYSTEM: '1', HOME: dir },
    });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'backlog');
    const r = bin.run(['metrics', '--json'], dir, { SPRINTLOG_NOW: '2026-11-05T12:00:00Z', HOME: dir });
    sane(r, 'metrics');
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out) as { sprints: { id: string; committedItems: number | null }[] };
    assert.deepEqual(report.sprints.map((s) => [s.id, s.committedItems]), [['S1', 150]]);
  });

  it('metrics: text output escapes control characters, --json keeps the data as is', () => {
    const dir = bin.copyCase('control-chars', 'metrics-control');
    const env = { SPRINTLOG_NOW: '2026-11-05T12:00:00Z' };
    const text = bin.run(['metrics'], dir, env);
    sane(text, 'metrics');
    assert.equal(text.code, 0, text.err);
    noRawControl(text.out, 'metrics stdout');
    noRawControl(text.err, 'metrics stderr');
    assert.match(text.out, /Sprint S1\\u001b\[7m \(active/);
    const json = bin.run(['metrics', '--json'], dir, env);
    assert.equal(json.code, 0, json.err);
    assert.equal((JSON.parse(json.out) as { sprints: { id: string }[] }).sprints[0].id, 'S1\u001b[7m');
  });

  it('set, add and move messages and errors escape control characters from ids, values and file names', () => {
    const dir = path.join(bin.tmp, 'edit-control');
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
      const r = bin.run(args, dir);
      sane(r, args.join(' '));
      assert.equal(r.code, code, `${JSON.stringify(args)}: ${r.err}`);
      assert.match(code === 0 ? r.out : r.err, output, JSON.stringify(args));
      noRawControl(r.out, `${JSON.stringify(args)} stdout`);
      noRawControl(r.err, `${JSON.stringify(args)} stderr`);
    }
    assert.match(fs.readFileSync(path.join(dir, B), 'utf8'), /title: "Title \\(?:e|x1b|u001b)\[2J\\(?:x9b|u009b)31m"/, 'the file keeps the title (written as a YAML escape)');
    // A problem in that file: the file name is escaped in text output, kept as is in JSON.
    fs.appendFileSync(path.join(dir, evil), '    value: lots\n');
    const text = bin.run(['validate'], dir);
    noRawControl(text.out + text.err, 'validate');
    assert.match(text.out, /^backlog\/archive\/\\u001b\]0;owned\\u0007\\u001b\[31m\.yaml:\d+:12: error bad-points: .*`lots`/m);
    const json = JSON.parse(bin.run(['validate', '--format', 'json'], dir).out) as { problems: { file: string }[] };
    assert.equal(json.problems[0].file, evil);
  });
});
