// `sprintlog kpis` for people, and the KPI tables the report shows.

import { round } from '../metrics/context';
import { printable } from '../printable';
import type { KpiDocument } from './document';
import { sparkline } from './sprints';

type Cell = string | number | null;
export interface KpiTable {
  headers: string[];
  rows: Cell[][];
}

export function kpiTable(d: KpiDocument): KpiTable {
  return {
    headers: ['Sprint', 'Status', 'Committed', 'Velocity', 'Predictability %', 'Cycle p50', 'Cycle p85', 'Throughput', 'Scope change %', 'Blocked days', 'Satisfaction', 'Open actions'],
    rows: d.sprints.map((s) => [s.id, s.status, s.committed, s.completed, s.predictabilityPct, s.cycleTimeP50, s.cycleTimeP85, s.throughput, s.scopeChangePct, s.blockedDays, s.satisfaction, s.openRetroActions]),
  };
}

export function trendTable(d: KpiDocument): KpiTable {
  return { headers: ['KPI', 'Trend', 'Last', 'Direction'], rows: d.trends.map((t) => [t.label, t.values.some((v) => v !== null) ? sparkline(t.values) : '', t.values[t.values.length - 1] ?? null, t.direction]) };
}

/** A cell as text: – for unknown, numbers to two decimals, text made printable. */
export const cell = (v: Cell): string => (v === null ? '–' : typeof v === 'number' ? String(round(v, 2)) : printable(v));

/** Aligned columns, two spaces apart, each line indented by two. */
export function grid(t: KpiTable): string[] {
  const widths = t.headers.map((h, i) => Math.max(h.length, ...t.rows.map((r) => cell(r[i]).length)));
  const line = (cells: string[]): string => '  ' + cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(t.headers), ...t.rows.map((r) => line(r.map(cell)))];
}

export function kpiText(d: KpiDocument): string {
  const lines = [`Sprintlog KPIs as of ${d.asOf}`, '', 'Per sprint:', ...grid(kpiTable(d)), '', 'Trend over closed sprints:', ...grid(trendTable(d))];
  if (d.openRetroActions) {
    lines.push('', d.openRetroActions.length === 0 ? 'Open retro actions: none.' : 'Open retro actions (oldest first):');
    for (const a of d.openRetroActions) lines.push(`  ${printable(a.sprint)}#${a.index} ${printable(a.text)} (owner ${printable(a.owner ?? 'nobody')}, ${a.ageDays} days open)`);
  }
  if (d.timeInState) {
    lines.push('', `Time in state (days)${d.bottleneck ? `; the bottleneck: ${printable(d.bottleneck)}` : ''}:`);
    lines.push(...grid({ headers: ['State', 'Stays', 'p50', 'p85', 'Now'], rows: d.timeInState.map((s) => [s.state, s.stays, s.p50, s.p85, s.now]) }));
  }
  if (d.capacity.length > 0) {
    lines.push('', 'Capacity:', ...grid({ headers: ['Sprint', 'Status', 'Capacity', 'Committed', 'Velocity'], rows: d.capacity.map((c) => [c.sprint, c.status, c.capacity, c.committed, c.velocity]) }));
  }
  if (d.load && d.load.length > 0) {
    lines.push('', 'Load per assignee (open points vs their average completed per sprint):');
    lines.push(...grid({ headers: ['Sprint', 'Assignee', 'Points', 'Items', 'Average', 'Ratio'], rows: d.load.map((l) => [l.sprint, l.assignee, l.points, l.items, l.average, l.ratio]) }));
  }
  const deps = d.dependencies;
  if (deps && (deps.edges.length > 0 || deps.external.length > 0)) {
    lines.push('', `Dependencies: ${deps.edges.length} between items (${deps.edges.filter((e) => e.open).length} on open items), ${deps.external.length} on other teams.`);
    for (const c of deps.blockedChains) lines.push(`  blocked chain: ${printable(c.join(' → '))} (blocked)`);
    for (const p of deps.plannedBefore) lines.push(`  planned before its dependency: ${printable(p.id)} needs ${printable(p.dependsOn.join(', '))}`);
    for (const c of deps.criticalPaths) if (c.path.length > 1) lines.push(`  critical path of ${printable(c.epic)}${c.target ? ` (target ${c.target})` : ''}: ${printable(c.path.join(' → '))}`);
    for (const e of deps.external) lines.push(`  ${printable(e.id)} depends on ${printable(e.team)}:${printable(e.ref)} (another team)`);
  }
  return lines.join('\n') + '\n';
}
