// The report's content, independent of its format: the charts and the tables
// (committed/completed, cycle-time percentiles, scope changes with commit ids,
// health warnings, the sprint's review and retro notes). Every figure is copied
// from the metrics document, so the tables equal `sprintlog metrics --json`.

import { buildCharts, chartFacts, LIGHT_THEME, pickSprint, type ChartFacts, type ChartSpec, type DataTable } from '../../core/charts';
import { predictability } from '../../core/charts/velocity';
import type { History } from '../../core/history';
import type { MetricsReport, SprintMetrics } from '../../core/metrics';
import type { Sprint, Workspace } from '../../core/model';
import { sprintById } from '../../core/lookup';
import { kpiDocument, kpiTable, trendTable } from '../../core/kpis';

export interface Section {
  title: string;
  charts: ChartSpec[];
  tables: { caption: string; table: DataTable }[];
  /** Plain-text paragraphs. */
  text: string[];
}

export interface ReportContent {
  title: string;
  /** Plain-text lines under the title (as-of, ref, commit). */
  meta: string[];
  sections: Section[];
}

function commitmentTable(doc: MetricsReport): DataTable {
  return {
    headers: ['Sprint', 'Status', 'Start', 'End', 'Capacity', 'Committed', 'Completed', 'Scope added', 'Scope removed', 'Predictability %'],
    rows: doc.sprints.map((s) => [s.id, s.status, s.start, s.end, s.capacity, s.committed, s.completed, s.scopeAdded, s.scopeRemoved, predictability(s.committed, s.completed)]),
  };
}

function cycleTimeTable(doc: MetricsReport): DataTable {
  const c = doc.cycleTime;
  return {
    headers: ['Window', 'From', 'To', 'Items', 'Mean', 'p50', 'p70', 'p85', 'p95'],
    rows: c ? [[`${c.windowDays} days`, c.from, c.to, c.count, c.mean, c.p50, c.p70, c.p85, c.p95]] : [],
  };
}

function scopeTable(sprint: SprintMetrics, facts: ChartFacts): DataTable {
  return {
    headers: ['Time', 'Item', 'Title', 'Change', 'Points', 'Commit', 'Author'],
    rows: (sprint.scopeChanges ?? []).map((c) => [c.time, c.id, facts.titles[c.id] ?? '', c.kind, c.points, c.commit, facts.commits[c.commit]?.author ?? '']),
  };
}

function warningsTable(doc: MetricsReport): DataTable {
  return { headers: ['Severity', 'Code', 'Message', 'Ids'], rows: doc.warnings.map((w) => [w.severity, w.code, w.message, w.ids.join(', ')]) };
}

function notes(sprint: Sprint | undefined): { tables: Section['tables']; text: string[] } {
  const text: string[] = [];
  if (!sprint) return { tables: [], text };
  if (sprint.goal) text.push(`Goal: ${sprint.goal}`);
  const r = sprint.review;
  if (r?.satisfaction !== undefined) text.push(`Review satisfaction: ${r.satisfaction}`);
  if (r?.notes) text.push(`Review notes: ${r.notes}`);
  const retro = sprint.retro;
  const tables: Section['tables'] = [];
  if (retro) {
    const rows: DataTable['rows'] = [...retro.wentWell.map((t) => ['went well', t, '', '']), ...retro.toImprove.map((t) => ['to improve', t, '', ''])];
    for (const a of retro.actions) rows.push(['action', a.text, a.owner ?? '', a.done ? 'done' : 'open']);
    if (rows.length > 0) tables.push({ caption: 'Retrospective', table: { headers: ['Kind', 'Text', 'Owner', 'Action'], rows } });
  }
  if (text.length === 0 && tables.length === 0) text.push('No review or retro notes for this sprint yet.');
  return { tables, text };
}

/** The PMO's KPI table per sprint and its trend (the figures of `sprintlog kpis`). */
function kpiSection(doc: MetricsReport, workspace: Workspace): Section {
  const k = kpiDocument(doc, workspace, null);
  return { title: 'KPIs', charts: [], tables: [{ caption: 'KPIs per sprint', table: kpiTable(k) }, { caption: 'Trend over closed sprints', table: trendTable(k) }], text: [] };
}

export function reportContent(doc: MetricsReport, workspace: Workspace, history: Pick<History, 'commits'>, sprintId?: string): ReportContent {
  const facts = chartFacts(workspace, history);
  const sprint = pickSprint(doc, sprintId);
  const groups = buildCharts(doc, facts, LIGHT_THEME, sprint);
  const model = sprintById(workspace.sprintLog, sprint?.id);
  const n = notes(model);
  const project = workspace.project ?? 'Sprintlog';
  const sprintName = sprint ? `${sprint.id}${model?.name ? ` ${model.name}` : ''}` : 'no sprint';
  const sections: Section[] = [
    {
      title: sprint ? `Sprint ${sprintName} (${sprint.start} to ${sprint.end}, ${sprint.status ?? 'invalid dates'})` : 'Sprint',
      charts: groups.sprint,
      tables: sprint ? [{ caption: 'Scope changes', table: scopeTable(sprint, facts) }] : [],
      text: sprint ? [] : ['No sprint in the sprint log.'],
    },
    { title: 'Review and retrospective', charts: [], tables: n.tables, text: n.text },
    { title: 'Committed and completed', charts: groups.velocity, tables: [{ caption: 'Sprints', table: commitmentTable(doc) }], text: [] },
    kpiSection(doc, workspace),
    { title: 'Cycle time', charts: groups.cycleTime, tables: [{ caption: 'Cycle-time percentiles (days)', table: cycleTimeTable(doc) }], text: [] },
    { title: 'Flow', charts: groups.flow, tables: [], text: [] },
    { title: 'Aging work in progress', charts: groups.aging, tables: [], text: [] },
    { title: 'Forecast', charts: groups.forecast, tables: [], text: [] },
    { title: 'Health warnings', charts: [], tables: [{ caption: 'Warnings', table: warningsTable(doc) }], text: doc.warnings.length === 0 ? ['No warnings.'] : [] },
  ];
  return {
    title: `${project} sprint report: ${sprintName}`,
    meta: [`As of ${doc.asOf} (${doc.timezone})`, `Ref ${doc.ref}${doc.head ? ` at ${doc.head}` : ''}${doc.uncommitted ? ', with uncommitted changes' : ''}`, `History: ${doc.history}`],
    sections,
  };
}

/** A table cell as text: null is an en dash, numbers as JSON writes them. */
export function cellText(v: string | number | null): string {
  return v === null ? '–' : String(v);
}
