// The two git facts the history service needs cheaply: the HEAD commit (its
// cache key) and the git directory (to watch HEAD and refs for changes).
import { execFile } from 'node:child_process';

function git(root: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd: root, timeout: 10_000, windowsHide: true }, (err, stdout) => resolve(err ? undefined : String(stdout).trim() || undefined));
  });
}

/** The HEAD commit, or undefined without git, a repository or a commit. */
export function headCommit(root: string): Promise<string | undefined> {
  return git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
}

/** Absolute path of the repository's git directory (a worktree's own one included). */
export function gitDir(root: string): Promise<string | undefined> {
  return git(root, ['rev-parse', '--absolute-git-dir']);
}
