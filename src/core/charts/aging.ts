// Aging work in progress: items in doing-category states, one column per state
// (workflow order), age in days against the cycle-time percentile bands.

import type { MetricsReport } from '../metrics/types';
import { axisStyle, baseOption } from './common';
import { richText } from './escape';
import type { ChartFacts, ChartSpec, ChartTheme } from './types';

export interface AgingItem {
  id: string;
  state: string;
  age: number;
}

export function agingItems(doc: MetricsReport, facts: ChartFacts): AgingItem[] {
  const doing = facts.states.filter((s) => s.category === 'doing').map((s) => s.name);
  return doc.items
    .filter((i) => doing.includes(i.state) && i.ageDays !== null)
    .map((i) => ({ id: i.id, state: i.state, age: i.ageDays as number }))
    .sort((a, b) => doing.indexOf(a.state) - doing.indexOf(b.state) || b.age - a.age);
}

/** Bands [0, p50], (p50, p85], (p85, p95], above p95, for the items' ages. */
export function agingBands(doc: MetricsReport): { name: string; from: number; to: number | null }[] {
  const ct = doc.cycleTime;
  if (!ct || ct.p50 === null || ct.p85 === null || ct.p95 === null) return [];
  return [
    { name: '≤ p50', from: 0, to: ct.p50 },
    { name: 'p50–p85', from: ct.p50, to: ct.p85 },
    { name: 'p85–p95', from: ct.p85, to: ct.p95 },
    { name: '> p95', from: ct.p95, to: null },
  ];
}

export function agingChart(doc: MetricsReport, facts: ChartFacts, theme: ChartTheme): ChartSpec {
  const columns = facts.states.filter((s) => s.category === 'doing').map((s) => s.name);
  const items = agingItems(doc, facts);
  const bands = agingBands(doc);
  const bandColours = [theme.percentiles[0], theme.warning, theme.percentiles[1], theme.percentiles[2]];
  const data = items.map((i) => ({ value: [i.state, i.age], id: i.id, tip: richText(`${i.id} ${facts.titles[i.id] ?? ''}\n${i.state}, ${i.age} days old`) }));
  const option = {
    ...baseOption(theme, undefined),
    xAxis: { type: 'category', data: columns, ...axisStyle(theme), splitLine: { show: false } },
    yAxis: { type: 'value', name: 'age (days)', min: 0, ...axisStyle(theme) },
    series: [
      {
        name: 'Work in progress',
        type: 'scatter',
        symbolSize: 10,
        color: theme.category.doing,
        data,
        tooltip: { trigger: 'item', formatter: (p: { data?: { tip?: string } }) => p.data?.tip ?? '' },
        markArea: {
          silent: true,
          data: bands.map((b, i) => [
            { name: b.name, yAxis: b.from, itemStyle: { color: bandColours[i], opacity: 0.1 }, label: { color: bandColours[i], position: 'insideRight' } },
            b.to === null ? { yAxis: 'max' } : { yAxis: b.to },
          ]),
        },
      },
    ],
  };
  return {
    id: 'aging',
    title: 'Aging work in progress',
    option: option as ChartSpec['option'],
    table: { headers: ['Item', 'State', 'Age (days)', 'Band'], rows: items.map((i) => [i.id, i.state, i.age, bandOf(i.age, bands)]) },
    notes: bands.length === 0 ? ['No cycle-time percentiles yet: no bands.'] : [],
  };
}

function bandOf(age: number, bands: ReturnType<typeof agingBands>): string | null {
  const b = bands.find((x) => x.to === null || age <= x.to);
  return b?.name ?? null;
}
