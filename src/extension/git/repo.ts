// Git operations the extension needs, on a repository folder (no vscode import,
// so it is unit-tested on real temp repositories), run through the one runner
// (core/git-run.ts). Callers in the extension go through GitService, which
// refuses to run any of this in an untrusted workspace.
import * as path from 'node:path';
import { gitNameArg } from '../../core/git-args';
import { GitCommandError, GitNotFoundError, gitOutput } from '../../core/git-run';
import { parseBacklog } from '../../core/parse/backlog';
import { archiveDir, archiveEntryCounts, backlogFileRole, treeEntryKind } from '../../core/parse/backlog-files';

export const GIT_NOT_FOUND = 'Sprintlog could not run git: it is not installed or not on the PATH of VS Code. Install git (or fix PATH), then try again.';

/**
 * git's output (gitOutput: a failing exit that says nothing still answers), or
 * undefined when git failed. git itself not starting is a refusal that says so:
 * every "no answer" would be a wrong diagnosis (no user.name, no repository).
 */
async function tryRaw(root: string, args: string[]): Promise<string | undefined> {
  try {
    return await gitOutput(root, args);
  } catch (e) {
    if (e instanceof GitNotFoundError) throw new GitRefusal(GIT_NOT_FOUND);
    if (e instanceof GitCommandError) return undefined;
    throw e;
  }
}

/** A folder's repository: its root and the folder's path inside it, for repo-relative paths. */
export interface RepoOf {
  root: string;
  /** Folder path relative to the repository root, forward slashes, '' when the folder is the root. */
  prefix: string;
}

/** The repository holding `dir`, or undefined when it is not in a repository. */
export async function repoOf(dir: string): Promise<RepoOf | undefined> {
  // The prefix comes from git, not from path.relative(top level, dir): git gives the top level as a
  // real path, and `dir` may reach it through a symbolic link (macOS /tmp, a linked projects folder).
  const out = await tryRaw(dir, ['rev-parse', '--show-toplevel', '--show-prefix']);
  const [top, prefix = ''] = (out ?? '').split('\n');
  if (!top?.trim()) return undefined;
  return { root: path.resolve(top.trim()), prefix: prefix.replace(/\/+$/, '') };
}

export async function userName(root: string): Promise<string | undefined> {
  const out = await tryRaw(root, ['config', 'user.name']);
  return out?.trim() || undefined;
}

export async function userEmail(root: string): Promise<string | undefined> {
  const out = await tryRaw(root, ['config', 'user.email']);
  return out?.trim() || undefined;
}

/** Authors of commits that touched the given files, most recent first, unique. */
export async function authorsOf(root: string, files: string[], max = 500): Promise<string[]> {
  const out = await tryRaw(root, ['log', `-n${max}`, '--format=%an', '--', ...files]);
  return [...new Set((out ?? '').split('\n').map((s) => s.trim()).filter(Boolean))];
}

/** Current branch, or undefined on a detached HEAD. */
export async function currentBranch(root: string): Promise<string | undefined> {
  const out = await tryRaw(root, ['symbolic-ref', '--short', '-q', 'HEAD']);
  return out?.trim() || undefined;
}

export async function branchExists(root: string, name: string): Promise<boolean> {
  // `rev-parse --quiet` fails without a word for a missing branch: test the output, not the exit status.
  return Boolean((await tryRaw(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `refs/heads/${gitNameArg(name, 'branch')}`]))?.trim());
}

export async function localBranches(root: string): Promise<string[]> {
  const out = await tryRaw(root, ['for-each-ref', '--format=%(refname:short)', 'refs/heads']);
  return (out ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
}

/** Paths (repo-relative) with uncommitted changes, staged or not, untracked included. */
export async function dirtyFiles(root: string): Promise<string[]> {
  const out = (await tryRaw(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all'])) ?? '';
  const files: string[] = [];
  const parts = out.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i];
    if (entry.length < 4) continue;
    files.push(entry.slice(3));
    if (entry[0] === 'R' || entry[0] === 'C') i++; // the rename's source path follows
  }
  return files;
}

/** Dirty files a checkout of `branch` would have to overwrite (they differ between HEAD and the branch). */
export async function checkoutConflicts(root: string, branch: string): Promise<string[]> {
  const dirty = await dirtyFiles(root);
  if (dirty.length === 0) return [];
  const hasHead = Boolean((await tryRaw(root, ['rev-parse', '--verify', '-q', 'HEAD']))?.trim());
  const diff = hasHead ? await tryRaw(root, ['diff', '--name-only', '-z', '--end-of-options', 'HEAD', gitNameArg(branch, 'branch'), '--']) : undefined;
  if (diff === undefined) return dirty; // cannot tell: treat everything dirty as a conflict
  const changed = new Set(diff.split('\0').filter(Boolean));
  return dirty.filter((f) => changed.has(f));
}

export interface SwitchResult {
  branch: string;
  created: boolean;
  /** Already on it: nothing was done. */
  already: boolean;
}

/** A refusal that changed nothing (the message says why and what to do). */
export class GitRefusal extends Error {}

/**
 * Checks out `branch`, creating it from HEAD when it does not exist. Never
 * forces: uncommitted changes that a checkout would overwrite make it refuse,
 * before git is even asked, and git's own check stays in place behind that.
 */
export async function switchToBranch(root: string, branch: string): Promise<SwitchResult> {
  // `git checkout` has no --end-of-options (git 2.39): the name is checked first.
  try {
    gitNameArg(branch, 'branch');
  } catch (e) {
    throw new GitRefusal(`${e instanceof Error ? e.message : String(e)} Nothing was changed.`);
  }
  if ((await currentBranch(root)) === branch) return { branch, created: false, already: true };
  if (!(await branchExists(root, branch))) {
    try {
      await gitOutput(root, ['checkout', '-b', branch]);
    } catch (e) {
      // e.g. a branch `PAY-1/login` exists, so `PAY-1` cannot; git changed nothing.
      throw new GitRefusal(`git could not create branch ${branch}: ${firstLine(e)} Nothing was changed.`);
    }
    return { branch, created: true, already: false };
  }
  const conflicts = await checkoutConflicts(root, branch);
  if (conflicts.length > 0) {
    const list = conflicts.slice(0, 5).join(', ') + (conflicts.length > 5 ? ` and ${conflicts.length - 5} more` : '');
    throw new GitRefusal(`Branch ${branch} exists and checking it out would overwrite uncommitted changes in ${list}. Commit or stash them first; nothing was changed.`);
  }
  try {
    await gitOutput(root, ['checkout', branch]);
  } catch (e) {
    throw new GitRefusal(`git refused to check out ${branch}: ${firstLine(e)} Nothing was changed.`);
  }
  return { branch, created: false, already: false };
}

function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return (msg.split('\n').find((l) => l.trim()) ?? msg).trim();
}

/** Ids found in a backlog file's text; a file that does not parse is scanned for `id:` lines instead. */
export function idsInText(text: string, file: string): string[] {
  const { backlog } = parseBacklog(text, file);
  if (backlog) return backlog.items.map((i) => i.id).filter(Boolean);
  const ids: string[] = [];
  for (const m of text.matchAll(/^[\s-]*id:\s*["']?([A-Za-z0-9._-]+)/gm)) ids.push(m[1]);
  for (const m of text.matchAll(/[{,]\s*id:\s*["']?([A-Za-z0-9._-]+)/g)) ids.push(m[1]);
  return ids;
}

/**
 * Item ids present in the backlog files (main + archive) of every local branch
 * except the current one, so that new ids made here do not collide with items
 * created on another branch that is not merged yet.
 */
export async function idsOnOtherBranches(root: string, backlogPath: string): Promise<Set<string>> {
  const current = await currentBranch(root);
  const ids = new Set<string>();
  const seenBlobs = new Set<string>();
  const archive = archiveDir(backlogPath);
  for (const branch of await localBranches(root)) {
    if (branch === current) continue;
    const listing = await tryRaw(root, ['ls-tree', '-r', '-z', '--end-of-options', `refs/heads/${branch}`, '--', backlogPath, archive]);
    for (const entry of (listing ?? '').split('\0')) {
      const m = /^(\d+) blob ([0-9a-f]+)\t(.+)$/.exec(entry);
      if (!m || seenBlobs.has(m[2])) continue;
      const file = m[3];
      const role = backlogFileRole(file, { backlogPath });
      if (role !== 'main' && !(role === 'archive' && archiveEntryCounts(treeEntryKind(m[1])))) continue;
      seenBlobs.add(m[2]);
      const text = await tryRaw(root, ['cat-file', '-p', m[2]]);
      if (text !== undefined) for (const id of idsInText(text, file)) ids.add(id);
    }
  }
  return ids;
}
