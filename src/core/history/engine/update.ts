// Bringing an EngineState up to date with a head commit: list the commits git
// has that the state does not, find their backlog files (and renames of the
// main file), then compute the events of every commit not analysed yet, in
// topological order. Already analysed commits cost nothing.

import { computeFiles, discoverRenames } from '../scan/files';
import { listCommits, type RawCommit } from '../git/log';
import { walkNew } from '../git/commits';
import { throwIfAborted } from '../git/stream';
import { topoOrder } from './order';
import { replay } from './replay';
import { sameFiles } from '../scan/snapshot';
import type { RunCtx } from './run-ctx';
import { resetAnalysis, type CommitRec, type EngineState } from './state';

const MAX_TIPS = 4;

/** Commits reachable from `head` in the state; `missing` gets parents the state does not have. */
function reachable(state: EngineState, head: string, missing: Set<string>): CommitRec[] {
  const out: CommitRec[] = [];
  const seen = new Set<string>([head]);
  const stack = [head];
  while (stack.length > 0) {
    const h = stack.pop()!;
    const rec = state.commits.get(h);
    if (!rec) {
      missing.add(h);
      continue;
    }
    out.push(rec);
    for (const p of rec.parents) {
      if (!seen.has(p)) {
        seen.add(p);
        stack.push(p);
      }
    }
  }
  return out;
}

/** Add commits the state does not know yet. */
function add(ctx: RunCtx, c: RawCommit): void {
  if (ctx.state.commits.has(c.hash)) return;
  ctx.state.commits.set(c.hash, c);
  ctx.stats.commitsListed++;
}

async function list(ctx: RunCtx, head: string, exclude: string[]): Promise<void> {
  await listCommits(ctx.root, head, exclude, (c) => add(ctx, c), ctx.signal);
}

/** The commits new since the state's tips: read as commit objects when they are few, else listed by git log. */
async function listNew(ctx: RunCtx, head: string, shallow: boolean): Promise<void> {
  const { state } = ctx;
  const walked = shallow ? undefined : await walkNew(ctx, head);
  if (walked) for (const c of walked) add(ctx, c);
  else await list(ctx, head, state.tips.filter((t) => state.commits.has(t)));
}

/**
 * The commits new since the ordered list of `memo.head` when they all descend
 * from it alone (every parent new or memo.head itself): then the new order is
 * the old one followed by theirs (order.ts). Undefined otherwise.
 */
function newOnTop(state: EngineState, head: string): CommitRec[] | undefined {
  const memo = state.order;
  if (!memo) return undefined;
  if (head === memo.head) return [];
  const fresh: CommitRec[] = [];
  const seen = new Set<string>([head]);
  const stack = [head];
  while (stack.length > 0) {
    const h = stack.pop()!;
    const rec = state.commits.get(h);
    if (!rec || memo.set.has(h) || rec.parents.length === 0) return undefined;
    fresh.push(rec);
    for (const p of rec.parents) {
      if (p === memo.head || seen.has(p)) continue;
      seen.add(p);
      stack.push(p);
    }
  }
  return fresh.some((r) => r.parents.includes(memo.head)) ? fresh : undefined;
}

/** Commits reachable from `head` in topological order (oldest first), from the memo when possible. */
async function ordered(ctx: RunCtx, head: string, shallow: boolean): Promise<CommitRec[]> {
  const { state } = ctx;
  const fresh = newOnTop(state, head);
  if (fresh && state.order) {
    const memo = state.order;
    if (fresh.length === 0) return memo.list;
    const extended = memo.list.concat(topoOrder(fresh) as CommitRec[]);
    for (const r of fresh) memo.set.add(r.hash);
    state.order = { head, list: extended, set: memo.set, epoch: memo.epoch };
    return extended;
  }
  const missing = new Set<string>();
  let reach = reachable(state, head, missing);
  if (missing.size > 0 && !shallow) {
    // The state's tips did not cover everything they should have: list the whole history.
    await list(ctx, head, []);
    missing.clear();
    reach = reachable(state, head, missing);
  }
  // In a shallow clone git lists boundary commits without parents; anything else missing is dropped from parent lists.
  if (missing.size > 0) for (const rec of reach) rec.parents = rec.parents.filter((p) => !missing.has(p));
  const sorted = topoOrder(reach) as CommitRec[];
  state.order = { head, list: sorted, set: new Set(sorted.map((r) => r.hash)), epoch: {} };
  return sorted;
}

/** Bring the state up to date with `head`; returns its reachable commits in topological order, oldest first. */
export async function update(ctx: RunCtx, head: string, shallow: boolean, onProgress?: (done: number, total: number) => void): Promise<CommitRec[]> {
  const { state } = ctx;
  if (!state.commits.has(head)) await listNew(ctx, head, shallow);
  const reach = await ordered(ctx, head, shallow);
  throwIfAborted(ctx.signal);

  let todo = reach.filter((r) => !r.files);
  await computeFiles(ctx, todo);
  for (let rounds = 0; rounds < 20; rounds++) {
    const names = await discoverRenames(ctx, todo);
    if (names.length === 0) break;
    resetAnalysis(state);
    todo = reach;
    await computeFiles(ctx, todo);
  }
  for (const rec of reach) {
    if (rec.touches !== undefined) continue; // (also commits whose files were found by a call that was then cancelled)
    const parents = rec.parents.map((p) => state.commits.get(p)).filter((p): p is CommitRec => !!p?.files);
    const files = rec.files ?? [];
    rec.touches = parents.length === 0 ? files.length > 0 : parents.every((p) => !sameFiles(files, p.files!));
  }

  const pending = reach.filter((r) => r.events === undefined);
  if (pending.length > 0) await replay(ctx, pending, reach, head, onProgress);
  else if (state.tip?.hash !== head) state.tip = undefined;
  if (state.tips[0] !== head) {
    state.tips = [head, ...state.tips.filter((t) => t !== head)].slice(0, MAX_TIPS);
    state.changes++;
  }
  return reach;
}
