// The bad-input corpus (test/fixtures/bad/<case>/backlog/…) through the real CLI
// entry: each case is copied to a temp folder, `sprintlog validate --format json`
// runs there, and the problems, exit code and untouched bytes are checked.
// Expected lines and columns were counted by hand from the fixture files.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';

const CORPUS = path.resolve(__dirname, '../fixtures/bad');
const B = 'backlog/backlog.yaml';
const S = 'backlog/sprints.yaml';

interface Expected {
  code: string;
  file: string;
  line: number;
  column?: number;
  severity?: 'error' | 'warning';
  message?: RegExp;
  hint?: RegExp;
}

interface Case {
  exit: 0 | 1;
  problems: Expected[];
}

const CASES: Record<string, Case> = {
  'yaml-syntax': { exit: 1, problems: [{ code: 'yaml-syntax', file: B, line: 6, column: 5 }] },
  'merge-conflict': {
    exit: 1,
    problems: [5, 7, 9].map((line) => ({ code: 'merge-conflict', file: B, line, column: 1, hint: /<<<<<<<.*=======.*>>>>>>>/ })),
  },
  'duplicate-id': {
    exit: 1,
    problems: [{ code: 'duplicate-id', file: 'backlog/archive/2025.yaml', line: 6, column: 9, message: /`PAY-2`.*backlog\/backlog\.yaml:13/, hint: /`PAY-3`/ }],
  },
  'missing-id': { exit: 1, problems: [{ code: 'missing-id', file: B, line: 6, column: 3, message: /Item 2 of backlog\/backlog\.yaml/, hint: /`PAY-2`/ }] },
  'missing-title': {
    exit: 1,
    problems: [{ code: 'missing-title', file: B, line: 4, column: 3, message: /PAY-1/ }, { code: 'missing-title', file: B, line: 7, column: 12, message: /PAY-2.*empty/ }],
  },
  'bad-state': {
    exit: 1,
    problems: [
      { code: 'bad-state', file: B, line: 6, column: 7, message: /`qa`.*`testing`/ },
      { code: 'bad-state', file: B, line: 11, column: 12, message: /`in-progress`.*todo, doing, done/, hint: /states:/ },
    ],
  },
  'bad-points': {
    exit: 1,
    problems: [{ code: 'bad-points', file: B, line: 6, column: 13, message: /`five`/ }, { code: 'bad-points', file: B, line: 7, column: 42, message: /`-1`/ }],
  },
  'bad-date': {
    exit: 1,
    problems: [
      { code: 'bad-date', file: B, line: 6, column: 14, message: /2026-02-30.*not a day in the calendar/ },
      { code: 'bad-date', file: B, line: 7, column: 15, message: /without an offset/, hint: /YYYY-MM-DD/ },
    ],
  },
  'bad-timezone': { exit: 1, problems: [{ code: 'bad-date', file: S, line: 2, column: 11, message: /IANA/, hint: /`Europe\/Berlin`/ }] },
  'unknown-sprint': { exit: 1, problems: [{ code: 'unknown-sprint', file: B, line: 6, column: 13, message: /`S3`/ }] },
  'unknown-epic': { exit: 1, problems: [{ code: 'unknown-epic', file: B, line: 9, column: 11, message: /`PAY-E2`/ }] },
  'unknown-dependency': {
    exit: 1,
    problems: [{ code: 'unknown-dependency', file: B, line: 6, column: 18, message: /`PAY-0`/ }, { code: 'unknown-dependency', file: B, line: 11, column: 9, message: /`PAY-7`/ }],
  },
  'dependency-cycle': { exit: 1, problems: [{ code: 'dependency-cycle', file: B, line: 6, column: 18, message: /PAY-1 → PAY-3 → PAY-2 → PAY-1/ }] },
  'sprint-overlap': { exit: 1, problems: [{ code: 'sprint-overlap', file: S, line: 10, column: 12, message: /S2.*S1.*2026-11-12 to 2026-11-13/ }] },
  'end-before-start': { exit: 1, problems: [{ code: 'end-before-start', file: S, line: 11, column: 10, message: /S2/ }] },
  'unknown-key': {
    exit: 0,
    problems: [
      { code: 'unknown-key', severity: 'warning', file: B, line: 17, column: 5, message: /`asignee`/, hint: /did you mean `assignee`\?/i },
      { code: 'unknown-key', severity: 'warning', file: S, line: 12, column: 7, message: /`notez`.*review of sprint S2/, hint: /did you mean `notes`\?/i },
    ],
  },
  'version-unsupported': { exit: 1, problems: [{ code: 'version-unsupported', file: B, line: 1, column: 10, message: /`2`/ }] },
  // The unterminated quote and the unclosed flow map are both reported where the text ends.
  truncated: { exit: 1, problems: [{ code: 'yaml-syntax', file: B, line: 6, message: /quote/i }, { code: 'yaml-syntax', file: B, line: 6 }] },
  empty: { exit: 0, problems: [] },
  'zero-items': { exit: 0, problems: [] },
  'tab-indented': { exit: 1, problems: [4, 5].map((line) => ({ code: 'yaml-syntax', file: B, line, column: 1, hint: /tabs/i })) },
  binary: { exit: 1, problems: [{ code: 'yaml-syntax', file: B, line: 3, column: 1, message: /binary/ }] },
  'bom-crlf': { exit: 1, problems: [{ code: 'bad-points', file: B, line: 6, column: 13, message: /`-2`/ }] },
};

interface Run {
  code: number;
  out: string;
  err: string;
}

export async function runCli(args: string[], cwd: string): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd, env: {}, out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** Every file under `dir` with its bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      files.set(path.relative(dir, full), fs.readFileSync(full));
    }
  }
  return files;
}

describe('validate: bad-input corpus through the CLI', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-corpus-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('has a case for every fixture folder and every fixture folder has a case', () => {
    assert.deepEqual(fs.readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort(), Object.keys(CASES).sort());
  });

  it('covers every error code of the spec', () => {
    const codes = new Set(Object.values(CASES).flatMap((c) => c.problems.map((p) => p.code)));
    const spec = ['yaml-syntax', 'merge-conflict', 'duplicate-id', 'missing-id', 'missing-title', 'bad-state', 'bad-points', 'bad-date', 'unknown-sprint',
      'unknown-epic', 'unknown-dependency', 'dependency-cycle', 'sprint-overlap', 'end-before-start', 'unknown-key', 'version-unsupported'];
    assert.deepEqual(spec.filter((c) => !codes.has(c)), []);
  });

  for (const [name, expected] of Object.entries(CASES)) {
    it(`${name}: ${expected.problems.map((p) => `${p.code}@${p.line}`).join(', ') || 'no problems'}, exit ${expected.exit}`, async () => {
      const dir = path.join(tmp, name);
      fs.cpSync(path.join(CORPUS, name), dir, { recursive: true });
      const before = snapshot(dir);
      const run = await runCli(['validate', '--format', 'json'], dir);
      const { problems } = JSON.parse(run.out) as { problems: Record<string, unknown>[] };
      assert.equal(problems.length, expected.problems.length, JSON.stringify(problems, null, 2));
      expected.problems.forEach((want, i) => {
        const got = problems[i];
        const label = `problem ${i}: ${JSON.stringify(got)}`;
        assert.equal(got.code, want.code, label);
        assert.equal(got.file, want.file, label);
        assert.equal(got.line, want.line, label);
        if (want.column !== undefined) assert.equal(got.column, want.column, label);
        assert.equal(got.severity, want.severity ?? 'error', label);
        if (want.message) assert.match(String(got.message), want.message, label);
        if (want.hint) assert.match(String(got.hint), want.hint, label);
        // Every message says what to do: a hint, or an imperative in the message itself.
        assert.ok(typeof got.hint === 'string' && got.hint.length > 0, `${label} has no hint`);
      });
      assert.equal(run.code, expected.exit, run.err);
      assert.match(run.err, expected.problems.length === 0 ? /no problems/ : /\d+ errors?, \d+ warnings? in /);
      assert.deepEqual(snapshot(dir), before, 'validate must not change any file');
    });
  }

  it('missing backlog file in a git repository: a clear error, exit 1', async () => {
    const dir = path.join(tmp, 'no-backlog');
    fs.mkdirSync(path.join(dir, 'backlog'), { recursive: true });
    fs.copyFileSync(path.join(CORPUS, 'empty/backlog/sprints.yaml'), path.join(dir, 'backlog/sprints.yaml'));
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const run = await runCli(['validate'], path.join(dir, 'backlog'));
    assert.equal(run.code, 1);
    assert.equal(run.out, '');
    assert.match(run.err, /no backlog file: backlog\/backlog\.yaml does not exist in /);
  });

  it('--repo points at the repository from anywhere', async () => {
    const dir = path.join(tmp, 'by-repo');
    fs.cpSync(path.join(CORPUS, 'bad-points'), dir, { recursive: true });
    const run = await runCli(['validate', '--repo', dir, '--format', 'json'], os.tmpdir());
    assert.equal(run.code, 1);
    assert.deepEqual((JSON.parse(run.out) as { problems: { code: string }[] }).problems.map((p) => p.code), ['bad-points', 'bad-points']);
  });

  it('unknown --format is a usage error, exit 2', async () => {
    const run = await runCli(['validate', '--format', 'xml'], path.join(CORPUS, 'empty'));
    assert.equal(run.code, 2);
    assert.match(run.err, /unknown --format 'xml'/);
    assert.match(run.err, /Usage: sprintlog validate/);
  });
});
