// Pure ECharts option builders for the dashboard webview and the `sprintlog
// report` command. Nothing here imports ECharts at run time (only its types);
// echarts.ts registers the chart types these options use, for the renderers.

import type { MetricsReport, SprintMetrics } from '../metrics/types';
import { agingChart } from './aging';
import { cfdChart, throughputChart } from './flow';
import { cycleTimeHistogram, cycleTimeScatter } from './cycle-time';
import { forecastHowManyChart, forecastWhenChart } from './forecast';
import { burndownChart, burnupChart, commitmentChart } from './sprint';
import type { ChartFacts, ChartSpec, ChartTheme } from './types';
import { velocityChart } from './velocity';

export * from './types';
export { chartFacts } from './facts';
export { LIGHT_THEME, themeFromCssVariables } from './theme';
export { escapeHtml, escapeMarkdownCell, richText } from '../escape';
export { agingChart, burndownChart, burnupChart, cfdChart, commitmentChart, cycleTimeHistogram, cycleTimeScatter };
export { forecastHowManyChart, forecastWhenChart, throughputChart, velocityChart };

/** The sprint a dashboard shows by default: the given one, else the active one, else the last closed one, else the first. */
export function pickSprint(doc: MetricsReport, id?: string): SprintMetrics | undefined {
  if (id !== undefined) return doc.sprints.find((s) => s.id === id);
  return doc.sprints.find((s) => s.status === 'active') ?? [...doc.sprints].reverse().find((s) => s.status === 'closed') ?? doc.sprints[0];
}

export interface ChartGroups {
  sprint: ChartSpec[];
  velocity: ChartSpec[];
  cycleTime: ChartSpec[];
  flow: ChartSpec[];
  aging: ChartSpec[];
  forecast: ChartSpec[];
}

const GROUPS: { [K in keyof ChartGroups]: (doc: MetricsReport, facts: ChartFacts, theme: ChartTheme, sprint: SprintMetrics | undefined) => ChartSpec[] } = {
  sprint: (_doc, facts, theme, sprint) => (sprint ? [burndownChart(sprint, facts, theme), burnupChart(sprint, theme), commitmentChart(sprint, theme)] : []),
  velocity: (doc, _facts, theme) => [velocityChart(doc.velocity, theme)],
  cycleTime: (doc, facts, theme) => [cycleTimeScatter(doc, facts, theme), cycleTimeHistogram(doc, theme)],
  flow: (doc, facts, theme) => [cfdChart(doc, facts, theme), throughputChart(doc, theme)],
  aging: (doc, facts, theme) => [agingChart(doc, facts, theme)],
  forecast: (doc, facts, theme) => [forecastWhenChart(doc, facts, theme), forecastHowManyChart(doc, facts, theme)],
};

/** The charts of one tab (the webview draws only the open one: the forecast re-simulates its trials). */
export function buildGroup(group: keyof ChartGroups, doc: MetricsReport, facts: ChartFacts, theme: ChartTheme, sprint: SprintMetrics | undefined): ChartSpec[] {
  return GROUPS[group](doc, facts, theme, sprint);
}

/** Every chart of the dashboard, by tab. `sprint` is empty when the document has no such sprint. */
export function buildCharts(doc: MetricsReport, facts: ChartFacts, theme: ChartTheme, sprint: SprintMetrics | undefined): ChartGroups {
  const groups = {} as ChartGroups;
  for (const g of Object.keys(GROUPS) as (keyof ChartGroups)[]) groups[g] = buildGroup(g, doc, facts, theme, sprint);
  return groups;
}
