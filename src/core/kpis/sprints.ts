// The KPI table per sprint (a PMO's governance figures) and its trend, from the
// metrics document alone, so `portfolio --from` (JSON artifacts) and a direct run
// give the same figures. Open retro actions need the sprint log (null without it).

import { predictability } from '../charts/velocity';
import { round } from '../metrics/context';
import { percentile } from '../metrics/cycle-time';
import type { MetricsReport, SprintMetrics } from '../metrics/types';
import type { Workspace } from '../model';

export interface SprintKpi {
  id: string;
  status: SprintMetrics['status'];
  start: string;
  end: string;
  committed: number | null;
  /** Velocity: points completed. */
  completed: number | null;
  /** completed / committed in % (the charts' figure), null when nothing was committed. */
  predictabilityPct: number | null;
  cycleTimeP50: number | null;
  cycleTimeP85: number | null;
  /** Items finished on the sprint's days. */
  throughput: number | null;
  /** Points added and removed after the start, as % of committed. */
  scopeChangePct: number | null;
  /** Days blocked (at end of day) of the items now in the sprint. */
  blockedDays: number | null;
  satisfaction: number | null;
  openRetroActions: number | null;
}

export interface KpiTrend {
  key: keyof SprintKpi;
  label: string;
  /** Over closed sprints, oldest first. */
  values: (number | null)[];
  /** Last closed sprint against the mean of the ones before it in the window. */
  direction: 'up' | 'down' | 'flat' | null;
}

const r2 = (x: number): number => round(x, 2);

export function sprintKpis(r: MetricsReport, ws: Workspace | null): SprintKpi[] {
  return r.sprints.map((s) => {
    const from = s.start;
    const to = s.end;
    const finished = r.cycleTime === null ? null : r.items.filter((i) => i.doneAt !== null && i.doneAt.slice(0, 10) >= from && i.doneAt.slice(0, 10) <= to);
    const cycle = (finished ?? []).map((i) => i.cycleTimeDays).filter((x): x is number => x !== null).sort((a, b) => a - b);
    const members = r.items.filter((i) => i.sprint === s.id);
    const blocked = members.map((i) => i.blockedDays);
    const sprint = ws?.sprintLog?.sprints.find((x) => x.id === s.id);
    const churn = s.scopeAdded === null || s.scopeRemoved === null ? null : s.scopeAdded + s.scopeRemoved;
    return {
      id: s.id,
      status: s.status,
      start: s.start,
      end: s.end,
      committed: s.committed,
      completed: s.completed,
      predictabilityPct: predictability(s.committed, s.completed),
      cycleTimeP50: finished === null ? null : percentile(cycle, 50),
      cycleTimeP85: finished === null ? null : percentile(cycle, 85),
      throughput: finished === null || s.status === 'planned' ? null : finished.length,
      scopeChangePct: churn === null || s.committed === null || s.committed === 0 ? null : r2((churn / s.committed) * 100),
      blockedDays: blocked.some((b) => b === null) ? null : blocked.reduce<number>((a, b) => a + (b ?? 0), 0),
      satisfaction: s.satisfaction,
      openRetroActions: ws === null ? null : (sprint?.retro?.actions ?? []).filter((a) => !a.done).length,
    };
  });
}

const TRENDS: [keyof SprintKpi, string][] = [
  ['completed', 'Velocity'], ['predictabilityPct', 'Predictability %'], ['cycleTimeP50', 'Cycle time p50'], ['cycleTimeP85', 'Cycle time p85'],
  ['throughput', 'Throughput'], ['scopeChangePct', 'Scope change %'], ['blockedDays', 'Blocked days'], ['satisfaction', 'Satisfaction'],
];

export function kpiTrends(rows: readonly SprintKpi[], window: number): KpiTrend[] {
  const closed = rows.filter((s) => s.status === 'closed');
  return TRENDS.map(([key, label]) => {
    const values = closed.map((s) => s[key] as number | null);
    const known = values.filter((v): v is number => v !== null);
    let direction: KpiTrend['direction'] = null;
    if (known.length >= 2) {
      const last = known[known.length - 1];
      const before = known.slice(Math.max(0, known.length - 1 - window), -1);
      const mean = before.reduce((a, b) => a + b, 0) / before.length;
      direction = Math.abs(last - mean) < 1e-9 ? 'flat' : last > mean ? 'up' : 'down';
    }
    return { key, label, values, direction };
  });
}

const TICKS = '▁▂▃▄▅▆▇█';

/** A one-line chart of the values (· for unknown). */
export function sparkline(values: readonly (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null);
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  return values.map((v) => (v === null ? '·' : TICKS[hi === lo ? 3 : Math.round(((v - lo) / (hi - lo)) * (TICKS.length - 1))])).join('');
}
