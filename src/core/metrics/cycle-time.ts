// Cycle-time distribution (spec metrics.md §4) over items finished in a window of days.

import { addDays } from '../time';
import { clean, type Ctx } from './context';
import type { ItemFacts } from './items';
import type { CycleTime } from './types';

/** Nearest rank: the value at rank ceil(p/100 × n) of the ascending values (1-based). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export function computeCycleTime(ctx: Ctx, items: readonly ItemFacts[], windowDays: number): CycleTime | null {
  const to = ctx.asOfDay;
  const from = addDays(to, -(windowDays - 1));
  if (!ctx.full) return null;
  const values = items
    .filter((i) => i.done && i.done.day >= from && i.done.day <= to && i.metrics.cycleTimeDays !== null)
    .map((i) => i.metrics.cycleTimeDays as number)
    .sort((a, b) => a - b);
  // The exact mean (no rounding: the spec rounds only cycleTimeHours).
  const mean = values.length > 0 ? clean(values.reduce((a, b) => a + b, 0)) / values.length : null;
  return {
    windowDays,
    from,
    to,
    count: values.length,
    mean,
    p50: percentile(values, 50),
    p70: percentile(values, 70),
    p85: percentile(values, 85),
    p95: percentile(values, 95),
  };
}
