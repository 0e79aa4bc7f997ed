// The one git runner (src/core/git-run.ts): every git process of the CLI and the
// extension sees the repository of the folder it runs in, whatever GIT_* variables
// the process inherited (a hook, a terminal inside `git rebase -x`), and a missing
// git is told apart from a missing folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { refTime } from '../../src/core/metrics-document';
import { GitNotFoundError, gitOutput, runGit } from '../../src/core/git-run';
import { gitDir, headCommit } from '../../src/extension/history/git-head';
import { currentBranch, repoOf } from '../../src/extension/git/repo';
import { day, GitRepo, ms } from './helpers/gitrepo';

describe('git runner', function () {
  this.timeout(30_000);
  let here: GitRepo;
  let elsewhere: GitRepo;
  const saved = { ...process.env };
  beforeEach(() => {
    here = GitRepo.create();
    here.write('a.txt', 'a');
    here.commit('here', { at: day(1) });
    elsewhere = GitRepo.create();
    elsewhere.write('b.txt', 'b');
    elsewhere.commit('elsewhere', { at: day(9) });
    elsewhere.git('checkout', '-q', '-b', 'other');
  });
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    here.cleanup();
    elsewhere.cleanup();
  });

  it('ignores an inherited GIT_DIR / GIT_WORK_TREE: the CLI, the history service and the git service read the folder they run in', async () => {
    process.env.GIT_DIR = path.join(elsewhere.dir, '.git');
    process.env.GIT_WORK_TREE = elsewhere.dir;
    const real = fs.realpathSync(path.join(here.dir, '.git'));
    assert.equal(fs.realpathSync((await gitOutput(here.dir, ['rev-parse', '--absolute-git-dir'])).trim()), real);
    // The CLI's `report --as-of <ref>` (ran git with the inherited environment before).
    assert.deepEqual(await refTime(here.dir, 'HEAD'), { ok: true, time: ms(day(1)) });
    // The history service's HEAD watch (ran git with the inherited environment before).
    assert.equal(await headCommit(here.dir), here.head());
    assert.equal(fs.realpathSync((await gitDir(here.dir))!), real);
    // The git service.
    assert.equal(await currentBranch(here.dir), 'main');
    assert.equal(fs.realpathSync((await repoOf(here.dir))!.root), fs.realpathSync(here.dir));
  });

  it('a non-zero exit is a result; gitOutput answers a silent failure and rejects one that says why', async () => {
    const missing = await runGit(here.dir, ['rev-parse', '--verify', '-q', 'refs/heads/nope']);
    assert.equal(missing.code, 1);
    assert.equal(await gitOutput(here.dir, ['rev-parse', '--verify', '-q', 'refs/heads/nope']), '');
    await assert.rejects(gitOutput(here.dir, ['rev-parse', '--verify', 'refs/heads/nope']), /Needed a single revision/);
  });

  it('a missing git is GitNotFoundError; a missing folder is not', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-nogit-'));
    try {
      process.env.PATH = empty;
      await assert.rejects(runGit(here.dir, ['status']), GitNotFoundError);
      process.env.PATH = saved.PATH;
      await assert.rejects(runGit(path.join(empty, 'gone'), ['status']), (e: Error) => !(e instanceof GitNotFoundError) && /does not exist/.test(e.message));
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
