// New commits on top of known ones, read as commit objects through the
// cat-file process that is running anyway: a new commit then costs no extra
// git process. Anything unusual (many commits, a non-UTF-8 encoding, a missing
// object) answers false and the caller lists commits with `git log` instead.

import type { RawCommit } from './log';
import type { RunCtx } from '../engine/run-ctx';

const MAX_WALK = 64;

/** A commit object's header and subject, the way `git log --format=%P %at %ct %an %s` shows them. */
export function parseCommit(hash: string, data: Buffer): RawCommit | undefined {
  const text = data.toString('utf8');
  const split = text.indexOf('\n\n');
  const header = split < 0 ? text : text.slice(0, split);
  const message = split < 0 ? '' : text.slice(split + 2);
  const parents: string[] = [];
  let author: RegExpExecArray | null = null;
  let committer: RegExpExecArray | null = null;
  for (const line of header.split('\n')) {
    if (line.startsWith('parent ')) parents.push(line.slice(7));
    else if (line.startsWith('author ')) author = /^author (.*?) <[^>]*> (\d+) [+-]\d{4}$/.exec(line);
    else if (line.startsWith('committer ')) committer = /^committer (.*?) <[^>]*> (\d+) [+-]\d{4}$/.exec(line);
    else if (line.startsWith('encoding ') && !/^encoding utf-?8$/i.test(line)) return undefined;
  }
  if (!author || !committer || !parents.every((p) => /^[0-9a-f]{40,64}$/.test(p))) return undefined;
  // %s: the first paragraph of the message, its lines joined by spaces.
  const para: string[] = [];
  for (const line of message.split('\n')) {
    const l = line.trimEnd();
    if (l === '') {
      if (para.length > 0) break;
      continue;
    }
    para.push(l);
  }
  return { hash, parents, authorTime: Number(author[2]) * 1000, committerTime: Number(committer[2]) * 1000, author: author[1], subject: para.join(' ') };
}

/** The commits reachable from `head` that the state does not know yet, if there are few. Undefined: use git log. */
export async function walkNew(ctx: RunCtx, head: string): Promise<RawCommit[] | undefined> {
  const { state } = ctx;
  if (state.commits.size === 0) return undefined;
  const found: RawCommit[] = [];
  const seen = new Set([head]);
  const queue = [head];
  while (queue.length > 0) {
    if (found.length >= MAX_WALK) return undefined;
    const h = queue.shift()!;
    const o = await ctx.object(h);
    if (o?.type !== 'commit' || !o.data) return undefined;
    const c = parseCommit(h, o.data);
    if (!c) return undefined;
    found.push(c);
    for (const p of c.parents) {
      if (state.commits.has(p) || seen.has(p)) continue;
      seen.add(p);
      queue.push(p);
    }
  }
  return found;
}
