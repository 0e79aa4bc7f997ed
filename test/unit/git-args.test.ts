// No user value reaches git as an option: every git call site that takes a
// ref, branch, path or message from a user, given values git would read as
// options (`--output=FILE` makes `git log` and `git diff` truncate FILE).
// Each must refuse with a clear message, or pass the value as what it is, and
// never touch FILE. (The demo writer's git calls hold no user value: its folder
// is the working directory, not an argument.)

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { TestHistory } from './helpers/history';
import { listCommits, renameSource } from '../../src/core/history/git/log';
import { probeRepo } from '../../src/core/history/git/probe';
import { commitChanges } from '../../src/extension/git/commit';
import { authorsOf, branchExists, checkoutConflicts, currentBranch, GitRefusal, switchToBranch } from '../../src/extension/git/repo';
import { backlogYaml, day, GitRepo } from './helpers/gitrepo';

const hist = new TestHistory();

const BACKLOG = 'backlog/backlog.yaml';

describe('git arguments: user values never become options', function () {
  this.timeout(60_000);
  let repo: GitRepo;
  let victim: string;
  let head: string;

  before(() => {
    repo = GitRepo.create();
    repo.write(BACKLOG, backlogYaml([{ id: 'T-1', title: 'One', state: 'todo' }]));
    head = repo.commit('c0', { at: day(0) });
    repo.git('config', 'user.name', 'Dana');
    repo.git('config', 'user.email', 'd@x.invalid');
    victim = path.join(repo.dir, '..', `${path.basename(repo.dir)}-victim.txt`);
  });
  beforeEach(() => fs.writeFileSync(victim, 'precious\n'));
  after(() => {
    fs.rmSync(victim, { force: true });
    repo.cleanup();
  });
  const untouched = (): void => assert.equal(fs.readFileSync(victim, 'utf8'), 'precious\n', 'the file named in the option is untouched');

  it('sprintlog metrics --ref=--output=FILE: a usage error, FILE neither truncated nor created', async () => {
    let err = '';
    const code = await main(['metrics', '--repo', repo.dir, `--ref=--output=${victim}`], { cwd: repo.dir, out: () => {}, err: (t) => (err += t), env: {} });
    assert.equal(code, 2);
    assert.match(err, /^sprintlog metrics: --ref '--output=.*' starts with '-', which git would read as an option; give a branch, tag or commit/);
    untouched();
    const fresh = `${victim}.new`;
    assert.equal(await main(['metrics', '--repo', repo.dir, '--ref', `--output=${fresh}`], { cwd: repo.dir, out: () => {}, err: () => {}, env: {} }), 2);
    assert.equal(fs.existsSync(fresh), false);
  });

  it('history: HistoryEngine.read, filesAt and probeRepo refuse such refs before git runs', async () => {
    const ref = `--output=${victim}`;
    await assert.rejects(hist.read(repo.dir, { ref }), /ref '--output=.*' starts with '-'/);
    await assert.rejects(hist.engine.filesAt(repo.dir, ref), /starts with '-'/);
    await assert.rejects(probeRepo(repo.dir, ref), /starts with '-'/);
    await assert.rejects(probeRepo(repo.dir, 'main\n--all'), /line break/);
    untouched();
  });

  it('history: commit-id arguments (listCommits, renameSource) accept commit ids only', async () => {
    await assert.rejects(listCommits(repo.dir, `--output=${victim}`, [], () => {}), /is not a commit id/);
    await assert.rejects(listCommits(repo.dir, head, [`--output=${victim}`], () => {}), /is not a commit id/);
    await assert.rejects(renameSource(repo.dir, `--output=${victim}`, head, BACKLOG), /is not a commit id/);
    untouched();
    const seen: string[] = [];
    await listCommits(repo.dir, head, [], (c) => seen.push(c.hash));
    assert.deepEqual(seen, [head]);
  });

  it('extension: checkoutConflicts and branchExists refuse an option-like branch, FILE untouched', async () => {
    repo.write('README.md', 'dirty\n'); // checkoutConflicts only asks git diff when the tree is dirty
    try {
      await assert.rejects(checkoutConflicts(repo.dir, `--output=${victim}`), /starts with '-'/);
      await assert.rejects(branchExists(repo.dir, `--output=${victim}`), /starts with '-'/);
    } finally {
      repo.remove('README.md');
    }
    untouched();
  });

  it('extension: switchToBranch refuses an option-like name, changing nothing', async () => {
    const before = repo.git('for-each-ref', '--format=%(refname)');
    await assert.rejects(switchToBranch(repo.dir, '--orphan=evil'), (e: unknown) => e instanceof GitRefusal && /starts with '-'.*Nothing was changed\./.test(e.message));
    assert.equal(repo.git('for-each-ref', '--format=%(refname)'), before);
    assert.equal(await currentBranch(repo.dir), 'main');
  });

  it('extension: paths go after `--` and a message is the value of -m (authorsOf, commitChanges)', async () => {
    assert.deepEqual(await authorsOf(repo.dir, [`--output=${victim}`]), []);
    untouched();
    const before = Buffer.from(repo.read(BACKLOG));
    const after = backlogYaml([{ id: 'T-1', title: 'One', state: 'done' }]);
    repo.write(BACKLOG, after);
    const commit = await commitChanges(repo.dir, [{ file: BACKLOG, before, after: Buffer.from(after) }], '--amend');
    assert.ok(commit && commit !== head);
    assert.equal(repo.git('log', '-1', '--format=%s').trim(), '--amend');
    assert.equal(repo.git('rev-list', '--count', 'HEAD').trim(), '2', 'a new commit, nothing amended');
  });
});
