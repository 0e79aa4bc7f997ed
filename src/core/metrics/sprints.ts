// Per-sprint figures (spec metrics.md §3): committed at end of the start day,
// completed at end of the last day (or as of now), scope changes in between,
// burndown with the ideal line over working days, burnup.

import type { Sprint } from '../model';
import { dayRange, formatInstant, isDay, isWorkingDay } from '../time';
import { byString, categoryOf, clean, dayEnd, round, type Ctx } from './context';
import { Cursor, type ItemState } from './timeline';
import type { BurndownDay, BurnupDay, ScopeChange, SprintMetrics, SprintStatus } from './types';

export function sprintOrder(a: Sprint, b: Sprint): number {
  return byString(a.start, b.start) || byString(a.end, b.end) || byString(a.id, b.id);
}

export function sprintStatus(s: Sprint, asOfDay: string): SprintStatus | null {
  if (!isDay(s.start) || !isDay(s.end) || s.end < s.start) return null;
  return asOfDay < s.start ? 'planned' : asOfDay > s.end ? 'closed' : 'active';
}

interface Totals {
  count: number;
  points: number;
  done: number;
  notDone: number;
  unestimated: string[];
}

/** Items with `sprint == id` in a snapshot, and their points (unestimated count 0). */
function totals(ctx: Ctx, snap: ReadonlyMap<string, ItemState>, id: string): Totals {
  const t: Totals = { count: 0, points: 0, done: 0, notDone: 0, unestimated: [] };
  const ids = [...snap.keys()].filter((k) => {
    const s = snap.get(k)!;
    return s.exists && s.sprint === id;
  });
  // Sum in id order so the same set of items always gives the same float.
  for (const k of ids.sort(byString)) {
    const s = snap.get(k)!;
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

/** Membership and estimate changes after `from` up to `to` (both instants), from history. */
function scopeChanges(ctx: Ctx, id: string, from: number, to: number): Scope {
  const scope: Scope = { added: 0, removed: 0, changes: [] };
  if (to <= from) return scope;
  const cursor = new Cursor(ctx.timeline);
  cursor.advance(from);
  cursor.advance(to, (c, before, after) => {
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
  });
  scope.added = clean(scope.added);
  scope.removed = clean(scope.removed);
  return scope;
}

export function computeSprint(ctx: Ctx, s: Sprint): SprintMetrics {
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
    const c = totals(ctx, snap0, s.id);
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
    const t = snap && totals(ctx, snap, s.id);
    const after = working.filter((d) => d > day).length;
    const ideal = m.committed !== null && working.length > 0 ? round((m.committed * after) / working.length, 2) : null;
    const bd: BurndownDay = { date: day, remaining: t ? t.notDone : null, ideal, working: isWorkingDay(day, ctx.cal) };
    const bu: BurnupDay = { date: day, scope: t ? t.points : null, done: t ? t.done : null };
    m.burndown.push(bd);
    m.burnup.push(bu);
  }
  const snap1 = ctx.snapshots.at(t1);
  if (snap1) m.completed = totals(ctx, snap1, s.id).done;
  if (t1 <= t0 || ctx.full) {
    const sc = scopeChanges(ctx, s.id, t0, t1);
    m.scopeAdded = sc.added;
    m.scopeRemoved = sc.removed;
    m.scopeChanges = sc.changes;
  }
  return m;
}

export function computeSprints(ctx: Ctx): SprintMetrics[] {
  const seen = new Set<string>();
  // A duplicate id is a validation error; the first one counts here.
  const sprints = (ctx.ws.sprintLog?.sprints ?? []).filter((s) => s.id !== '' && !seen.has(s.id) && seen.add(s.id)).sort(sprintOrder);
  return sprints.map((s) => computeSprint(ctx, s));
}
