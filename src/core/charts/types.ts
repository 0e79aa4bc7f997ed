// What every chart builder takes and returns. Builders are pure: the metrics
// document (spec metrics.md §6) plus the few model facts it does not carry
// (titles, authors, the calendar, state order) in, an ECharts option plus a data
// table out. Only `import type` from echarts here: the option is plain data, so
// the extension host bundle never contains ECharts.

import type { EChartsOption } from 'echarts';
import type { StateCategory, Weekday } from '../model';

/** The accessible alternative of a chart, and the report's table. Cells are plain text (escape when rendering). */
export interface DataTable {
  headers: string[];
  rows: (string | number | null)[][];
}

export interface ChartSpec {
  /** Stable id (`burndown`, `velocity`, ...): DOM ids, SVG file names. */
  id: string;
  /** Plain text, not escaped. */
  title: string;
  option: EChartsOption;
  table: DataTable;
  /** Plain-text remarks shown under the chart (e.g. how a figure was derived). */
  notes: string[];
}

/** Model facts the metrics document does not hold; see facts.ts for how they are read. */
export interface ChartFacts {
  timezone: string;
  /** Working days as weekday names (`mon`...); holidays `YYYY-MM-DD`. */
  workingDays: Weekday[];
  holidays: string[];
  /** States in workflow order with their category. */
  states: { name: string; category: StateCategory }[];
  /** Item id → title, at the as-of instant (items removed since have none). */
  titles: Record<string, string>;
  /** Commit id → author name and subject (WORKTREE for the uncommitted change). */
  commits: Record<string, { author: string; subject: string }>;
  /** Sprint id → name and goal. */
  sprints: Record<string, { name?: string; goal?: string }>;
}

export interface ChartTheme {
  foreground: string;
  /** Secondary text, axis lines. */
  muted: string;
  background: string;
  /** Grid lines and shaded non-working days. */
  grid: string;
  shade: string;
  fontFamily: string;
  fontSize: number;
  /** Series colours in order; `category` colours per state category (the tree views' colours). */
  palette: string[];
  category: Record<StateCategory, string>;
  /** Percentile lines p50, p85, p95. */
  percentiles: [string, string, string];
  warning: string;
}
