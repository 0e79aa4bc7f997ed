// Listing commits (`git log -z`, streamed) and git's rename detection between
// two commits, through the runner (core/git-run.ts).

import { gitOutput } from '../../git-run';
import { commitIdArg } from '../../git-args';
import { abortError, streamRecords } from './stream';
import type { CommitInfo } from '../types';

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
  let out: string;
  try {
    out = await gitOutput(root, ['diff-tree', '-r', '-z', '-M', '--diff-filter=R', '--end-of-options', commitIdArg(parent), commitIdArg(child), '--', '*.yaml', '*.yml'], { signal });
  } catch (e) {
    if (signal?.aborted) throw abortError();
    throw e;
  }
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
