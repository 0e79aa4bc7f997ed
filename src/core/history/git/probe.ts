// Ordinary (buffered) git calls through simple-git: finding the repository and
// resolving the ref, rename detection between two commits. Streaming calls
// (commit listing, object reads) live in git-stream.ts.

import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { commitIdArg, gitNameArg } from '../../git-args';
import { abortError, gitEnv, GitNotFoundError, streamRecords } from './stream';
import type { CommitInfo } from '../types';

export type Probe =
  | { kind: 'repo'; gitDir: string; prefix: string; shallow: boolean; head?: string }
  | { kind: 'none'; warning: string };

// simple-git drops ambient GIT_* variables itself (and refuses explicit ones such
// as EDITOR), so its default environment is used; gitEnv() mirrors that for spawns.
function git(root: string, signal?: AbortSignal): SimpleGit {
  return simpleGit({ baseDir: root, abort: signal });
}

/**
 * `git <args>` in `root`, spawned at once (simple-git starts its tasks a few
 * ticks later: the probe runs first in every call, and the caller reads the disk
 * cache while git answers). Like simple-git, a failing exit with nothing on
 * stderr still answers its output (rev-parse -q --verify of a missing ref).
 */
function runGit(root: string, args: string[], signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd: root, env: gitEnv(), signal, windowsHide: true, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      if (signal?.aborted) return reject(abortError());
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return reject(new GitNotFoundError(err));
      const text = String(stderr).trim();
      if (text === '' && typeof err.code === 'number') return resolve(stdout);
      reject(new Error(text || err.message));
    });
  });
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Where the repository is and what `ref` resolves to. A missing git or a folder
 * outside any repository is a 'none' probe (with the warning to show); an
 * unborn HEAD has no `head`; any other ref that does not resolve throws.
 */
export async function probeRepo(root: string, ref: string, signal?: AbortSignal): Promise<Probe> {
  gitNameArg(ref, `ref`);
  if (!fs.existsSync(root)) return { kind: 'none', warning: `${root} does not exist: no git history.` };
  let out: string;
  try {
    out = await runGit(root, ['rev-parse', '--absolute-git-dir', '--is-shallow-repository', '--show-prefix', '--verify', '-q', '--end-of-options', `${ref}^{commit}`], signal);
  } catch (e) {
    if (signal?.aborted) throw e;
    const msg = message(e);
    if (/ENOENT/.test(msg) || e instanceof GitNotFoundError) {
      return { kind: 'none', warning: 'git was not found: history-based figures are unavailable (install git, or put it on PATH).' };
    }
    if (/not a git repository/i.test(msg)) return { kind: 'none', warning: `${root} is not inside a git repository: history-based figures are unavailable.` };
    return { kind: 'none', warning: `git cannot read this repository (${msg.trim().split('\n')[0]}): history-based figures are unavailable.` };
  }
  const lines = out.split('\n');
  const [gitDir, shallow, prefix, head] = lines;
  if (!gitDir || (shallow !== 'true' && shallow !== 'false')) {
    return { kind: 'none', warning: `unexpected output from git rev-parse: history-based figures are unavailable.` };
  }
  const hash = head && /^[0-9a-f]{40,64}$/.test(head) ? head : undefined;
  if (!hash && ref !== 'HEAD') {
    throw new Error(`Unknown ref "${ref}": no branch, tag or commit of that name in this repository.`);
  }
  // The same folder as quickProbe names it (symbolic links resolved), so both find the same state and cache.
  let dir = gitDir;
  try {
    dir = fs.realpathSync.native(gitDir);
  } catch {
    // keep git's spelling
  }
  return { kind: 'repo', gitDir: dir, prefix: prefix ?? '', shallow: shallow === 'true', head: hash };
}

const HEX_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
/** Settings under which git's view of the repository is not the plain one read below. */
const UNUSUAL_CONFIG = /^\s*(worktree|worktreeconfig|refstorage)\s*=|^\s*bare\s*=\s*true|^\s*\[include/im;

/** A ref's commit id from its loose file or packed-refs (a loose ref wins, as in git); undefined when neither has it. */
function readRef(gitDir: string, name: string): string | undefined {
  if (!/^refs\/[^\0\n\\]+$/.test(name) || name.split('/').includes('..')) return undefined;
  try {
    return fs.readFileSync(path.join(gitDir, name), 'utf8').trim();
  } catch {
    // not a loose ref
  }
  let packed: string;
  try {
    packed = fs.readFileSync(path.join(gitDir, 'packed-refs'), 'utf8');
  } catch {
    return undefined;
  }
  for (const line of packed.split('\n')) if (line.endsWith(` ${name}`) && line.length === line.indexOf(' ') + 1 + name.length) return line.slice(0, line.indexOf(' '));
  return undefined;
}

/**
 * probeRepo for HEAD without starting git, in the common case: `root` is the
 * top of a repository with a `.git` folder owned by this user, its config
 * plain, and HEAD names a commit (detached, or through a loose or packed branch
 * ref). Every readHistory starts with the probe, and git's start-up is most of
 * what a call with nothing new costs. Anything else (a worktree's `.git` file,
 * reftable, core.worktree, an unborn branch, another owner, Windows):
 * undefined, and git is asked.
 */
export function quickProbe(root: string): Probe | undefined {
  if (process.platform === 'win32' || !process.getuid) return undefined;
  try {
    const gitDir = fs.realpathSync.native(path.resolve(root, '.git'));
    const st = fs.statSync(gitDir);
    if (!st.isDirectory() || st.uid !== process.getuid()) return undefined;
    if (UNUSUAL_CONFIG.test(fs.readFileSync(path.join(gitDir, 'config'), 'utf8'))) return undefined;
    let head: string | undefined = fs.readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
    for (let i = 0; i < 5 && head?.startsWith('ref: '); i++) head = readRef(gitDir, head.slice(5).trim());
    if (!head || !HEX_ID.test(head)) return undefined;
    return { kind: 'repo', gitDir, prefix: '', shallow: fs.existsSync(path.join(gitDir, 'shallow')), head };
  } catch {
    return undefined;
  }
}

/** One commit's metadata as listed by git log, before it has a place in the order. Times in ms. */
export type RawCommit = Omit<CommitInfo, 'order'>;

/**
 * Commits reachable from `head` but not from any of `exclude` (commits already
 * known). Streamed: the list of a large history is never held as one string.
 * In a shallow clone the boundary commits are listed without their (absent) parents.
 */
export async function listCommits(root: string, head: string, exclude: string[], onCommit: (c: RawCommit) => void, signal?: AbortSignal): Promise<void> {
  const args = ['-c', 'log.showSignature=false', 'log', '-z', '--no-color', '--format=%H%x1f%P%x1f%at%x1f%ct%x1f%an%x1f%s', '--ignore-missing', '--end-of-options', commitIdArg(head)];
  if (exclude.length > 0) args.push('--not', ...exclude.map(commitIdArg));
  args.push('--');
  await streamRecords(root, args, (rec) => {
    if (rec === '') return;
    const [hash, parents, at, ct, author, subject] = rec.split('\x1f');
    if (!/^[0-9a-f]{40,64}$/.test(hash)) throw new Error(`unexpected git log output: ${rec.slice(0, 80)}`);
    onCommit({
      hash,
      parents: parents ? parents.split(' ') : [],
      authorTime: Number(at) * 1000,
      committerTime: Number(ct) * 1000,
      author: author ?? '',
      subject: subject ?? '',
    });
  }, signal);
}

/** The path `dst` had in `parent` when `child` renamed it (git's rename detection), if any. Paths are repo-top relative. */
export async function renameSource(root: string, parent: string, child: string, dst: string, signal?: AbortSignal): Promise<string | undefined> {
  const out = await git(root, signal).raw(['diff-tree', '-r', '-z', '-M', '--diff-filter=R', '--end-of-options', commitIdArg(parent), commitIdArg(child), '--', '*.yaml', '*.yml']);
  const parts = out.split('\0');
  for (let i = 0; i < parts.length; i++) {
    if (parts[i].startsWith(':') && /\sR\d*$/.test(parts[i])) {
      const src = parts[i + 1];
      const to = parts[i + 2];
      i += 2;
      if (to === dst && src) return src;
    }
  }
  return undefined;
}
