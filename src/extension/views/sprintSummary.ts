// What the sprint view shows about one sprint (pure).
import type { Item, Sprint, Workspace } from '../../core/model';
import { activeSprint, daysLeft, pointTotals, sprintItems, type DaysLeft } from '../../core/sprint';
import { formatPoints, sprintLabel } from './grouping';
import { sprintById } from '../../core/lookup';

export interface SprintSummary {
  sprint: Sprint;
  label: string;
  items: Item[];
  /** Points of every item currently in the sprint (unestimated count 0). */
  committed: number;
  /** Points of those in a done-category state. */
  completed: number;
  doneItems: number;
  unestimated: number;
  days: DaysLeft;
}

/** The sprint to show: the chosen one if it still exists, else the active one. */
export function pickSprint(ws: Workspace, chosen: string | undefined, day: string): Sprint | undefined {
  return sprintById(ws.sprintLog, chosen) ?? activeSprint(ws.sprintLog, day);
}

export function summarize(ws: Workspace, sprint: Sprint, day: string): SprintSummary {
  const items = sprintItems(ws.items, sprint.id);
  const t = pointTotals(items, ws.states);
  const days = daysLeft(sprint, ws.sprintLog, day);
  return { sprint, label: sprintLabel(sprint.id, sprint.name), items, committed: t.points, completed: t.donePoints, doneItems: t.doneItems, unestimated: t.unestimated, days };
}

/** `3 of 10 working days left` / `planned: 10 working days` / `closed` */
export function daysText(d: DaysLeft): string {
  if (d.status === null) return 'start or end is not a valid day';
  if (d.status === 'closed') return 'closed';
  if (d.status === 'planned') return `planned · ${d.total} working day${d.total === 1 ? '' : 's'}`;
  return `${d.working} of ${d.total} working day${d.total === 1 ? '' : 's'} left`;
}

/** `8 of 21 pt done · 2 of 5 items` (+ committed at start when history knows it, capacity, unestimated). */
export function pointsText(s: SprintSummary, committedAtStart?: number): string {
  let text = `${formatPoints(s.completed)} of ${formatPoints(s.committed)} pt done · ${s.doneItems} of ${s.items.length} items`;
  if (committedAtStart !== undefined && committedAtStart !== s.committed) text += ` · committed ${formatPoints(committedAtStart)} at start`;
  if (s.sprint.capacity !== undefined) text += ` · capacity ${formatPoints(s.sprint.capacity)}`;
  if (s.unestimated > 0) text += ` · ${s.unestimated} unestimated`;
  return text;
}
