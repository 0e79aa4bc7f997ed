// Flow over calendar days (spec metrics.md §4): throughput (items finished per day)
// and the cumulative flow diagram (existing items per state at end of each day).
// Both span from the first day of history to the as-of date.

import { workflowOrder } from '../model';
import { dayOf, dayRange } from '../time';
import { byString, dayEnd, type Ctx } from './context';
import type { ItemFacts } from './items';
import type { CfdDay, ThroughputDay } from './types';

/** First day of the flow charts: the day of the first event, or of an earlier `finished:` override. */
export function flowStart(ctx: Ctx, items: readonly ItemFacts[]): string | undefined {
  const first = ctx.timeline.firstTime;
  let day = first === undefined ? undefined : dayOf(first, ctx.tz);
  for (const i of items) if (i.done && (day === undefined || i.done.day < day)) day = i.done.day;
  return day !== undefined && day <= ctx.asOfDay ? day : undefined;
}

export function computeThroughput(ctx: Ctx, items: readonly ItemFacts[]): ThroughputDay[] | null {
  if (!ctx.full) return null;
  const start = flowStart(ctx, items);
  if (start === undefined) return [];
  const byDay = new Map<string, string[]>();
  for (const i of items) {
    if (!i.done) continue;
    const list = byDay.get(i.done.day);
    if (list) list.push(i.id);
    else byDay.set(i.done.day, [i.id]);
  }
  return dayRange(start, ctx.asOfDay).map((date) => {
    const ids = (byDay.get(date) ?? []).sort(byString);
    return { date, count: ids.length, ids };
  });
}

export function computeCfd(ctx: Ctx, items: readonly ItemFacts[]): CfdDay[] | null {
  if (!ctx.full) return null;
  const start = flowStart(ctx, items);
  if (start === undefined) return [];
  const days = dayRange(start, ctx.asOfDay);
  const counts: Map<string, number>[] = [];
  const seen = new Set<string>();
  for (const day of days) {
    const snap = ctx.snapshots.at(dayEnd(ctx, day));
    const c = new Map<string, number>();
    for (const s of snap?.values() ?? []) {
      if (!s.exists) continue;
      const state = s.state ?? ctx.defaultState;
      seen.add(state);
      c.set(state, (c.get(state) ?? 0) + 1);
    }
    counts.push(c);
  }
  // Same keys on every day: declared states in workflow order, then undeclared ones by name.
  const declared = workflowOrder(ctx.states);
  const keys = [...declared, ...[...seen].filter((s) => !declared.includes(s)).sort(byString)];
  return days.map((date, i) => ({ date, states: Object.fromEntries(keys.map((k) => [k, counts[i].get(k) ?? 0])) }));
}
