// The Monte Carlo trials of the forecast (spec metrics.md §4): the seeded PRNG and the
// "when" / "how many" distributions. Pure (only the calendar of ../time), so the
// dashboard webview can draw the histograms again without the metrics engine:
// metrics/forecast.ts computes the answers with these same trials.

import { addDays, daysBetween, isWorkingDay, type WorkCalendar } from '../time';
import type { Forecast } from './types';

export const TRIALS = 10000;
/** A trial that needs more working days than this never finishes (throughput too low to say). */
export const MAX_WORKING_DAYS = 2600;

/** mulberry32: a small, fast 32-bit PRNG; same seed, same sequence, on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Working days needed per trial to finish `items` (Infinity: never): the "when" distribution. */
export function whenTrials(rand: () => number, samples: readonly number[], items: number, trials = TRIALS): number[] {
  const needed: number[] = [];
  for (let t = 0; t < trials; t++) {
    let left = items;
    let n = 0;
    while (left > 0 && n < MAX_WORKING_DAYS) {
      left -= samples[Math.floor(rand() * samples.length)];
      n++;
    }
    needed.push(left > 0 ? Infinity : n);
  }
  return needed;
}

/** Items done per trial in `days` working days: the "how many" distribution. */
export function howManyTrials(rand: () => number, samples: readonly number[], days: number, trials = TRIALS): number[] {
  const done: number[] = [];
  for (let t = 0; t < trials; t++) {
    let sum = 0;
    for (let d = 0; d < days; d++) sum += samples[Math.floor(rand() * samples.length)];
    done.push(sum);
  }
  return done;
}

/** Working days after `from`, up to and including `to`. */
export function workingDaysUntil(from: string, to: string, cal: WorkCalendar): number {
  let days = 0;
  for (let i = 1; i <= daysBetween(from, to); i++) if (isWorkingDay(addDays(from, i), cal)) days++;
  return days;
}

export const runsWhen = (samples: readonly number[], items: number): boolean => items > 0 && samples.some((s) => s > 0);

export interface ForecastDistributions {
  /** Working days needed per trial (Infinity = never), when the "when" forecast ran trials. */
  when: number[] | null;
  /** Items done per trial by `howMany.date`. */
  howMany: number[] | null;
}

/**
 * The trials computeForecast drew, by its forecast object, in this process: the CLI's report
 * charts them without drawing 20,000 trials again (a document read from JSON has none).
 */
const drawn = new WeakMap<Forecast, ForecastDistributions>();

export function keepDistributions(forecast: Forecast, d: ForecastDistributions): void {
  drawn.set(forecast, d);
}

/**
 * The trials behind a forecast's answers, drawn again from its seed in the same order as
 * computeForecast ("when" first, then "how many"), for the charts' histograms.
 */
export function forecastDistributions(forecast: Forecast, asOfDay: string, cal: WorkCalendar): ForecastDistributions {
  const kept = drawn.get(forecast);
  if (kept) return kept;
  const out: ForecastDistributions = { when: null, howMany: null };
  const s = forecast.samples;
  if (s.length === 0) return out;
  const rand = mulberry32(forecast.seed);
  if (forecast.when && runsWhen(s, forecast.when.items)) out.when = whenTrials(rand, s, forecast.when.items, forecast.trials);
  if (forecast.howMany) out.howMany = howManyTrials(rand, s, workingDaysUntil(asOfDay, forecast.howMany.date, cal), forecast.trials);
  return out;
}
