// Where the repository is and what a ref resolves to: one `git rev-parse`
// through the runner (core/git-run.ts), or for HEAD in the common case no git
// process at all (quickProbe reads the repository's files).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { gitOutput, GitNotFoundError } from '../../git-run';
import { gitNameArg } from '../../git-args';
import { abortError } from './stream';

export type Probe =
  | { kind: 'repo'; gitDir: string; prefix: string; shallow: boolean; head?: string }
  | { kind: 'none'; warning: string };

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
    // Spawned at once: the probe runs first in every call, and the caller reads the disk cache while git answers.
    out = await gitOutput(root, ['rev-parse', '--absolute-git-dir', '--is-shallow-repository', '--show-prefix', '--verify', '-q', '--end-of-options', `${ref}^{commit}`], { signal, maxBuffer: 1 << 20 });
  } catch (e) {
    if (signal?.aborted) throw abortError();
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
 * ref). Every HistoryEngine.read starts with the probe, and git's start-up is most of
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
