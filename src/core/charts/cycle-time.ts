// Cycle time: finished items of the cycle-time window by finish date, with the
// document's p50/p85/p95 as lines, and a histogram of whole days.

import type { MetricsReport } from '../metrics/types';
import { axisStyle, baseOption, hLine, localDay } from './common';
import { richText } from './escape';
import type { ChartFacts, ChartSpec, ChartTheme } from './types';

export interface FinishedItem {
  id: string;
  day: string;
  days: number;
}

/** Items the document's `cycleTime` counts: doneAt's local day within [from, to], with a cycle time. */
export function finishedInWindow(doc: MetricsReport): FinishedItem[] {
  const ct = doc.cycleTime;
  if (!ct) return [];
  const out: FinishedItem[] = [];
  for (const i of doc.items) {
    if (i.doneAt === null || i.cycleTimeDays === null) continue;
    const day = localDay(i.doneAt);
    if (day >= ct.from && day <= ct.to) out.push({ id: i.id, day, days: i.cycleTimeDays });
  }
  return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function percentileLines(doc: MetricsReport, theme: ChartTheme): Record<string, unknown>[] {
  const ct = doc.cycleTime;
  if (!ct) return [];
  const lines: Record<string, unknown>[] = [];
  (['p50', 'p85', 'p95'] as const).forEach((k, i) => {
    const v = ct[k];
    if (v !== null) lines.push(hLine(k, v, theme.percentiles[i], theme));
  });
  return lines;
}

export function cycleTimeScatter(doc: MetricsReport, facts: ChartFacts, theme: ChartTheme): ChartSpec {
  const items = finishedInWindow(doc);
  const ct = doc.cycleTime;
  const option = {
    ...baseOption(theme, undefined),
    xAxis: { type: 'time', min: ct?.from, max: ct?.to, ...axisStyle(theme), splitLine: { show: false } },
    yAxis: { type: 'value', name: 'days', min: 0, ...axisStyle(theme) },
    series: [
      {
        name: 'Finished items',
        type: 'scatter',
        symbolSize: 8,
        color: theme.category.done,
        data: items.map((i) => ({ value: [i.day, i.days], id: i.id, tip: richText(`${i.id} ${facts.titles[i.id] ?? ''}\nfinished ${i.day}, ${i.days} days`) })),
        tooltip: { trigger: 'item', formatter: (p: { data?: { tip?: string } }) => p.data?.tip ?? '' },
        markLine: { symbol: 'none', silent: true, data: percentileLines(doc, theme) },
      },
    ],
  };
  return {
    id: 'cycle-time',
    title: 'Cycle time',
    option: option as ChartSpec['option'],
    table: { headers: ['Item', 'Finished', 'Cycle time (days)'], rows: items.map((i) => [i.id, i.day, i.days]) },
    notes: ct ? [`${ct.count} items finished ${ct.from} to ${ct.to}; p50 ${ct.p50 ?? '–'}, p85 ${ct.p85 ?? '–'}, p95 ${ct.p95 ?? '–'} days.`] : ['No history: no cycle time.'],
  };
}

/** Counts per whole day of cycle time, 1..max (every bar shown, zeros included). */
export function cycleTimeBins(items: readonly FinishedItem[]): { days: number; count: number }[] {
  const max = items.reduce((m, i) => Math.max(m, i.days), 0);
  const bins = Array.from({ length: max }, (_, k) => ({ days: k + 1, count: 0 }));
  for (const i of items) if (i.days >= 1) bins[i.days - 1].count++;
  return bins;
}

export function cycleTimeHistogram(doc: MetricsReport, theme: ChartTheme): ChartSpec {
  const bins = cycleTimeBins(finishedInWindow(doc));
  const ct = doc.cycleTime;
  const marks = (['p50', 'p85', 'p95'] as const).flatMap((k, i) => {
    const v = ct?.[k];
    return v === null || v === undefined ? [] : [{ name: k, xAxis: String(v), lineStyle: { color: theme.percentiles[i], type: 'dashed' }, label: { formatter: k, color: theme.percentiles[i] } }];
  });
  const option = {
    ...baseOption(theme, undefined),
    tooltip: { ...baseOption(theme, undefined).tooltip, trigger: 'axis' },
    xAxis: { type: 'category', name: 'days', data: bins.map((b) => String(b.days)), ...axisStyle(theme), splitLine: { show: false } },
    yAxis: { type: 'value', name: 'items', minInterval: 1, ...axisStyle(theme) },
    series: [{ name: 'Items', type: 'bar', data: bins.map((b) => b.count), color: theme.category.done, markLine: { symbol: 'none', silent: true, data: marks } }],
  };
  return {
    id: 'cycle-time-histogram',
    title: 'Cycle-time histogram',
    option: option as ChartSpec['option'],
    table: { headers: ['Cycle time (days)', 'Items'], rows: bins.map((b) => [b.days, b.count]) },
    notes: [],
  };
}
