// The report's content, independent of its format: the charts and the tables
// (committed/completed, cycle-time percentiles, scope changes with commit ids,
// health warnings, the sprint's review and retro notes). Every figure is copied
// from the metrics document, so the tables equal `sprintlog metrics --json`.
// reportInputs takes what it needs from the document once (cacheable JSON);
// reportContent lays it out for the chosen sprint.

import { buildCharts, chartFacts, LIGHT_THEME, pickSprint, type ChartFacts, type ChartSpec, type DataTable } from '../../core/charts';
import { predictability } from '../../core/charts/velocity';
import type { History } from '../../core/history';
import type { MetricsReport, SprintMetrics } from '../../core/metrics';
import type { Sprint, Workspace } from '../../core/model';
import { sprintById } from '../../core/lookup';
import { kpiDocument, kpiTable, trendTable } from '../../core/kpis';
import { type Derived, reportAt } from '../../core/metrics-cache';

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

/**
 * What the report takes from the metrics document, its workspace and history: plain JSON
 * (kept by the result cache, REPORT_INPUTS), so a run with nothing changed reads it back
 * instead of parsing and replaying anything.
 */
export interface ReportInputs {
  report: MetricsReport;
  facts: ChartFacts;
  project?: string;
  /** Each sprint of the document: its name and its review and retro section (from the first sprint of the log with its id). */
  sprints: { id: string; name?: string; notes: { tables: Section['tables']; text: string[] } }[];
  /** The PMO's KPI table per sprint and its trend (the figures of `sprintlog kpis`). */
  kpis: Section['tables'];
}

export function reportInputs(doc: MetricsReport, workspace: Workspace, history: Pick<History, 'commits'>): ReportInputs {
  const k = kpiDocument(doc, workspace, null);
  return {
    report: doc,
    facts: chartFacts(workspace, history),
    project: workspace.project,
    sprints: doc.sprints.map((s) => {
      const model = sprintById(workspace.sprintLog, s.id);
      return { id: s.id, name: model?.name, notes: notes(model) };
    }),
    kpis: [{ caption: 'KPIs per sprint', table: kpiTable(k) }, { caption: 'Trend over closed sprints', table: trendTable(k) }],
  };
}

/** `sprintlog report`'s inputs through the metrics document's result cache (src/core/metrics-cache.ts). */
export const REPORT_INPUTS: Derived<ReportInputs> = {
  kind: 'report',
  derive: (doc) => reportInputs(doc.report, doc.workspace, doc.history),
  at: (v, asOf) => reportAt(v.report, asOf),
};

export function reportContent(inputs: ReportInputs, sprintId?: string): ReportContent {
  const { report: doc, facts } = inputs;
  const sprint = pickSprint(doc, sprintId);
  const groups = buildCharts(doc, facts, LIGHT_THEME, sprint);
  const model = sprint && inputs.sprints.find((s) => s.id === sprint.id);
  const n = model?.notes ?? notes(undefined);
  const project = inputs.project ?? 'Sprintlog';
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
    { title: 'KPIs', charts: [], tables: inputs.kpis, text: [] },
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
