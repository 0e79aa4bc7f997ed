// Per-sprint figures (spec metrics.md §3): committed at end of the start day,
// completed at end of the last day (or as of now), scope changes in between,
// burndown with the ideal line over working days, burnup.

import type { Sprint } from '../model';
import { dayRange, formatInstant, isWorkingDay } from '../time';
import { byString, categoryOf, clean, dayEnd, type Ctx } from './context';
import { Cursor, type ItemState } from './timeline';
import { sprintStatus } from '../sprint';
import type { BurndownDay, BurnupDay, ScopeChange, SprintMetrics } from './types';

export function sprintOrder(a: Sprint, b: Sprint): number {
  return byString(a.start, b.start) || byString(a.end, b.end) || byString(a.id, b.id);
}

interface Totals {
  count: number;
  points: number;
  done: number;
  notDone: number;
  unestimated: string[];
}

/** Per sprint id, the items that are or ever were in it (sorted): the only ones a snapshot needs to look at. */
function sprintCandidates(ctx: Ctx): Map<string, string[]> {
  const sets = new Map<string, Set<string>>();
  const add = (sprint: unknown, id: string): void => {
    const key = typeof sprint === 'number' || typeof sprint === 'boolean' ? String(sprint) : sprint;
    if (typeof key !== 'string') return;
    let set = sets.get(key);
    if (!set) sets.set(key, (set = new Set()));
    set.add(id);
  };
  for (const c of ctx.timeline.changes) for (const [field, value] of c.values) if (field === 'sprint') add(value, c.id);
  for (const i of ctx.items) add(i.sprint, i.id);
  // Sorted so sums always add the same floats in the same order.
  return new Map([...sets].map(([k, v]) => [k, [...v].sort(byString)]));
}

/** Items with `sprint == id` in a snapshot, and their points (unestimated count 0). */
function totals(ctx: Ctx, snap: ReadonlyMap<string, ItemState>, id: string, candidates: readonly string[]): Totals {
  const t: Totals = { count: 0, points: 0, done: 0, notDone: 0, unestimated: [] };
  for (const k of candidates) {
    const s = snap.get(k);
    if (!s || !s.exists || s.sprint !== id) continue;
    const p = s.points ?? 0;
    t.count++;
    t.points += p;
    if (categoryOf(ctx, s.state) === 'done') t.done += p;
    else t.notDone += p;
    if (s.points === undefined) t.unestimated.push(k);
  }
  t.points = clean(t.points);
  t.done = clean(t.done);
  t.notDone = clean(t.notDone);
  return t;
}

const isMember = (s: ItemState, id: string): boolean => s.exists && s.sprint === id;

interface Scope {
  added: number;
  removed: number;
  changes: ScopeChange[];
}

interface Window {
  from: number;
  to: number;
  scope: Scope;
}

/**
 * Membership and estimate changes of every sprint after `from` up to `to` (end of
 * its start and last day), from history, in one replay: a change can only affect
 * the sprint the item was in before it or is in after it.
 */
function scopeChanges(ctx: Ctx, windows: ReadonlyMap<string, Window>): void {
  if (windows.size === 0) return;
  const cursor = new Cursor(ctx.timeline);
  cursor.advance(ctx.asOf, (c, before, after) => {
    for (const id of new Set([before.sprint, after.sprint])) {
      const w = id === undefined ? undefined : windows.get(id);
      if (!w || id === undefined || c.time <= w.from || c.time > w.to) continue;
      const scope = w.scope;
      const was = isMember(before, id);
      const is = isMember(after, id);
      const push = (kind: ScopeChange['kind'], points: number | null): void => {
        scope.changes.push({ time: formatInstant(c.time, ctx.tz), id: c.id, kind, points, commit: c.commit });
      };
      if (!was && is) {
        scope.added += after.points ?? 0;
        push('added', after.points ?? null);
      } else if (was && !is) {
        scope.removed += before.points ?? 0;
        push('removed', before.points ?? null);
      } else if (was && is && (before.points ?? 0) !== (after.points ?? 0)) {
        const diff = clean((after.points ?? 0) - (before.points ?? 0));
        if (diff > 0) scope.added += diff;
        else scope.removed -= diff;
        push('estimate', diff);
      }
    }
  });
  for (const w of windows.values()) {
    w.scope.added = clean(w.scope.added);
    w.scope.removed = clean(w.scope.removed);
  }
}

/** The scope-change window of a sprint, when it can be known (empty windows need no history). */
function scopeWindow(ctx: Ctx, s: Sprint): Window | undefined {
  if (sprintStatus(s, ctx.asOfDay) === null) return undefined;
  const from = dayEnd(ctx, s.start);
  const to = dayEnd(ctx, s.end);
  return to <= from || ctx.full ? { from, to, scope: { added: 0, removed: 0, changes: [] } } : undefined;
}

function computeSprint(ctx: Ctx, s: Sprint, window: Window | undefined, candidates: readonly string[]): SprintMetrics {
  const status = sprintStatus(s, ctx.asOfDay);
  const m: SprintMetrics = {
    id: s.id,
    status,
    start: s.start,
    end: s.end,
    capacity: s.capacity ?? null,
    committed: null,
    committedItems: null,
    unestimated: null,
    completed: null,
    scopeAdded: null,
    scopeRemoved: null,
    scopeChanges: null,
    burndown: [],
    burnup: [],
    satisfaction: s.review?.satisfaction ?? null,
  };
  if (status === null) return m;
  const t0 = dayEnd(ctx, s.start);
  const t1 = dayEnd(ctx, s.end);
  const snap0 = ctx.snapshots.at(t0);
  if (snap0) {
    const c = totals(ctx, snap0, s.id, candidates);
    m.committed = c.points;
    m.committedItems = c.count;
    m.unestimated = c.unestimated;
  }
  // Burndown and burnup stop at the as-of date for an active sprint; none yet for a planned one.
  const lastDay = s.end < ctx.asOfDay ? s.end : ctx.asOfDay;
  const sprintDays = dayRange(s.start, s.end);
  const working = sprintDays.filter((d) => isWorkingDay(d, ctx.cal));
  for (const day of dayRange(s.start, lastDay)) {
    const snap = ctx.snapshots.at(dayEnd(ctx, day));
    const t = snap && totals(ctx, snap, s.id, candidates);
    const after = working.filter((d) => d > day).length;
    // Exact, as defined (the spec rounds only cycleTimeHours): 10 × 6 / 7 stays 8.571428571428571.
    const ideal = m.committed !== null && working.length > 0 ? (m.committed * after) / working.length : null;
    const bd: BurndownDay = { date: day, remaining: t ? t.notDone : null, ideal, working: isWorkingDay(day, ctx.cal) };
    const bu: BurnupDay = { date: day, scope: t ? t.points : null, done: t ? t.done : null };
    m.burndown.push(bd);
    m.burnup.push(bu);
  }
  const snap1 = ctx.snapshots.at(t1);
  if (snap1) m.completed = totals(ctx, snap1, s.id, candidates).done;
  if (window) {
    m.scopeAdded = window.scope.added;
    m.scopeRemoved = window.scope.removed;
    m.scopeChanges = window.scope.changes;
  }
  return m;
}

export function computeSprints(ctx: Ctx): SprintMetrics[] {
  const seen = new Set<string>();
  // A duplicate id is a validation error; the first one counts here.
  const sprints = (ctx.ws.sprintLog?.sprints ?? []).filter((s) => s.id !== '' && !seen.has(s.id) && seen.add(s.id)).sort(sprintOrder);
  const windows = new Map<string, Window>();
  for (const s of sprints) {
    const w = scopeWindow(ctx, s);
    if (w) windows.set(s.id, w);
  }
  scopeChanges(ctx, windows);
  const candidates = sprintCandidates(ctx);
  return sprints.map((s) => computeSprint(ctx, s, windows.get(s.id), candidates.get(s.id) ?? []));
}
