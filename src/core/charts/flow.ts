// Flow: cumulative flow by state (legend in workflow order, done states stacked
// at the bottom) and throughput per week (Monday-start weeks).

import type { MetricsReport } from '../metrics/types';
import { axisStyle, baseOption, weekStart } from './common';
import type { ChartFacts, ChartSpec, ChartTheme } from './types';

/** Stacking order: done states first (bottom), then doing, then todo; workflow order inside a category reversed so the flow reads downwards. */
export function cfdStackOrder(facts: ChartFacts): string[] {
  return [...facts.states].reverse().map((s) => s.name);
}

export function cfdChart(doc: MetricsReport, facts: ChartFacts, theme: ChartTheme): ChartSpec {
  const cfd = doc.cfd ?? [];
  const workflow = facts.states.map((s) => s.name);
  const stack = cfdStackOrder(facts);
  // Several states of one category share its colour, each a lighter area.
  const seen = new Map<string, number>();
  const look = new Map(
    stack.map((name) => {
      const cat = facts.states.find((s) => s.name === name)?.category ?? 'todo';
      const n = seen.get(cat) ?? 0;
      seen.set(cat, n + 1);
      return [name, { color: theme.category[cat], opacity: Math.max(0.3, 0.9 - n * 0.25) }];
    }),
  );
  const option = {
    ...baseOption(theme, workflow),
    tooltip: { ...baseOption(theme, undefined).tooltip, trigger: 'axis' },
    xAxis: { type: 'category', data: cfd.map((d) => d.date), boundaryGap: false, ...axisStyle(theme), splitLine: { show: false } },
    yAxis: { type: 'value', name: 'items', min: 0, ...axisStyle(theme) },
    series: stack.map((s) => ({
      name: s,
      type: 'line',
      stack: 'cfd',
      symbol: 'none',
      lineStyle: { width: 0.5 },
      areaStyle: { opacity: look.get(s)?.opacity },
      color: look.get(s)?.color,
      data: cfd.map((d) => d.states[s] ?? 0),
    })),
  };
  return {
    id: 'cfd',
    title: 'Cumulative flow',
    option: option as ChartSpec['option'],
    table: { headers: ['Date', ...workflow], rows: cfd.map((d) => [d.date, ...workflow.map((s) => d.states[s] ?? 0)]) },
    notes: doc.cfd === null ? ['No history: no cumulative flow.'] : [],
  };
}

export function weeklyThroughput(doc: MetricsReport): { week: string; count: number; ids: string[] }[] {
  const weeks = new Map<string, { week: string; count: number; ids: string[] }>();
  for (const t of doc.throughput ?? []) {
    const w = weekStart(t.date);
    const e = weeks.get(w) ?? { week: w, count: 0, ids: [] };
    e.count += t.count;
    e.ids.push(...t.ids);
    weeks.set(w, e);
  }
  return [...weeks.values()].sort((a, b) => (a.week < b.week ? -1 : 1));
}

export function throughputChart(doc: MetricsReport, theme: ChartTheme): ChartSpec {
  const weeks = weeklyThroughput(doc);
  const option = {
    ...baseOption(theme, undefined),
    tooltip: { ...baseOption(theme, undefined).tooltip, trigger: 'axis' },
    xAxis: { type: 'category', name: 'week of', data: weeks.map((w) => w.week), ...axisStyle(theme), splitLine: { show: false } },
    yAxis: { type: 'value', name: 'items', minInterval: 1, ...axisStyle(theme) },
    series: [{ name: 'Finished', type: 'bar', data: weeks.map((w) => w.count), color: theme.category.done, barMaxWidth: 28 }],
  };
  return {
    id: 'throughput',
    title: 'Throughput per week',
    option: option as ChartSpec['option'],
    table: { headers: ['Week of', 'Finished items'], rows: weeks.map((w) => [w.week, w.count]) },
    notes: weeks.length > 0 ? [`The last week (of ${weeks[weeks.length - 1].week}) runs to the as-of date.`] : [],
  };
}
