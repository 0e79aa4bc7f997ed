// Forecast questions on the metrics document's throughput samples: "when will
// N items be done" (with the chance of being done by a date) and "how many by
// date D". The trials are metrics/monte-carlo.ts's (the one owner of the Monte
// Carlo); each question draws from a fresh PRNG of the seed, so an answer does
// not depend on which other questions were asked.

import { atLeast, WorkingDays } from '../metrics/forecast';
import { howManyTrials, mulberry32, runsWhen, TRIALS, whenTrials, workingDaysUntil } from '../metrics/monte-carlo';
import { percentile } from '../metrics/cycle-time';
import type { MetricsReport } from '../metrics/types';
import type { Workspace } from '../model';
import { DEFAULT_CALENDAR, isDay, type WorkCalendar } from '../time';

/** What every question is simulated from. */
export interface ForecastBasis {
  asOfDay: string;
  cal: WorkCalendar;
  seed: number;
  trials: number;
  /** Daily throughput of the sampled working days (oldest first). */
  samples: number[];
  sampleFrom: string | null;
  sampleTo: string | null;
}

export interface WhenAnswer {
  items: number;
  p50: string | null;
  p85: string | null;
  p95: string | null;
  /** Trials per finishing date (ascending), for a histogram; trials that never finish are in `never`. */
  distribution: { date: string; trials: number }[];
  never: number;
  /** Share of the trials done by `date` (0..1), when a date was asked about. */
  chanceBy: { date: string; probability: number } | null;
}

export interface HowManyAnswer {
  date: string;
  workingDays: number;
  p50: number;
  p85: number;
  p95: number;
  distribution: { items: number; trials: number }[];
}

/** The document's forecast samples; null when there is no history to sample (no forecast possible). */
export function basisOf(report: MetricsReport, ws: Workspace): ForecastBasis | null {
  const f = report.forecast;
  if (!f) return null;
  const cal = ws.sprintLog ? { workingDays: ws.sprintLog.workingDays, holidays: ws.sprintLog.holidays } : DEFAULT_CALENDAR;
  return { asOfDay: report.asOf.slice(0, 10), cal, seed: f.seed, trials: f.trials || TRIALS, samples: f.samples, sampleFrom: f.sampleFrom, sampleTo: f.sampleTo };
}

function counted<T extends number | string>(values: readonly T[]): Map<T, number> {
  const m = new Map<T, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

export function forecastWhen(b: ForecastBasis, items: number, by?: string): WhenAnswer {
  const answer: WhenAnswer = { items, p50: null, p85: null, p95: null, distribution: [], never: 0, chanceBy: null };
  const byDays = by !== undefined && isDay(by) ? workingDaysUntil(b.asOfDay, by, b.cal) : undefined;
  if (items <= 0) {
    answer.p50 = answer.p85 = answer.p95 = b.asOfDay;
    answer.distribution = [{ date: b.asOfDay, trials: b.trials }];
    if (by !== undefined) answer.chanceBy = { date: by, probability: 1 };
    return answer;
  }
  if (!runsWhen(b.samples, items)) {
    answer.never = b.trials;
    if (by !== undefined) answer.chanceBy = { date: by, probability: 0 };
    return answer;
  }
  const needed = whenTrials(mulberry32(b.seed), b.samples, items, b.trials).sort((x, y) => x - y);
  const days = new WorkingDays(b.asOfDay, b.cal);
  const date = (p: number): string | null => {
    const n = percentile(needed, p);
    return n === null || n === Infinity ? null : days.day(n);
  };
  answer.p50 = date(50);
  answer.p85 = date(85);
  answer.p95 = date(95);
  for (const [n, trials] of counted(needed)) {
    if (n === Infinity) answer.never = trials;
    else answer.distribution.push({ date: days.day(n), trials });
  }
  if (by !== undefined && byDays !== undefined) answer.chanceBy = { date: by, probability: needed.filter((n) => n <= byDays).length / b.trials };
  return answer;
}

export function forecastHowMany(b: ForecastBasis, date: string): HowManyAnswer {
  const workingDays = workingDaysUntil(b.asOfDay, date, b.cal);
  const done = b.samples.length === 0 ? new Array<number>(b.trials).fill(0) : howManyTrials(mulberry32(b.seed), b.samples, workingDays, b.trials);
  const distribution = [...counted(done)].map(([items, trials]) => ({ items, trials })).sort((x, y) => x.items - y.items);
  return { date, workingDays, ...atLeast(done), distribution };
}
