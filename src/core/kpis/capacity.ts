// Capacity: each open sprint's capacity against what is committed and against the
// velocity; and per assignee, the points planned in the sprint against their own
// average completed points per sprint over the velocity window.

import { round } from '../metrics/context';
import type { MetricsReport } from '../metrics/types';
import type { Workspace } from '../model';

export interface CapacityRow {
  sprint: string;
  status: 'active' | 'planned';
  capacity: number | null;
  /** Points in the sprint now (committed at the start for the active sprint). */
  committed: number | null;
  velocity: number | null;
}

export interface AssigneeLoad {
  sprint: string;
  assignee: string;
  points: number;
  items: number;
  /** Mean points this person completed per closed sprint of the velocity window (null: none in the window). */
  average: number | null;
  /** points / average; above 1 = more than they usually finish. */
  ratio: number | null;
}

const r2 = (x: number): number => round(x, 2);

export function capacityRows(r: MetricsReport): CapacityRow[] {
  return r.sprints
    .filter((s): s is typeof s & { status: 'active' | 'planned' } => s.status === 'active' || s.status === 'planned')
    .map((s) => {
      const now = r.items.filter((i) => i.sprint === s.id).reduce((a, i) => a + (i.points ?? 0), 0);
      return { sprint: s.id, status: s.status, capacity: s.capacity, committed: s.status === 'active' ? s.committed : r2(now), velocity: r.velocity.average };
    });
}

export function assigneeLoad(r: MetricsReport, ws: Workspace): AssigneeLoad[] {
  const assignee = new Map(ws.items.filter((i) => i.assignee).map((i) => [i.id, i.assignee as string]));
  const done = new Set(r.items.filter((i) => ws.states[i.state] === 'done').map((i) => i.id));
  const window = r.velocity.sprints.slice(-r.velocity.window).map((s) => s.id);
  const finished = new Map<string, number>();
  for (const i of r.items) {
    const who = assignee.get(i.id);
    if (who && i.sprint !== null && window.includes(i.sprint) && done.has(i.id)) finished.set(who, (finished.get(who) ?? 0) + (i.points ?? 0));
  }
  const out: AssigneeLoad[] = [];
  for (const s of r.sprints.filter((x) => x.status === 'active' || x.status === 'planned')) {
    const by = new Map<string, { points: number; items: number }>();
    for (const i of r.items) {
      const who = assignee.get(i.id);
      if (i.sprint !== s.id || !who || done.has(i.id)) continue;
      const row = by.get(who) ?? { points: 0, items: 0 };
      row.points += i.points ?? 0;
      row.items++;
      by.set(who, row);
    }
    for (const [who, row] of [...by].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const average = window.length > 0 && finished.has(who) ? r2(finished.get(who)! / window.length) : null;
      out.push({ sprint: s.id, assignee: who, points: r2(row.points), items: row.items, average, ratio: average ? r2(row.points / average) : null });
    }
  }
  return out;
}
