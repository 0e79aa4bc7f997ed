// computeMetrics: the whole §6 document from the files, the history and an as-of instant.
// Pure and deterministic: same inputs, same object (and same JSON, byte for byte).

import { formatInstant } from '../time';
import { clean, makeContext } from './context';
import { computeCycleTime } from './cycle-time';
import { computeCfd, computeThroughput } from './flow';
import { computeForecast } from './forecast';
import { computeItems } from './items';
import { computeSprints } from './sprints';
import { METRICS_VERSION, type MetricsInput, type MetricsReport, type SatisfactionSummary, type SprintMetrics } from './types';
import { computeVelocity } from './velocity';
import { computeWarnings, DEFAULT_THRESHOLDS } from './warnings';

export const DEFAULT_VELOCITY_WINDOW = 3;
export const DEFAULT_CYCLE_TIME_WINDOW_DAYS = 90;

function satisfaction(sprints: readonly SprintMetrics[]): SatisfactionSummary {
  const rated = sprints.filter((s) => s.satisfaction !== null);
  const last = rated[rated.length - 1];
  return {
    count: rated.length,
    mean: rated.length > 0 ? clean(rated.reduce((a, s) => a + (s.satisfaction as number), 0)) / rated.length : null,
    last: last?.satisfaction ?? null,
    lastSprint: last?.id ?? null,
  };
}

function positiveInt(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isInteger(v) && v > 0 ? v : fallback;
}

export function computeMetrics(input: MetricsInput): MetricsReport {
  const settings = input.settings ?? {};
  const ctx = makeContext(input.workspace, input.history, input.asOf, settings);
  const items = computeItems(ctx);
  const sprints = computeSprints(ctx);
  const velocity = computeVelocity(sprints, positiveInt(settings.velocityWindow, DEFAULT_VELOCITY_WINDOW));
  const cycleTime = computeCycleTime(ctx, items, positiveInt(settings.cycleTimeWindowDays, DEFAULT_CYCLE_TIME_WINDOW_DAYS));
  const throughput = computeThroughput(ctx, items);
  const cfd = computeCfd(ctx, items);
  const forecast = computeForecast(ctx, items, throughput, sprints);
  const warnings = computeWarnings(ctx, { items, sprints, velocity, cycleTime, thresholds: { ...DEFAULT_THRESHOLDS, ...settings.thresholds } });
  return {
    version: METRICS_VERSION,
    asOf: formatInstant(input.asOf, ctx.tz),
    ref: input.ref,
    head: input.history.head ?? null,
    timezone: ctx.tz,
    history: input.history.status,
    uncommitted: input.history.uncommitted,
    items: items.map((i) => i.metrics),
    sprints,
    velocity,
    cycleTime,
    throughput,
    cfd,
    forecast,
    satisfaction: satisfaction(sprints),
    warnings,
  };
}
