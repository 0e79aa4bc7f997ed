// Monte Carlo forecast histograms. The document holds the answers (the 50/85/95 %
// dates and counts) and the inputs (samples, trials, seed) but not the
// distributions: metrics/monte-carlo.ts draws them again from the seed, in the order it
// drew them. The marked answers are the document's own.

import { forecastDistributions, type ForecastDistributions, MAX_WORKING_DAYS } from '../metrics/monte-carlo';
import type { Forecast, MetricsReport } from '../metrics/types';
import { addDays } from '../time';
import { axisStyle, baseOption, localDay, working } from './common';
import type { ChartFacts, ChartSpec, ChartTheme } from './types';

/** Both charts need the same trials: simulate once per forecast object (the document is never mutated). */
const simulated = new WeakMap<Forecast, ForecastDistributions>();

export function simulate(forecast: Forecast, asOfDay: string, facts: ChartFacts): ForecastDistributions {
  let d = simulated.get(forecast);
  if (!d) simulated.set(forecast, (d = forecastDistributions(forecast, asOfDay, { workingDays: facts.workingDays, holidays: facts.holidays })));
  return d;
}

/** The n-th (1-based) working day after `from`, for each n of `ns` (ascending): one walk of the calendar for them all. */
function nthWorkingDays(from: string, ns: readonly number[], facts: ChartFacts): string[] {
  let d = from;
  let k = 0;
  return ns.map((n) => {
    while (k < n) {
      d = addDays(d, 1);
      if (working(d, facts)) k++;
    }
    return d;
  });
}

function counts<K>(values: readonly K[]): Map<K, number> {
  const m = new Map<K, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

function marks(points: [string, string | null][], theme: ChartTheme): Record<string, unknown>[] {
  return points.flatMap(([name, x], i) =>
    x === null ? [] : [{ name, xAxis: x, lineStyle: { color: theme.percentiles[i], type: 'dashed', width: 1.5 }, label: { formatter: `${name}\n${x}`, color: theme.percentiles[i], fontFamily: theme.fontFamily } }],
  );
}

export function forecastWhenChart(doc: MetricsReport, facts: ChartFacts, theme: ChartTheme): ChartSpec {
  const f = doc.forecast;
  const asOfDay = localDay(doc.asOf);
  const dist = f ? simulate(f, asOfDay, facts).when : null;
  const byDays = counts((dist ?? []).filter((n) => n !== Infinity));
  const dayNums = [...byDays.keys()].sort((a, b) => a - b);
  const dates = nthWorkingDays(asOfDay, dayNums, facts);
  const never = (dist ?? []).filter((n) => n === Infinity).length;
  const w = f?.when ?? null;
  const option = {
    ...baseOption(theme, undefined),
    tooltip: { ...baseOption(theme, undefined).tooltip, trigger: 'axis' },
    xAxis: { type: 'category', name: 'done by', data: dates, ...axisStyle(theme), splitLine: { show: false } },
    yAxis: { type: 'value', name: 'trials', ...axisStyle(theme) },
    series: [
      {
        name: 'Trials',
        type: 'bar',
        data: dayNums.map((n) => byDays.get(n) ?? 0),
        color: theme.palette[0],
        markLine: { symbol: 'none', silent: true, data: w ? marks([['50 %', w.p50], ['85 %', w.p85], ['95 %', w.p95]], theme) : [] },
      },
    ],
  };
  return {
    id: 'forecast-when',
    title: w ? `Forecast: when are ${w.items} items done` : 'Forecast: when',
    option: option as ChartSpec['option'],
    table: { headers: ['Done by', 'Trials'], rows: dayNums.map((n, i) => [dates[i], byDays.get(n) ?? 0]) },
    notes: [
      ...(w ? [`50 %: ${w.p50 ?? '–'}, 85 %: ${w.p85 ?? '–'}, 95 %: ${w.p95 ?? '–'} (${f?.trials} trials, seed ${f?.seed}).`] : ['No forecast: no throughput history.']),
      ...(never > 0 ? [`${never} trials did not finish within ${MAX_WORKING_DAYS} working days.`] : []),
    ],
  };
}

export function forecastHowManyChart(doc: MetricsReport, facts: ChartFacts, theme: ChartTheme): ChartSpec {
  const f = doc.forecast;
  const dist = f ? simulate(f, localDay(doc.asOf), facts).howMany : null;
  const byCount = counts(dist ?? []);
  const max = Math.max(0, ...byCount.keys());
  const xs = Array.from({ length: dist ? max + 1 : 0 }, (_, k) => k);
  const h = f?.howMany ?? null;
  const option = {
    ...baseOption(theme, undefined),
    tooltip: { ...baseOption(theme, undefined).tooltip, trigger: 'axis' },
    xAxis: { type: 'category', name: 'items', data: xs.map(String), ...axisStyle(theme), splitLine: { show: false } },
    yAxis: { type: 'value', name: 'trials', ...axisStyle(theme) },
    series: [
      {
        name: 'Trials',
        type: 'bar',
        data: xs.map((k) => byCount.get(k) ?? 0),
        color: theme.palette[3],
        markLine: { symbol: 'none', silent: true, data: h ? marks([['50 %', String(h.p50)], ['85 %', String(h.p85)], ['95 %', String(h.p95)]], theme) : [] },
      },
    ],
  };
  return {
    id: 'forecast-how-many',
    title: h ? `Forecast: items done by ${h.date}` : 'Forecast: how many',
    option: option as ChartSpec['option'],
    table: { headers: ['Items done', 'Trials'], rows: xs.map((k) => [k, byCount.get(k) ?? 0]) },
    notes: h ? [`At least ${h.p50} items with 50 %, ${h.p85} with 85 %, ${h.p95} with 95 % confidence.`] : ['No "how many" forecast (no active or planned sprint end).'],
  };
}
