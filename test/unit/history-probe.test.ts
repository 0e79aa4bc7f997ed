// The probe that reads HEAD without starting git (quickProbe) answers exactly
// what git's rev-parse answers, or declines; on real repositories of every
// shape it meets: loose and packed branch refs, a detached HEAD, a shallow
// clone, an unborn branch, a linked worktree, a root below the top, reftable.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { probeRepo, quickProbe } from '../../src/core/history/git/probe';
import { backlogYaml, day, GitRepo } from './helpers/gitrepo';

const MAIN = 'backlog/backlog.yaml';

describe('history: probing HEAD without git', function () {
  this.timeout(60_000);
  let repo: GitRepo;
  beforeEach(() => {
    repo = GitRepo.create();
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'todo' }]));
    repo.commit('c0', { at: day(0) });
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'done' }]));
    repo.commit('c1', { at: day(1) });
  });
  afterEach(() => repo.cleanup());

  const same = async (dir: string): Promise<void> => {
    const quick = quickProbe(dir);
    assert.ok(quick, 'the quick probe answers');
    assert.deepEqual(quick, await probeRepo(dir, 'HEAD'));
  };

  it('a branch ref, loose then packed, and a detached HEAD: what git says', async () => {
    await same(repo.dir);
    repo.git('pack-refs', '--all');
    assert.equal(fs.existsSync(path.join(repo.dir, '.git', 'refs', 'heads', 'main')), false, 'the ref is packed');
    await same(repo.dir);
    repo.checkout(repo.git('rev-parse', 'HEAD~1').trim());
    await same(repo.dir);
  });

  it('a shallow clone is reported shallow', async () => {
    const clone = repo.shallowClone(1);
    await same(clone.dir);
    const probe = quickProbe(clone.dir);
    assert.equal(probe?.kind === 'repo' && probe.shallow, true);
  });

  it('declines where git must be asked: unborn branch, linked worktree, root below the top, reftable', async function () {
    repo.git('checkout', '-q', '--orphan', 'fresh');
    assert.equal(quickProbe(repo.dir), undefined, 'unborn branch');
    repo.checkout('main');
    const wt = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-wt-'));
    try {
      fs.rmSync(wt, { recursive: true });
      repo.git('worktree', 'add', '-q', wt, 'HEAD~1');
      assert.equal(quickProbe(wt), undefined, 'a worktree has a .git file');
      assert.equal((await probeRepo(wt, 'HEAD')).kind, 'repo');
    } finally {
      fs.rmSync(wt, { recursive: true, force: true });
    }
    assert.equal(quickProbe(path.join(repo.dir, 'backlog')), undefined, 'root below the top');
    const rt = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-reftable-'));
    try {
      try {
        repo.git('init', '-q', '--ref-format=reftable', rt);
      } catch {
        return; // git without reftable
      }
      fs.writeFileSync(path.join(rt, 'f.txt'), 'x');
      repo.git('-C', rt, 'add', 'f.txt');
      repo.git('-C', rt, 'commit', '-q', '-m', 'x');
      assert.equal(quickProbe(rt), undefined, 'reftable');
    } finally {
      fs.rmSync(rt, { recursive: true, force: true });
    }
  });
});
