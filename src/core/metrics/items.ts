// Per-item figures (spec metrics.md §2): start, finish, cycle/lead time, age,
// reopen count, blocked days — from state transitions replayed from history,
// with the `started:` / `finished:` / `created:` fields overriding.

import { type StateCategory } from '../model';
import { daysBetween, dayOf, formatInstant, isBefore, parseDateValue, type DateValue } from '../time';
import { categoryOf, round, type Ctx } from './context';
import { EXISTS } from '../history/types';
import { asText, Cursor, type Change } from './timeline';
import type { ItemMetrics } from './types';

/** What history says about one item (all instants in ms). */
interface ItemHistory {
  firstEvent: number;
  /** First event that put the state in a doing or done category. */
  started?: number;
  /** Latest event that took the state from non-done (or no value) into done. */
  done?: number;
  reopened: number;
  blockedDays: number;
  /** Start of the current blocked stretch, when blocked now. */
  blockedSince?: number;
}

/** Internal facts kept for later aggregates (cycle time window, throughput, warnings). */
export interface ItemFacts {
  id: string;
  category: StateCategory | undefined;
  started?: DateValue;
  done?: DateValue;
  /** Consecutive days blocked up to the as-of date (blocked now), null when unknown or not blocked. */
  blockedStreak: number | null;
  /** Durations left out because they would be negative (`finished` before `started`, `created` after the finish). */
  impossible?: ('cycle' | 'lead')[];
  metrics: ItemMetrics;
}

/** Spec §2: state transitions in commit order ("from" = the previous state event in commit order), each at its commit's time. */
function transitions(ctx: Ctx, out: Map<string, ItemHistory>): void {
  const byItem = new Map<string, Change[]>();
  for (const c of ctx.timeline.changes) {
    let list = byItem.get(c.id);
    if (!list) byItem.set(c.id, (list = []));
    list.push(c);
  }
  for (const [id, list] of byItem) {
    list.sort((a, b) => a.order - b.order);
    const h = out.get(id)!;
    // Last effective state while the item existed: a delete + re-add (e.g. a move to
    // an archive file done in two commits) is not a transition unless the state differs.
    let exists = false;
    let explicit = false;
    let raw: string | undefined;
    let last: string | undefined;
    let had = false;
    for (const c of list) {
      for (const [field, value] of c.values) {
        if (field === EXISTS) {
          exists = value === true;
          explicit = true;
        } else if (field === 'state') raw = asText(value);
      }
      if (!explicit) exists = true;
      if (!exists) continue;
      const state = raw ?? ctx.defaultState;
      if (had && last === state) continue;
      const from = had ? categoryOf(ctx, last) : undefined;
      const to = categoryOf(ctx, state);
      had = true;
      last = state;
      if ((to === 'doing' || to === 'done') && (h.started === undefined || c.time < h.started)) h.started = c.time;
      if (to === 'done' && from !== 'done') h.done = c.time;
      if (from === 'done' && to !== 'done') h.reopened++;
    }
  }
}

function replay(ctx: Ctx): Map<string, ItemHistory> {
  const out = new Map<string, ItemHistory>();
  const blockedDays = (from: number, to: number): number => daysBetween(dayOf(from, ctx.tz), dayOf(to, ctx.tz));
  // Blocked days follow the value at each instant (a time sweep); transitions follow commit order.
  const cursor = new Cursor(ctx.timeline);
  cursor.advance(ctx.asOf, (c, before, after) => {
    let h = out.get(c.id);
    if (!h) out.set(c.id, (h = { firstEvent: c.time, reopened: 0, blockedDays: 0 }));
    const wasBlocked = before.exists && before.blocked;
    const isBlocked = after.exists && after.blocked;
    if (!wasBlocked && isBlocked) h.blockedSince = c.time;
    if (wasBlocked && !isBlocked && h.blockedSince !== undefined) {
      // Blocked at the end of every day from the day it was blocked to the day before it was unblocked.
      h.blockedDays += blockedDays(h.blockedSince, c.time);
      h.blockedSince = undefined;
    }
  });
  transitions(ctx, out);
  for (const h of out.values()) {
    // Still blocked: every day from then to the as-of date counts (as-of stands for today's end).
    if (h.blockedSince !== undefined) h.blockedDays += daysBetween(dayOf(h.blockedSince, ctx.tz), ctx.asOfDay) + 1;
  }
  return out;
}

function instant(ctx: Ctx, ms: number): DateValue {
  return { ms, day: dayOf(ms, ctx.tz), dateOnly: false };
}

export function computeItems(ctx: Ctx): ItemFacts[] {
  const histories = ctx.full ? replay(ctx) : new Map<string, ItemHistory>();
  return ctx.items.map((item) => {
    const h = histories.get(item.id);
    const state = item.state ?? ctx.defaultState;
    const category = categoryOf(ctx, state);
    const started = parseDateValue(item.started, ctx.tz) ?? (h?.started !== undefined ? instant(ctx, h.started) : undefined);
    const done =
      category === 'done' ? (parseDateValue(item.finished, ctx.tz) ?? (h?.done !== undefined ? instant(ctx, h.done) : undefined)) : undefined;
    const created = parseDateValue(item.created, ctx.tz) ?? (h ? instant(ctx, h.firstEvent) : undefined);
    // A finish before the start (or before `created`) gives no duration, never a negative one (reported as impossible-dates).
    const impossible: ('cycle' | 'lead')[] = [];
    if (started && done && isBefore(done, started)) impossible.push('cycle');
    if (created && done && isBefore(done, created)) impossible.push('lead');
    const span = (a: DateValue | undefined, b: DateValue | undefined): number | null => (a && b && !isBefore(b, a) ? daysBetween(a.day, b.day) + 1 : null);
    const hours =
      started && done && !started.dateOnly && !done.dateOnly && done.ms >= started.ms ? round((done.ms - started.ms) / 3600000, 1) : null;
    const streak =
      h?.blockedSince !== undefined && item.blocked !== undefined ? daysBetween(dayOf(h.blockedSince, ctx.tz), ctx.asOfDay) + 1 : null;
    const metrics: ItemMetrics = {
      id: item.id,
      state,
      sprint: item.sprint ?? null,
      points: item.points ?? null,
      startedAt: started ? formatInstant(started.ms, ctx.tz) : null,
      doneAt: done ? formatInstant(done.ms, ctx.tz) : null,
      cycleTimeDays: span(started, done),
      cycleTimeHours: hours,
      leadTimeDays: span(created, done),
      ageDays: category === 'doing' && started ? daysBetween(started.day, ctx.asOfDay) + 1 : null,
      // No history for the item (never committed): unknown, not 0.
      reopened: h ? h.reopened : null,
      blockedDays: h ? h.blockedDays : null,
    };
    return { id: item.id, category, started, done, blockedStreak: streak, ...(impossible.length > 0 ? { impossible } : {}), metrics };
  });
}
