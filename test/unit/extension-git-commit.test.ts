// Auto-commit commits exactly Sprintlog's change to a backlog file, on real
// temp repositories: the user's own saved-but-uncommitted edits in the same
// file stay uncommitted (and unstaged), their staged ones stay staged, and a
// change that cannot be separated from theirs is not committed at all.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyPlanToFiles, planEdits } from '../../src/core/edit';
import { loadWorkspace } from '../../src/core/parse/workspace';
import { commitChanges, type FileChange } from '../../src/extension/git/commit';
import { GitRefusal } from '../../src/extension/git/repo';
import { GitRepo } from './helpers/gitrepo';

const FILE = 'backlog/backlog.yaml';
const lines = (n: number, eol = '\n'): string =>
  ['version: 1', 'project: PAY', 'items:', ...Array.from({ length: n }, (_, i) => [`  - id: PAY-${i + 1}`, `    title: Item ${i + 1}`, '    state: todo']).flat(), ''].join(eol);

/** Sprintlog's edit as the extension makes it: planned on the file as it is now, written, returned as a change. */
function sprintlogSets(repo: GitRepo, id: string, field: string, value: unknown): FileChange {
  const ws = loadWorkspace(repo.dir);
  const before = fs.readFileSync(path.join(repo.dir, FILE));
  const text = applyPlanToFiles(ws, planEdits(ws, [{ kind: 'set', id, field, value }])).get(FILE)!;
  fs.writeFileSync(path.join(repo.dir, FILE), text);
  return { file: FILE, before, after: Buffer.from(text) };
}

describe('extension: auto-commit of exactly Sprintlog\'s change', function () {
  this.timeout(30_000);
  const repos: GitRepo[] = [];
  const fresh = (text = lines(12)): GitRepo => {
    const r = GitRepo.create();
    repos.push(r);
    r.git('config', 'user.name', 'Dana');
    r.git('config', 'user.email', 'd@x.invalid');
    r.write(FILE, text);
    r.commit('init');
    return r;
  };
  after(() => {
    for (const r of repos) r.cleanup();
  });

  it("leaves the user's saved, uncommitted edit in the same file out of the commit (and unstaged)", async () => {
    const r = fresh();
    const mine = r.read(FILE).replace('title: Item 2', 'title: My own wording, not committed yet');
    r.write(FILE, mine);
    const change = sprintlogSets(r, 'PAY-11', 'state', 'done');
    const commit = await commitChanges(r.dir, [change], 'PAY-11: state → done');
    assert.ok(commit);
    const committed = r.git('show', `HEAD:${FILE}`);
    assert.equal(committed, lines(12).replace(/(id: PAY-11\n {4}title: Item 11\n {4}state: )todo/, '$1done'));
    assert.equal(r.read(FILE), mine.replace(/(id: PAY-11\n {4}title: Item 11\n {4}state: )todo/, '$1done'), 'the working tree keeps both');
    assert.equal(r.git('diff', '--cached', '--name-only'), '', 'nothing staged afterwards');
    assert.deepEqual(r.git('diff', '-U0', '--no-color').split('\n').filter((l) => /^[-+] /.test(l)), ['-    title: Item 2', '+    title: My own wording, not committed yet']);
  });

  it('works on CRLF files too', async () => {
    const r = fresh(lines(12, '\r\n'));
    r.write(FILE, r.read(FILE).replace('title: Item 1\r\n', 'title: Mine\r\n'));
    assert.ok(await commitChanges(r.dir, [sprintlogSets(r, 'PAY-9', 'points', 5)], 'PAY-9: points → 5'));
    assert.match(r.git('show', `HEAD:${FILE}`), /title: Item 1\r\n[\s\S]*id: PAY-9\r\n {4}title: Item 9\r\n {4}state: todo\r\n {4}points: 5\r\n/);
    assert.match(r.git('diff', '--no-color'), /- {4}title: Item 1\r\n\+ {4}title: Mine\r\n/);
  });

  it("keeps the user's staged edit in the same file staged, and out of the commit", async () => {
    const r = fresh();
    r.write(FILE, r.read(FILE).replace('title: Item 1\n', 'title: Staged by me\n'));
    r.git('add', FILE);
    assert.ok(await commitChanges(r.dir, [sprintlogSets(r, 'PAY-12', 'state', 'done')], 'PAY-12: state → done'));
    assert.doesNotMatch(r.git('show', `HEAD:${FILE}`), /Staged by me/);
    assert.match(r.git('show', `HEAD:${FILE}`), /id: PAY-12\n {4}title: Item 12\n {4}state: done/);
    assert.deepEqual(r.git('diff', '--cached', '-U0', '--no-color').split('\n').filter((l) => /^[-+] /.test(l)), ['-    title: Item 1', '+    title: Staged by me']);
    assert.equal(r.git('diff', '--name-only'), '', 'nothing unstaged');
  });

  it("refuses, committing nothing, when Sprintlog's change touches a line next to the user's uncommitted one", async () => {
    const r = fresh();
    r.write(FILE, r.read(FILE).replace('title: Item 5\n', 'title: Mine\n'));
    const head = r.head();
    const change = sprintlogSets(r, 'PAY-5', 'state', 'done'); // the line right below the user's
    await assert.rejects(commitChanges(r.dir, [change], 'PAY-5: state → done'), (e: unknown) =>
      e instanceof GitRefusal && /did not auto-commit: its change to backlog\/backlog\.yaml touches lines next to uncommitted changes of yours/.test(e.message));
    assert.equal(r.head(), head);
    assert.equal(r.git('diff', '--cached', '--name-only'), '');
    assert.match(r.read(FILE), /title: Mine\n {4}state: done/, 'the working tree is left as it was');
  });

  it('refuses a file that is not committed yet (it would go in whole)', async () => {
    const r = fresh();
    r.write('backlog/archive/2025.yaml', lines(1));
    const before = Buffer.from(r.read('backlog/archive/2025.yaml'));
    const after = Buffer.from(lines(1).replace('state: todo', 'state: done'));
    await assert.rejects(commitChanges(r.dir, [{ file: 'backlog/archive/2025.yaml', before, after }], 'x'), GitRefusal);
    assert.equal(r.git('rev-list', '--count', 'HEAD').trim(), '1');
  });
});
