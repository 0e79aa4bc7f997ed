// Velocity: committed vs completed per closed sprint, the average line over the
// velocity window (the document's `velocity.average`), predictability per sprint.

import type { Velocity } from '../metrics/types';
import { axisStyle, baseOption, fmt } from './common';
import type { ChartSpec, ChartTheme } from './types';

/** completed / committed in %, one decimal; null when either is absent or nothing was committed. */
export function predictability(committed: number | null, completed: number | null): number | null {
  if (committed === null || completed === null || committed === 0) return null;
  return Math.round((completed / committed) * 1000) / 10;
}

export function velocityChart(velocity: Velocity, theme: ChartTheme): ChartSpec {
  const ids = velocity.sprints.map((s) => s.id);
  const inWindow = ids.slice(-velocity.window);
  const pred = velocity.sprints.map((s) => predictability(s.committed, s.completed));
  const average = velocity.average;
  const option = {
    ...baseOption(theme, ['Committed', 'Completed', 'Predictability']),
    tooltip: { ...baseOption(theme, undefined).tooltip, trigger: 'axis' },
    xAxis: { type: 'category', data: ids, ...axisStyle(theme), splitLine: { show: false } },
    yAxis: [
      { type: 'value', name: 'points', min: 0, ...axisStyle(theme) },
      { type: 'value', name: '%', min: 0, max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10), ...axisStyle(theme), splitLine: { show: false } },
    ],
    series: [
      { name: 'Committed', type: 'bar', data: velocity.sprints.map((s) => s.committed), color: theme.palette[0], barMaxWidth: 32 },
      {
        name: 'Completed',
        type: 'bar',
        data: velocity.sprints.map((s) => s.completed),
        color: theme.palette[1],
        barMaxWidth: 32,
        markLine:
          average === null || inWindow.length === 0
            ? undefined
            : {
                symbol: 'none',
                silent: true,
                data: [
                  [
                    { name: `average of last ${inWindow.length}`, xAxis: inWindow[0], yAxis: average, lineStyle: { color: theme.warning, type: 'dashed', width: 2 } },
                    { xAxis: inWindow[inWindow.length - 1], yAxis: average },
                  ],
                ],
                // One decimal, inside the plot (at its end the label ran past the chart's right edge).
                label: { formatter: `avg ${fmt(average)}`, color: theme.warning, fontFamily: theme.fontFamily, position: 'insideEndTop' },
              },
      },
      { name: 'Predictability', type: 'line', yAxisIndex: 1, data: pred, color: theme.palette[3], symbolSize: 6 },
    ],
  };
  return {
    id: 'velocity',
    title: 'Velocity',
    option: option as ChartSpec['option'],
    table: {
      headers: ['Sprint', 'Committed', 'Completed', 'Predictability %', 'In average'],
      rows: velocity.sprints.map((s, i) => [s.id, s.committed, s.completed, pred[i], inWindow.includes(s.id) ? 'yes' : 'no']),
    },
    notes: average === null ? ['No closed sprint yet: no average.'] : [`Average completed of the last ${inWindow.length} closed sprints: ${fmt(average)}.`],
  };
}
