// `sprintlog validate` output formats through the real CLI entry: text lines a
// problem matcher can read, GitHub workflow annotations with GitHub's escaping,
// and the same problems in every format.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { escapeData, escapeProperty } from '../../src/cli/commands/validate';

const CORPUS = path.resolve(__dirname, '../fixtures/bad');

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd, env: {}, out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

interface JsonProblem {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
  hint: string | null;
}

/** The regexp of a typical problem matcher (e.g. VS Code's `$eslint-compact`-style `file:line:col: severity code: message`). */
const MATCHER = /^([^\s:][^:]*):(\d+):(\d+): (error|warning) ([a-z-]+): (.*)$/;

describe('validate: output formats', () => {
  let tmp: string;
  const copy = (name: string): string => {
    const dir = path.join(tmp, name);
    fs.cpSync(path.join(CORPUS, name), dir, { recursive: true });
    return dir;
  };
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-format-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  for (const name of ['bad-points', 'unknown-key', 'merge-conflict', 'duplicate-id']) {
    it(`text and github carry the same problems as json (${name})`, async () => {
      const dir = copy(name);
      const json = await run(['validate', '--format', 'json'], dir);
      const problems = (JSON.parse(json.out) as { problems: JsonProblem[] }).problems;
      assert.ok(problems.length > 0);

      const text = await run(['validate'], dir);
      assert.equal(text.code, json.code);
      const lines = text.out.split('\n').filter(Boolean);
      const heads = lines.filter((l) => !l.startsWith('    '));
      assert.equal(heads.length, problems.length);
      heads.forEach((l, i) => {
        const m = MATCHER.exec(l);
        assert.ok(m, `not matcher-readable: ${l}`);
        const p = problems[i];
        assert.deepEqual(m.slice(1), [p.file, String(p.line), String(p.column), p.severity, p.code, p.message]);
      });
      // Hints are indented lines right after their problem; nothing else is on stdout.
      assert.deepEqual(lines.filter((l) => l.startsWith('    ')), problems.filter((p) => p.hint).map((p) => `    hint: ${p.hint}`));
      assert.match(text.err, /^sprintlog validate: \d+ errors?, \d+ warnings? in backlog\//);

      const gh = await run(['validate', '--format', 'github'], dir);
      assert.equal(gh.code, json.code);
      const annotations = gh.out.split('\n').filter(Boolean);
      assert.equal(annotations.length, problems.length);
      annotations.forEach((a, i) => {
        const p = problems[i];
        assert.equal(a, `::${p.severity} file=${p.file},line=${p.line},col=${p.column},title=${p.code}::${escapeData(p.hint ? `${p.message}\n${p.hint}` : p.message)}`);
      });
    });
  }

  it('messages stay on one line: control characters in keys are shown escaped, % is escaped for GitHub', async () => {
    const dir = path.join(tmp, 'escape');
    fs.mkdirSync(path.join(dir, 'backlog'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'backlog/backlog.yaml'), 'items:\n  - id: PAY-1\n    title: A\n    "done 100%\\r\\nreally": yes\n');
    const gh = await run(['validate', '--format', 'github'], dir);
    assert.equal(gh.code, 0, 'warnings only');
    const lines = gh.out.split('\n').filter(Boolean);
    assert.equal(lines.length, 1, gh.out);
    assert.ok(lines[0].startsWith('::warning file=backlog/backlog.yaml,line=4,col=5,title=unknown-key::Unknown key `done 100%25\\r\\nreally`'), lines[0]);
    const text = await run(['validate'], dir);
    assert.match(text.out.split('\n')[0], /^backlog\/backlog\.yaml:4:5: warning unknown-key: Unknown key `done 100%\\r\\nreally` in item PAY-1/);
    assert.ok(!/%(?!25|0D|0A)/.test(lines[0].split('::')[2]), 'every % is escaped');
  });

  it('escapeProperty also escapes : and , (GitHub property rules)', () => {
    assert.equal(escapeProperty('a,b:c%d\ne'), 'a%2Cb%3Ac%25d%0Ae');
    assert.equal(escapeData('a,b:c'), 'a,b:c');
    assert.equal(escapeData('50% done\r\nnext'), '50%25 done%0D%0Anext');
  });

  it('no problems: empty stdout in text and github, an empty list in json, exit 0', async () => {
    const dir = copy('zero-items');
    for (const format of ['text', 'github']) {
      const r = await run(['validate', '--format', format], dir);
      assert.deepEqual([r.code, r.out], [0, '']);
      assert.match(r.err, /no problems \(0 items, 2 sprints\)/);
    }
    const json = await run(['validate', '--format', 'json'], dir);
    assert.deepEqual(JSON.parse(json.out), { problems: [] });
  });

  it('--help describes the formats and exit codes', async () => {
    const r = await run(['validate', '--help'], tmp);
    assert.equal(r.code, 0);
    assert.match(r.out, /Usage: sprintlog validate \[--repo DIR\] \[--format text\|json\|github\]/);
    assert.match(r.out, /Exit status: 0 no errors/);
  });
});
