// The KPI document of `sprintlog kpis`: the per-sprint table and its trend, open
// retro actions, time in state, capacity and load, and the dependency picture.
// Parts that need the files or the history are null when only a metrics JSON is known.

import type { History } from '../history/types';
import type { MetricsReport } from '../metrics/types';
import type { Workspace } from '../model';
import { bottleneck, timeInState, type StateTime } from './bottlenecks';
import { assigneeLoad, capacityRows, type AssigneeLoad, type CapacityRow } from './capacity';
import { dependencyReport, type DependencyReport } from './deps';
import { openRetroActions, type OpenAction } from './retro';
import { kpiTrends, sprintKpis, type KpiTrend, type SprintKpi } from './sprints';

export interface KpiDocument {
  asOf: string;
  sprints: SprintKpi[];
  trends: KpiTrend[];
  velocity: number | null;
  cycleTime: { p50: number | null; p85: number | null } | null;
  satisfaction: { mean: number | null; last: number | null };
  openRetroActions: OpenAction[] | null;
  timeInState: StateTime[] | null;
  bottleneck: string | null;
  capacity: CapacityRow[];
  load: AssigneeLoad[] | null;
  dependencies: DependencyReport | null;
}

export function kpiDocument(r: MetricsReport, ws: Workspace | null, history: History | null): KpiDocument {
  const rows = sprintKpis(r, ws);
  const times = ws && history ? timeInState(history, Date.parse(r.asOf), ws.states) : null;
  return {
    asOf: r.asOf,
    sprints: rows,
    trends: kpiTrends(rows, r.velocity.window),
    velocity: r.velocity.average,
    cycleTime: r.cycleTime ? { p50: r.cycleTime.p50, p85: r.cycleTime.p85 } : null,
    satisfaction: { mean: r.satisfaction.mean, last: r.satisfaction.last },
    openRetroActions: ws ? openRetroActions(ws, r.asOf.slice(0, 10)) : null,
    timeInState: times,
    bottleneck: times ? (bottleneck(times, ws!.states)?.state ?? null) : null,
    capacity: capacityRows(r),
    load: ws ? assigneeLoad(r, ws) : null,
    dependencies: ws ? dependencyReport(r, ws) : null,
  };
}
