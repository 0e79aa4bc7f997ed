// KPIs, retro follow-up, bottlenecks, capacity and dependencies (issue 11), from the metrics document.
export { kpiDocument, type KpiDocument } from './document';
export { kpiTable, kpiText, trendTable, type KpiTable } from './format';
export { openRetroActions, type OpenAction } from './retro';
export { sparkline, sprintKpis, type SprintKpi } from './sprints';
export { dependencyReport, type DependencyReport } from './deps';
