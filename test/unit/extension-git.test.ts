// The extension's git operations on real temporary repositories.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { planEdits } from '../../src/core/edit';
import { loadWorkspace } from '../../src/core/parse/workspace';
import {
  authorsOf, checkoutConflicts, currentBranch, GitRefusal, idsInText, idsOnOtherBranches, repoOf, switchToBranch, userName,
} from '../../src/extension/git/repo';
import { commitChanges, type FileChange } from '../../src/extension/git/commit';

const ENV = { ...process.env, GIT_AUTHOR_NAME: 'Dana Dev', GIT_AUTHOR_EMAIL: 'd@x.invalid', GIT_COMMITTER_NAME: 'Dana Dev', GIT_COMMITTER_EMAIL: 'd@x.invalid' };
const backlog = (ids: string[]) => `version: 1\nproject: PAY\nitems:\n${ids.map((id) => `  - id: ${id}\n    title: Item ${id}\n`).join('')}`;

function repo(): { root: string; git: (...a: string[]) => string; write: (f: string, t: string) => void; read: (f: string) => string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-ext-git-'));
  const git = (...a: string[]) => execFileSync('git', a, { cwd: root, env: ENV, encoding: 'utf8' });
  const write = (f: string, t: string) => {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), t);
  };
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Dana Dev');
  git('config', 'user.email', 'd@x.invalid');
  git('config', 'commit.gpgsign', 'false');
  write('backlog/backlog.yaml', backlog(['PAY-1', 'PAY-2']));
  write('README.md', 'readme\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'init');
  return { root, git, write, read: (f) => fs.readFileSync(path.join(root, f), 'utf8') };
}

/** Sprintlog's save of `file` (repo-relative) as commitChanges takes it: the bytes before, the new text written. */
function save(root: string, file: string, text: string): FileChange {
  const before = fs.readFileSync(path.join(root, file));
  fs.writeFileSync(path.join(root, file), text);
  return { file, before, after: Buffer.from(text) };
}

describe('extension: git', () => {
  const roots: string[] = [];
  after(() => {
    for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
  });

  it('finds ids of other local branches (main file and archive) and new ids avoid them', async () => {
    const r = repo();
    roots.push(r.root);
    r.git('checkout', '-q', '-b', 'feature');
    r.write('backlog/backlog.yaml', backlog(['PAY-1', 'PAY-2', 'PAY-3']));
    r.git('commit', '-q', '-am', 'add PAY-3');
    r.git('checkout', '-q', '-b', 'archived', 'main');
    r.write('backlog/archive/2025.yaml', backlog(['PAY-9']));
    r.git('add', '-A');
    r.git('commit', '-q', '-m', 'archive');
    r.git('checkout', '-q', 'main');
    const reserved = await idsOnOtherBranches(r.root, 'backlog/backlog.yaml');
    assert.deepEqual([...reserved].sort(), ['PAY-1', 'PAY-2', 'PAY-3', 'PAY-9']);
    const ws = loadWorkspace(r.root);
    const plan = planEdits(ws, [{ kind: 'add', fields: { title: 'New' } }], { reservedIds: reserved });
    assert.ok(!reserved.has(plan.newIds[0]) && !ws.items.some((i) => i.id === plan.newIds[0]), plan.newIds[0]);
    // Without the reservation the engine would have picked an id used on a branch.
    assert.ok(reserved.has(planEdits(ws, [{ kind: 'add', fields: { title: 'New' } }]).newIds[0]));
  });

  it('reads ids from a file with conflict markers by scanning lines', () => {
    const text = 'items:\n<<<<<<< HEAD\n  - id: PAY-4\n    title: a\n=======\n  - {id: PAY-5, title: b}\n>>>>>>> x\n';
    assert.deepEqual(idsInText(text, 'backlog/backlog.yaml').sort(), ['PAY-4', 'PAY-5']);
  });

  it('creates a branch from HEAD keeping uncommitted changes', async () => {
    const r = repo();
    roots.push(r.root);
    r.write('README.md', 'changed\n');
    const res = await switchToBranch(r.root, 'PAY-1-item');
    assert.deepEqual(res, { branch: 'PAY-1-item', created: true, already: false });
    assert.equal(await currentBranch(r.root), 'PAY-1-item');
    assert.equal(r.read('README.md'), 'changed\n');
    assert.deepEqual(await switchToBranch(r.root, 'PAY-1-item'), { branch: 'PAY-1-item', created: false, already: true });
  });

  it('refuses to check out a branch over conflicting uncommitted changes, changing nothing', async () => {
    const r = repo();
    roots.push(r.root);
    r.git('checkout', '-q', '-b', 'other');
    r.write('backlog/backlog.yaml', backlog(['PAY-1']));
    r.git('commit', '-q', '-am', 'other');
    r.git('checkout', '-q', 'main');
    r.write('backlog/backlog.yaml', backlog(['PAY-1', 'PAY-2', 'PAY-7']));
    assert.deepEqual(await checkoutConflicts(r.root, 'other'), ['backlog/backlog.yaml']);
    await assert.rejects(switchToBranch(r.root, 'other'), (e: Error) => e instanceof GitRefusal && /overwrite uncommitted changes in backlog\/backlog\.yaml/.test(e.message));
    assert.equal(await currentBranch(r.root), 'main');
    assert.equal(r.read('backlog/backlog.yaml'), backlog(['PAY-1', 'PAY-2', 'PAY-7']));
    // A dirty file that is the same on both branches does not block, and survives.
    r.git('checkout', '-q', '--', 'backlog/backlog.yaml');
    r.write('README.md', 'mine\n');
    assert.equal((await switchToBranch(r.root, 'other')).created, false);
    assert.equal(r.read('README.md'), 'mine\n');
  });

  it('commits only the backlog files, leaving other staged work staged', async () => {
    const r = repo();
    roots.push(r.root);
    r.write('notes.txt', 'wip\n');
    r.git('add', 'notes.txt');
    const change = save(r.root, 'backlog/backlog.yaml', backlog(['PAY-1', 'PAY-2', 'PAY-3']));
    const commit = await commitChanges(r.root, [change], 'PAY-3: added');
    assert.ok(commit);
    assert.equal(r.git('show', '--name-only', '--format=%s', 'HEAD').trim(), 'PAY-3: added\n\nbacklog/backlog.yaml');
    assert.equal(r.git('diff', '--cached', '--name-only').trim(), 'notes.txt');
    assert.equal(r.git('status', '--porcelain', '--', 'backlog').trim(), '');
    assert.equal(await commitChanges(r.root, [{ ...change, before: change.after }], 'nothing'), undefined);
  });

  it('locates a folder opened through a symbolic link inside its repository', async () => {
    // git reports the real path of the top level; the folder's own path may go through a link
    // (macOS /tmp, a symlinked home or projects folder). Repo-relative paths must still be right.
    const r = repo();
    roots.push(r.root);
    r.write('team/backlog/backlog.yaml', backlog(['PAY-1']));
    r.git('add', '-A');
    r.git('commit', '-q', '-m', 'team backlog');
    const links = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-ext-link-'));
    roots.push(links);
    fs.symlinkSync(r.root, path.join(links, 'repo'));
    const viaLink = path.join(links, 'repo', 'team');
    const at = await repoOf(viaLink);
    assert.ok(at);
    assert.equal(at.prefix, 'team');
    assert.equal(fs.realpathSync(at.root), fs.realpathSync(r.root));
    assert.equal((await repoOf(path.join(links, 'repo')))?.prefix, '');
    assert.equal(await repoOf(links), undefined);
    // With that prefix, auto-commit finds the changed file.
    const change = save(r.root, 'team/backlog/backlog.yaml', backlog(['PAY-1', 'PAY-2']));
    assert.ok(await commitChanges(at.root, [{ ...change, file: `${at.prefix}/backlog/backlog.yaml` }], 'PAY-2: added'));
    assert.equal(r.git('show', '--name-only', '--format=', 'HEAD').trim(), 'team/backlog/backlog.yaml');
  });

  it('refuses, naming the branch, when git cannot create the branch', async () => {
    // `PAY-1/login` exists, so a branch `PAY-1` cannot (refs/heads/PAY-1 would be a file and a folder).
    const r = repo();
    roots.push(r.root);
    r.git('branch', 'PAY-1/login');
    await assert.rejects(switchToBranch(r.root, 'PAY-1'), (e: Error) => e instanceof GitRefusal && /PAY-1\b.*[Nn]othing was changed/s.test(e.message));
    assert.equal(await currentBranch(r.root), 'main');
  });

  it('auto-commit waits for a moment while another git process holds the index lock', async () => {
    // VS Code's own git extension runs `git status` right after a save, and that holds .git/index.lock.
    const r = repo();
    roots.push(r.root);
    const change = save(r.root, 'backlog/backlog.yaml', backlog(['PAY-1', 'PAY-2', 'PAY-3']));
    const lock = path.join(r.root, '.git', 'index.lock');
    fs.writeFileSync(lock, '');
    const released = new Promise<void>((resolve) => setTimeout(() => {
      fs.rmSync(lock);
      resolve();
    }, 300));
    const commit = await commitChanges(r.root, [change], 'PAY-3: added');
    await released;
    assert.ok(commit);
    assert.equal(r.git('log', '-1', '--format=%s').trim(), 'PAY-3: added');
  });

  it('says git is missing instead of "no user.name" or "not a repository"', async () => {
    const r = repo();
    roots.push(r.root);
    const saved = process.env.PATH;
    process.env.PATH = path.join(r.root, 'no-git-here');
    try {
      const missing = (e: Error) => e instanceof GitRefusal && /git.*not installed or not on the PATH/.test(e.message);
      await assert.rejects(userName(r.root), missing);
      await assert.rejects(repoOf(r.root), missing);
    } finally {
      process.env.PATH = saved;
    }
    assert.equal(await userName(r.root), 'Dana Dev');
  });

  it('knows the user and the authors of the backlog file', async () => {
    const r = repo();
    roots.push(r.root);
    assert.equal(await userName(r.root), 'Dana Dev');
    assert.deepEqual(await authorsOf(r.root, ['backlog/backlog.yaml']), ['Dana Dev']);
  });
});
