// The two git facts the history service needs cheaply: the HEAD commit (its
// cache key) and the git directory (to watch HEAD and refs for changes). Run
// through the one runner (core/git-run.ts); the service calls them only in a
// trusted workspace.
import { runGit } from '../../core/git-run';

/** The trimmed output of a git command that succeeded; undefined for any failure (no git, no repository, no commit, a 10 s hang). */
async function git(root: string, args: string[]): Promise<string | undefined> {
  try {
    const r = await runGit(root, args, { timeout: 10_000, maxBuffer: 1 << 20 });
    return r.code === 0 ? r.stdout.trim() || undefined : undefined;
  } catch {
    return undefined;
  }
}

/** The HEAD commit, or undefined without git, a repository or a commit. */
export function headCommit(root: string): Promise<string | undefined> {
  return git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
}

/** Absolute path of the repository's git directory (a worktree's own one included). */
export function gitDir(root: string): Promise<string | undefined> {
  return git(root, ['rev-parse', '--absolute-git-dir']);
}
