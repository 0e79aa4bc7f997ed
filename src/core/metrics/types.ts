// The `sprintlog metrics --json` document (spec metrics.md §6) and the input of
// computeMetrics. Absent values are null, never 0. Key order in the JSON is the
// order in which report.ts builds each object, so keep builders in sync with these.

import type { Workspace } from '../model';
import type { History, HistoryStatus } from '../history/types';
import type { SprintStatus } from '../sprint';

export const METRICS_VERSION = 1;

export interface MetricsSettings {
  /** Closed sprints in `velocity.average` (setting `sprintlog.velocityWindow`). Default 3. */
  velocityWindow?: number;
  /** Calendar days ending on the as-of date whose finished items make `cycleTime`. Default 90. */
  cycleTimeWindowDays?: number;
  /** Seed of the Monte Carlo forecast. Default 1. */
  forecastSeed?: number;
  /** Items for the "when" forecast. Default: existing items not in a done state. */
  forecastItems?: number;
  /** `YYYY-MM-DD` for the "how many" forecast. Default: end of the active sprint, else of the next planned one. */
  forecastDate?: string;
  /** Health-warning thresholds (spec §5 values by default); `sprintlog health --threshold`. */
  thresholds?: Partial<WarningThresholds>;
}

/** The numbers in the health warnings' rules (spec metrics.md §5); the defaults are the spec's. */
export interface WarningThresholds {
  /** behind-ideal: remaining above ideal by more than this % of committed. */
  behindIdealPct: number;
  /** scope-creep: points added after the start above this % of committed. */
  scopeCreepPct: number;
  /** overcommitted: committed above this % of the velocity (and always above capacity). */
  overcommittedPct: number;
  /** aging-wip: age above this cycle-time percentile (50, 70, 85 or 95). */
  agingPercentile: 50 | 70 | 85 | 95;
  /** blocked-long: blocked this many days or more in a row. */
  blockedDays: number;
  /** satisfaction-drop: last rating this much or more below the mean. */
  satisfactionDrop: number;
}

export interface MetricsInput {
  workspace: Workspace;
  history: History;
  /** ms since epoch: every "now" of the analysis. */
  asOf: number;
  ref: string;
  settings?: MetricsSettings;
}

export interface ItemMetrics {
  id: string;
  state: string;
  sprint: string | null;
  points: number | null;
  startedAt: string | null;
  doneAt: string | null;
  cycleTimeDays: number | null;
  cycleTimeHours: number | null;
  leadTimeDays: number | null;
  ageDays: number | null;
  reopened: number | null;
  blockedDays: number | null;
}

export type ScopeChangeKind = 'added' | 'removed' | 'estimate';

export interface ScopeChange {
  time: string;
  id: string;
  kind: ScopeChangeKind;
  /** Points added or removed; for `estimate` the signed difference; null for an unestimated item. */
  points: number | null;
  commit: string;
}

export interface BurndownDay {
  date: string;
  remaining: number | null;
  ideal: number | null;
  working: boolean;
}

export interface BurnupDay {
  date: string;
  scope: number | null;
  done: number | null;
}


export interface SprintMetrics {
  id: string;
  /** null when the sprint's start or end is not a valid date. */
  status: SprintStatus | null;
  start: string;
  end: string;
  capacity: number | null;
  committed: number | null;
  committedItems: number | null;
  /** Items counted in `committed` without `points` (they count 0). */
  unestimated: string[] | null;
  completed: number | null;
  scopeAdded: number | null;
  scopeRemoved: number | null;
  scopeChanges: ScopeChange[] | null;
  burndown: BurndownDay[];
  burnup: BurnupDay[];
  satisfaction: number | null;
}

export interface Velocity {
  window: number;
  average: number | null;
  sprints: { id: string; committed: number | null; completed: number | null }[];
}

export interface CycleTime {
  windowDays: number;
  from: string;
  to: string;
  count: number;
  mean: number | null;
  p50: number | null;
  p70: number | null;
  p85: number | null;
  p95: number | null;
}

export interface ThroughputDay {
  date: string;
  count: number;
  ids: string[];
}

export interface CfdDay {
  date: string;
  /** State name → existing items in that state at end of day; every state on every day. */
  states: Record<string, number>;
}

export interface ForecastWhen {
  items: number;
  p50: string | null;
  p85: string | null;
  p95: string | null;
}

export interface ForecastHowMany {
  date: string;
  p50: number;
  p85: number;
  p95: number;
}

export interface Forecast {
  trials: number;
  seed: number;
  /** The working days whose throughput is sampled (oldest first), and their counts. */
  sampleFrom: string | null;
  sampleTo: string | null;
  samples: number[];
  when: ForecastWhen | null;
  howMany: ForecastHowMany | null;
}

export interface SatisfactionSummary {
  count: number;
  mean: number | null;
  last: number | null;
  lastSprint: string | null;
}

export type WarningCode =
  | 'history'
  | 'timezone'
  | 'impossible-dates'
  /** Set by the CLI: a working-tree file did not parse and its committed version was analysed. */
  | 'unparsed-files'
  | 'behind-ideal'
  | 'scope-creep'
  | 'overcommitted'
  | 'aging-wip'
  | 'blocked-long'
  | 'dependency-risk'
  | 'unestimated'
  | 'open-retro-actions'
  | 'satisfaction-drop';

export interface HealthWarning {
  code: WarningCode;
  severity: 'warning' | 'info';
  message: string;
  /** Item ids, or sprint ids for sprint warnings. */
  ids: string[];
}

export interface MetricsReport {
  version: number;
  asOf: string;
  ref: string;
  head: string | null;
  timezone: string;
  history: HistoryStatus;
  uncommitted: boolean;
  items: ItemMetrics[];
  sprints: SprintMetrics[];
  velocity: Velocity;
  cycleTime: CycleTime | null;
  throughput: ThroughputDay[] | null;
  cfd: CfdDay[] | null;
  forecast: Forecast | null;
  satisfaction: SatisfactionSummary;
  warnings: HealthWarning[];
}
