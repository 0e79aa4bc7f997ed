// The reading tools: everything comes from the parsed workspace, the metrics
// document (the same computeMetrics figures as `sprintlog metrics --json`) and
// the history engine's events; nothing here computes a figure of its own.

import { EXISTS, WORKTREE, type History } from '../history';
import type { HealthWarning, MetricsReport } from '../metrics';
import { focusSprint } from '../metrics/summary';
import { effectiveState, stateCategory, type Item, type Workspace } from '../model';
import { dayRange, DEFAULT_CALENDAR, formatInstant, isWorkingDay } from '../time';
import { problemJson, validateWorkspace } from '../validate';
import { AgentInputError } from './schema';

/** An item in a tool's answer: its id and the keys it has (absent keys left out). */
export function itemView(ws: Workspace, i: Item): Record<string, unknown> {
  const state = effectiveState(i, ws.states);
  return {
    id: i.id, title: i.title, rank: i.rank + 1, state, category: stateCategory(state, ws.states) ?? null,
    ...(i.type !== undefined ? { type: i.type } : {}),
    ...(i.points !== undefined ? { points: i.points } : {}),
    ...(i.sprint !== undefined ? { sprint: i.sprint } : {}),
    ...(i.assignee !== undefined ? { assignee: i.assignee } : {}),
    ...(i.epic !== undefined ? { epic: i.epic } : {}),
    ...(i.blocked !== undefined ? { blocked: i.blocked } : {}),
    ...(i.dependsOn.length > 0 ? { depends_on: i.dependsOn } : {}),
    ...(i.tags.length > 0 ? { tags: i.tags } : {}),
  };
}

export interface ListFilter {
  sprint?: string;
  state?: string;
  assignee?: string;
  epic?: string;
  tag?: string;
  text?: string;
  blocked?: boolean;
  limit?: number;
}

export function listItems(ws: Workspace, f: ListFilter): Record<string, unknown> {
  const text = f.text?.toLowerCase();
  const matches = ws.items.filter((i) => {
    const state = effectiveState(i, ws.states);
    if (f.sprint !== undefined && (f.sprint === 'none' ? i.sprint !== undefined : i.sprint !== f.sprint)) return false;
    // A state name or a category (todo, doing, done).
    if (f.state !== undefined && state !== f.state && stateCategory(state, ws.states) !== f.state) return false;
    if (f.assignee !== undefined && i.assignee !== f.assignee) return false;
    if (f.epic !== undefined && i.epic !== f.epic) return false;
    if (f.tag !== undefined && !i.tags.includes(f.tag)) return false;
    if (f.blocked !== undefined && (i.blocked !== undefined && i.blocked.trim() !== '') !== f.blocked) return false;
    if (text !== undefined && ![i.id, i.title, i.description ?? ''].some((s) => s.toLowerCase().includes(text))) return false;
    return true;
  });
  const limit = f.limit ?? 200;
  return { count: matches.length, ...(matches.length > limit ? { shown: limit } : {}), items: matches.slice(0, limit).map((i) => itemView(ws, i)) };
}

const HISTORY_FIELDS = new Set([EXISTS, 'state', 'sprint', 'points', 'assignee', 'blocked']);

/** One item: its keys, where it is, its metrics and its history (state, sprint, points, assignee, blocked changes). */
export function getItem(ws: Workspace, report: MetricsReport, history: History, id: string): Record<string, unknown> {
  const item = ws.items.find((i) => i.id === id);
  if (!item) throw new AgentInputError(`unknown item id '${id}'.${closeIds(ws, id)}`);
  const commits = new Map(history.commits.map((c) => [c.hash, c]));
  const changes = history.events
    .filter((e) => e.id === id && HISTORY_FIELDS.has(e.field))
    .sort((a, b) => a.order - b.order || a.time - b.time)
    .map((e) => {
      const c = commits.get(e.commit);
      return {
        time: formatInstant(e.time, report.timezone),
        commit: e.commit === WORKTREE ? 'uncommitted' : e.commit.slice(0, 10),
        ...(c ? { author: c.author, subject: c.subject } : {}),
        field: e.field === EXISTS ? 'exists' : e.field,
        value: e.value === undefined ? null : e.value,
      };
    });
  const metrics = report.items.find((m) => m.id === id) ?? null;
  return {
    ...itemView(ws, item),
    ...(item.description !== undefined ? { description: item.description } : {}),
    at: `${item.file}:${item.source.line}:${item.source.column}`,
    metrics,
    history: { status: history.status, changes },
  };
}

function closeIds(ws: Workspace, id: string): string {
  const want = id.toLowerCase();
  const close = ws.items.filter((i) => i.id.toLowerCase().includes(want) || want.includes(i.id.toLowerCase())).slice(0, 5).map((i) => i.id);
  return close.length > 0 ? ` Did you mean ${close.join(', ')}?` : ' Use list_items to find it.';
}

/** The sprint (the one asked for, else the active one) with its burndown summary, days left, items and warnings. */
export function sprintStatus(ws: Workspace, report: MetricsReport, sprintId: string | undefined): Record<string, unknown> {
  const s = focusSprint(report, sprintId);
  if (!s) {
    const known = report.sprints.map((x) => x.id).join(', ');
    throw new AgentInputError(sprintId === undefined ? 'the sprint log has no sprints.' : `unknown sprint '${sprintId}'. Known: ${known || '(none)'}.`);
  }
  const sprint = ws.sprintLog?.sprints.find((x) => x.id === s.id);
  const today = report.asOf.slice(0, 10);
  const calendar = ws.sprintLog ?? DEFAULT_CALENDAR;
  const working = (from: string): number => (s.status === null ? 0 : dayRange(from, s.end).filter((d) => isWorkingDay(d, calendar)).length);
  const total = working(s.start);
  const sofar = s.burndown.filter((d) => d.date <= today);
  const last = sofar[sofar.length - 1];
  const items = ws.items.filter((i) => i.sprint === s.id);
  const ids = new Set([s.id, ...items.map((i) => i.id)]);
  return {
    id: s.id,
    ...(sprint?.name !== undefined ? { name: sprint.name } : {}),
    ...(sprint?.goal !== undefined ? { goal: sprint.goal } : {}),
    status: s.status, start: s.start, end: s.end, today,
    // Working days of the sprint log's calendar; left: today included.
    workingDays: total,
    workingDaysLeft: s.status === 'closed' ? 0 : s.status === 'planned' ? total : working(today),
    capacity: s.capacity, committed: s.committed, completed: s.completed,
    remaining: last?.remaining ?? null, idealRemaining: last?.ideal ?? null,
    scopeAdded: s.scopeAdded, scopeRemoved: s.scopeRemoved, unestimated: s.unestimated,
    items: items.map((i) => itemView(ws, i)),
    warnings: report.warnings.filter((w) => w.ids.some((x) => ids.has(x))).map(warningView),
  };
}

function warningView(w: HealthWarning): Record<string, unknown> {
  return { code: w.code, severity: w.severity, message: w.message, ids: w.ids };
}

/** The headline figures of the metrics document (each as `metrics --json` has it). */
export function metricsSummary(report: MetricsReport): Record<string, unknown> {
  return {
    asOf: report.asOf, head: report.head, history: report.history, uncommitted: report.uncommitted,
    sprints: report.sprints.map((s) => ({ id: s.id, status: s.status, start: s.start, end: s.end, committed: s.committed, completed: s.completed, scopeAdded: s.scopeAdded, scopeRemoved: s.scopeRemoved, satisfaction: s.satisfaction })),
    velocity: report.velocity, cycleTime: report.cycleTime, satisfaction: report.satisfaction,
    warnings: report.warnings.map(warningView),
  };
}

export function forecast(report: MetricsReport): Record<string, unknown> {
  return { asOf: report.asOf, forecast: report.forecast };
}

/** Every problem, as `sprintlog validate --format json` lists them. */
export function validate(ws: Workspace): Record<string, unknown> {
  const problems = validateWorkspace(ws).map(problemJson);
  return { errors: problems.filter((p) => p.severity === 'error').length, warnings: problems.filter((p) => p.severity === 'warning').length, problems };
}
