// Monte Carlo forecast (spec metrics.md §4): resample the daily throughput of the
// last 30 working days, 10,000 trials, with a seeded PRNG so the output is
// reproducible. "When": dates by which N items are done; "how many": items done by a date.

import { addDays, isDay, isWorkingDay, type WorkCalendar } from '../time';
import type { Ctx } from './context';
import { flowStart } from './flow';
import type { ItemFacts } from './items';
import { type ForecastDistributions, howManyTrials, keepDistributions, mulberry32, runsWhen, TRIALS, whenTrials, workingDaysUntil } from './monte-carlo';
import { percentile } from './cycle-time';
import type { Forecast, ForecastHowMany, ForecastWhen, SprintMetrics, ThroughputDay } from './types';

export const SAMPLE_DAYS = 30;
export const DEFAULT_SEED = 1;

/** Offsets (in days after `from`, the as-of date) of the working days to come, extended on demand. */
export class WorkingDays {
  private readonly offsets: number[] = [];
  private scanned = 0;
  constructor(private readonly from: string, private readonly cal: WorkCalendar) {}
  /** Offset of the n-th (1-based) working day after the as-of date. */
  nth(n: number): number {
    while (this.offsets.length < n) {
      this.scanned++;
      if (isWorkingDay(addDays(this.from, this.scanned), this.cal)) this.offsets.push(this.scanned);
    }
    return this.offsets[n - 1];
  }
  /** The day of the n-th working day after the as-of date. */
  day(n: number): string {
    return addDays(this.from, this.nth(n));
  }
}

/**
 * Sample days: the last 30 working days before the as-of date (today is not over,
 * so its count would bias low), none before the first day of history.
 */
function sampleDays(ctx: Ctx, start: string | undefined): string[] {
  const days: string[] = [];
  if (start === undefined || ctx.cal.workingDays.length === 0) return days;
  for (let d = addDays(ctx.asOfDay, -1); d >= start && days.length < SAMPLE_DAYS; d = addDays(d, -1)) {
    if (isWorkingDay(d, ctx.cal)) days.push(d);
  }
  return days.reverse();
}

function when(ctx: Ctx, rand: () => number, samples: number[], items: number, cal: WorkingDays, trials: ForecastDistributions): ForecastWhen {
  if (items <= 0) return { items, p50: ctx.asOfDay, p85: ctx.asOfDay, p95: ctx.asOfDay };
  if (!runsWhen(samples, items)) return { items, p50: null, p85: null, p95: null };
  trials.when = whenTrials(rand, samples, items);
  const needed = [...trials.when].sort((a, b) => a - b);
  const date = (p: number): string | null => {
    const n = percentile(needed, p);
    return n === null || n === Infinity ? null : cal.day(n);
  };
  return { items, p50: date(50), p85: date(85), p95: date(95) };
}

/** "N items with 85 % confidence" = at least N in 85 % of the trials: nearest rank from the top. */
export function atLeast(done: readonly number[]): { p50: number; p85: number; p95: number } {
  const down = [...done].sort((a, b) => b - a);
  return { p50: percentile(down, 50) ?? 0, p85: percentile(down, 85) ?? 0, p95: percentile(down, 95) ?? 0 };
}

function howMany(ctx: Ctx, rand: () => number, samples: number[], date: string, trials: ForecastDistributions): ForecastHowMany {
  trials.howMany = howManyTrials(rand, samples, workingDaysUntil(ctx.asOfDay, date, ctx.cal));
  return { date, ...atLeast(trials.howMany) };
}

/** Default "how many" date: end of the active sprint, else of the first planned one. */
function defaultDate(sprints: readonly SprintMetrics[]): string | undefined {
  return (sprints.find((s) => s.status === 'active') ?? sprints.find((s) => s.status === 'planned'))?.end;
}

export function computeForecast(
  ctx: Ctx,
  items: readonly ItemFacts[],
  throughput: readonly ThroughputDay[] | null,
  sprints: readonly SprintMetrics[],
): Forecast | null {
  if (!ctx.full || throughput === null) return null;
  const seed = ctx.settings.forecastSeed ?? DEFAULT_SEED;
  const counts = new Map(throughput.map((t) => [t.date, t.count]));
  const days = sampleDays(ctx, flowStart(ctx, items));
  const samples = days.map((d) => counts.get(d) ?? 0);
  const forecast: Forecast = {
    trials: TRIALS,
    seed,
    sampleFrom: days[0] ?? null,
    sampleTo: days[days.length - 1] ?? null,
    samples,
    when: null,
    howMany: null,
  };
  if (samples.length === 0) return forecast;
  const remaining = ctx.settings.forecastItems ?? items.filter((i) => i.category !== 'done').length;
  const date = ctx.settings.forecastDate ?? defaultDate(sprints);
  // The answer depends on these inputs only; the panel asks again after every edit, mostly with the same.
  const key = JSON.stringify([seed, samples, days[0], remaining, date, ctx.asOfDay, ctx.cal]);
  const known = recent.get(key);
  if (known) return known;
  const rand = mulberry32(seed);
  const trials: ForecastDistributions = { when: null, howMany: null };
  forecast.when = when(ctx, rand, samples, remaining, new WorkingDays(ctx.asOfDay, ctx.cal), trials);
  if (date !== undefined && isDay(date)) forecast.howMany = howMany(ctx, rand, samples, date, trials);
  keepDistributions(forecast, trials);
  recent.set(key, forecast);
  if (recent.size > RECENT) recent.delete(recent.keys().next().value!);
  return forecast;
}

/** The last forecasts by their inputs (20,000 trials each; a document never mutates its forecast). */
const recent = new Map<string, Forecast>();
const RECENT = 8;
