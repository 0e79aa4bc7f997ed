// Auto-commit of exactly Sprintlog's change. The backlog file may also hold
// the user's own saved but uncommitted edits; committing the file would sweep
// them in. So the change is taken as a patch (the file's bytes before and
// after Sprintlog's save), applied to HEAD's version in a temporary index, and
// committed from there (`git commit` as usual: hooks and signing apply). The
// same patch is then applied to the real index, so `git status` shows the
// user's edits, and only theirs, as uncommitted. When the patch does not apply
// (Sprintlog's lines touch the user's uncommitted ones, or the file is not
// committed yet) nothing is committed and the refusal says why.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GitNotFoundError, runGit } from '../../core/git-run';
import { GitRefusal, GIT_NOT_FOUND } from './repo';

/** One file's bytes before and after Sprintlog's save; `file` is repo-relative. */
export interface FileChange {
  file: string;
  before: Uint8Array;
  after: Uint8Array;
}

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(cwd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<Run> {
  try {
    const r = await runGit(cwd, args, { env, maxBuffer: 64 << 20 });
    return { code: r.code, out: r.stdout, err: r.stderr };
  } catch (e) {
    if (e instanceof GitNotFoundError) throw new GitRefusal(GIT_NOT_FOUND);
    return { code: 1, out: '', err: e instanceof Error ? e.message : String(e) };
  }
}

async function ok(cwd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const r = await run(cwd, args, env);
  if (r.code !== 0) throw new Error(`git ${args[0]} failed: ${r.err.trim().split('\n')[0] || `exit code ${r.code}`}`);
  return r.out;
}

const LOCK_RETRIES = 20;
const LOCK_WAIT_MS = 100;

/** `ok` for a command that writes the real index, waiting while another git holds index.lock (VS Code's git runs status after a save). */
async function okWithIndexLock(cwd: string, args: string[]): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const r = await run(cwd, args);
    if (r.code === 0) return r.out;
    if (attempt >= LOCK_RETRIES || !/index\.lock'?: File exists/.test(r.err)) throw new Error(`git ${args[0]} failed: ${r.err.trim().split('\n')[0]}`);
    await new Promise((resolve) => setTimeout(resolve, LOCK_WAIT_MS));
  }
}

/**
 * A patch (paths `a/<file>` → `b/<file>`, so `git apply` finds `<file>`) of
 * each change, from `git diff --no-index` of the two byte strings: git's own
 * diff, CRLF, a BOM and a missing last newline included.
 */
async function patchOf(tmp: string, changes: FileChange[]): Promise<string> {
  let patch = '';
  for (const [i, c] of changes.entries()) {
    const dir = path.join(tmp, String(i));
    for (const [side, bytes] of [['a', c.before], ['b', c.after]] as const) {
      fs.mkdirSync(path.dirname(path.join(dir, side, c.file)), { recursive: true });
      fs.writeFileSync(path.join(dir, side, c.file), bytes);
    }
    // One line of context: Sprintlog's hunks apply to HEAD's text unless the user changed a neighbouring line.
    const args = ['-c', 'core.quotePath=false', 'diff', '--no-index', '--no-color', '--no-ext-diff', '--no-textconv', '--no-prefix', '--binary', '-U1', '--', `a/${c.file}`, `b/${c.file}`];
    const r = await run(dir, args);
    if (r.code > 1) throw new Error(`git diff failed: ${r.err.trim().split('\n')[0]}`);
    patch += r.out;
  }
  return patch;
}

/**
 * Commits exactly the changes (Sprintlog's edit of each file), leaving other
 * uncommitted edits in those files, and every other staged or unstaged change,
 * where they are. Returns the new commit, or undefined when nothing changed.
 * Throws GitRefusal, having committed nothing, when the changes cannot be
 * committed alone.
 */
export async function commitChanges(root: string, changes: FileChange[], message: string): Promise<string | undefined> {
  const todo = changes.filter((c) => !Buffer.from(c.before).equals(Buffer.from(c.after)));
  if (todo.length === 0) return undefined;
  const names = todo.map((c) => c.file).join(', ');
  const head = (await run(root, ['rev-parse', '--verify', '-q', 'HEAD^{commit}'])).out.trim();
  if (!head) throw new GitRefusal(`Sprintlog did not auto-commit: the repository has no commit yet, so ${names} would be committed whole. Commit it yourself.`);
  const gitDir = (await ok(root, ['rev-parse', '--absolute-git-dir'])).trim();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-commit-'));
  const index = path.join(gitDir, `sprintlog-index-${process.pid}-${Date.now().toString(36)}`);
  try {
    const patchFile = path.join(tmp, 'change.patch');
    fs.writeFileSync(patchFile, await patchOf(tmp, todo));
    const own = { GIT_INDEX_FILE: index };
    await ok(root, ['read-tree', head], own);
    const apply = ['apply', '--cached', '--whitespace=nowarn', patchFile];
    if ((await run(root, apply, own)).code !== 0) {
      throw new GitRefusal(`Sprintlog did not auto-commit: its change to ${names} touches lines next to uncommitted changes of yours (or the file is not committed yet), so it cannot be committed alone. Commit the file yourself.`);
    }
    if ((await run(root, [...apply.slice(0, 2), '--check', ...apply.slice(2)])).code !== 0) {
      throw new GitRefusal(`Sprintlog did not auto-commit: its change to ${names} touches lines next to changes you have staged. Commit the file yourself.`);
    }
    await ok(root, ['commit', '-q', '--no-edit', '-m', message], own);
    // The real index gets the same hunks: what was staged stays staged, Sprintlog's change is no longer "to commit".
    await okWithIndexLock(root, apply);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(index, { force: true });
    fs.rmSync(`${index}.lock`, { force: true });
  }
  return (await ok(root, ['rev-parse', 'HEAD'])).trim();
}
