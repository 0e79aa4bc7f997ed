// A call's History from the analysed commits. The committed part: the kept
// commits (touching a backlog file, authored at or before asOf) in topological
// order and their events sorted by time, ties by order; kept in the state while
// every commit is kept, and extended (not rebuilt) when new commits arrive on top
// of the last head. Then the working tree's pending change, when asked for.

import { loadSnapshot } from './replay';
import type { RunCtx } from './run-ctx';
import type { Assembled, CommitRec, EngineState } from './state';
import { readDiskFiles, worktreeChange } from '../scan/worktree';
import { WORKTREE, type CommitInfo, type History, type HistoryEvent } from '../types';

/** Freeze a value and everything in it (commits, events and values are shared by every result of an engine). */
export function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

const SHALLOW = 'This is a shallow clone: commits before its boundary are missing, so the history is partial and the first available commit ' +
  'appears to introduce everything it holds. Run `git fetch --unshallow` for full history.';

function info(r: CommitRec, order: number): CommitInfo {
  // Plain fields only (strings, numbers, a list of strings): two freezes instead of a generic deep walk.
  // The engine never changes a parents list in place (it may replace one), so the record's own list is shared.
  const parents = Object.freeze(r.parents) as string[];
  return Object.freeze({ hash: r.hash, parents, authorTime: r.authorTime, committerTime: r.committerTime, author: r.author, subject: r.subject, order });
}

/**
 * Events of commits `kept` (numbered from `first`), sorted by time then order.
 * A commit's events share its time and order, so sorting the commits (stable,
 * by author time; ties keep the topological order) sorts the events: a few
 * thousand commits are sorted instead of tens of thousands of events.
 */
function eventsOf(kept: CommitRec[], first: number): HistoryEvent[] {
  const idx: number[] = [];
  for (let i = 0; i < kept.length; i++) idx.push(i);
  idx.sort((a, b) => kept[a].authorTime - kept[b].authorTime || a - b);
  const events: HistoryEvent[] = [];
  for (const i of idx) {
    const r = kept[i];
    const list = r.events;
    if (!list) continue;
    for (let j = 0; j < list.length; j += 3) {
      const value = list[j + 2];
      if (typeof value === 'object' && value !== null) deepFreeze(value);
      events.push(Object.freeze({ id: list[j] as string, field: list[j + 1] as string, value, commit: r.hash, time: r.authorTime, order: first + i }));
    }
  }
  return events;
}

/** Merge two sorted event lists; on equal times `a` first (its orders are all lower). */
function merge(a: HistoryEvent[], b: HistoryEvent[]): HistoryEvent[] {
  const out: HistoryEvent[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = b[j].time < a[i].time ? b[j++] : a[i++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

const maxTime = (recs: CommitRec[], from: number): number => recs.reduce((m, r) => (r.touches && r.authorTime > m ? r.authorTime : m), from);

/** The committed part of the history of `ordered` as of `asOf` (shared frozen objects; callers copy the arrays). */
export function committed(state: EngineState, ordered: CommitRec[], asOf: number, shallow: boolean): Assembled {
  const memo = state.assembled;
  const epoch = state.order?.epoch ?? {};
  if (memo && memo.epoch === epoch && memo.resets === state.resets && memo.count <= ordered.length && asOf >= memo.maxTime) {
    const added = ordered.slice(memo.count);
    const top = maxTime(added, memo.maxTime);
    if (asOf >= top) {
      if (added.length === 0) return memo;
      const kept = added.filter((r) => r.touches);
      const warnings = new Set(memo.warnings);
      for (const r of kept) for (const w of r.warnings ?? []) warnings.add(w);
      const next: Assembled = {
        epoch, count: ordered.length, resets: state.resets, maxTime: top,
        commits: memo.commits.concat(kept.map((r, i) => info(r, memo.commits.length + i))),
        events: merge(memo.events, eventsOf(kept, memo.commits.length)), warnings: [...warnings],
      };
      state.assembled = next;
      return next;
    }
  }
  // One plain loop: on a fresh process's first call this runs over every commit before the JIT has warmed up.
  const kept: CommitRec[] = [];
  const commits: CommitInfo[] = [];
  const warnings = new Set<string>(shallow ? [SHALLOW] : []);
  let top = -Infinity;
  for (let i = 0; i < ordered.length; i++) {
    const r = ordered[i];
    if (!r.touches) continue;
    if (r.authorTime > top) top = r.authorTime;
    if (r.authorTime > asOf) continue;
    commits.push(info(r, kept.length));
    kept.push(r);
    if (r.warnings) for (const w of r.warnings) warnings.add(w);
  }
  const result: Assembled = { epoch, count: ordered.length, resets: state.resets, maxTime: top, commits, events: eventsOf(kept, 0), warnings: [...warnings] };
  if (asOf >= result.maxTime) state.assembled = result;
  return result;
}

/** A History with no commits and no events (no repository, no commit, backlog never committed), with the reason. */
export function noHistory(ref: string, warning: string, uncommitted: boolean, head?: string): History {
  return { status: 'none', warnings: [warning], ref, head, commits: [], events: [], uncommitted };
}

export interface AssembleOpts {
  ref: string;
  head: string;
  asOf: number;
  includeWorkingTree: boolean;
  shallow: boolean;
}

/** The History of `ordered` (every commit reachable from the head, in commit order) as of `o.asOf`. */
export async function assemble(ctx: RunCtx, ordered: CommitRec[], o: AssembleOpts): Promise<History> {
  const { state } = ctx;
  if (!ordered.some((r) => (r.files?.length ?? 0) > 0)) {
    const onDisk = o.includeWorkingTree && readDiskFiles(ctx.root, state.backlogPath).length > 0;
    return { ...noHistory(o.ref, `${state.backlogPath} has never been committed: history-based figures are unavailable until it is.`, onDisk, o.head), headTime: state.commits.get(o.head)?.authorTime };
  }
  const base = committed(state, ordered, o.asOf, o.shallow);
  // New arrays of frozen, shared objects: callers may sort or filter, never change the engine's values.
  const commits = base.commits.slice();
  const events = base.events.slice();
  const warnings = [...base.warnings];
  let uncommitted = false;
  if (o.includeWorkingTree) {
    const headFiles = state.commits.get(o.head)?.files ?? [];
    const wt = await worktreeChange(ctx, headFiles, () => loadSnapshot(ctx, o.head), o.head.length);
    uncommitted = wt.uncommitted;
    // Every kept commit is authored at or before asOf: the pending change (at asOf, last in order) sorts last.
    const ev = wt.events;
    for (let j = 0; j < ev.length; j += 3) {
      events.push(deepFreeze<HistoryEvent>({ id: ev[j] as string, field: ev[j + 1] as string, value: ev[j + 2], commit: WORKTREE, time: o.asOf, order: commits.length }));
    }
    for (const w of ctx.warnings) if (!warnings.includes(w)) warnings.push(w);
  }
  return { status: o.shallow ? 'shallow' : 'full', warnings, ref: o.ref, head: o.head, headTime: state.commits.get(o.head)?.authorTime, lastTime: Number.isFinite(base.maxTime) ? base.maxTime : undefined, commits, events, uncommitted };
}
