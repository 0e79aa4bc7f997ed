// The rows of both views for one folder (pure): what the tree providers return
// from getChildren, before they become TreeItems. Benchmarked in bench/tree.bench.ts.
import type { Problem, Workspace } from '../../core/model';
import { filterItems, isFilterEmpty, type ItemFilter } from './filter';
import { groupItems, type Grouping } from './grouping';
import { itemNodes, type GroupNode, type Node } from './nodes';
import { daysText, pickSprint, pointsText, summarize } from './sprintSummary';

/** Rows for files that do not parse (nothing is written to them until fixed). */
export function errorNodes(folderKey: string, ws: Workspace): Node[] {
  return ws.parseProblems.filter((p: Problem) => p.severity === 'error').map((problem) => ({ kind: 'error', folderKey, problem }));
}

export interface BacklogRowOptions {
  grouping: Grouping;
  filter: ItemFilter;
  /** Today in the sprint log's time zone. */
  day: string;
}

export function backlogNodes(folderKey: string, ws: Workspace, opts: BacklogRowOptions): Node[] {
  const filtered = !isFilterEmpty(opts.filter);
  const items = filtered ? filterItems(ws.items, opts.filter) : ws.items;
  const groups = groupItems(ws, items, opts.grouping, { day: opts.day, filtered });
  const nodes: Node[] = errorNodes(folderKey, ws);
  for (const group of groups) {
    const g: GroupNode = { kind: 'group', folderKey, view: 'backlog', group, children: [] };
    g.children = itemNodes(folderKey, 'backlog', group, group.items);
    nodes.push(g);
  }
  return nodes;
}

/**
 * Sprint view: the sprint (click to pick another), goal, days left, points, then
 * the sprint's items grouped by state in workflow order.
 */
export function sprintNodes(folderKey: string, ws: Workspace, chosen: string | undefined, day: string, committedAtStart?: (sprintId: string) => number | undefined): Node[] {
  const nodes: Node[] = errorNodes(folderKey, ws);
  const sprint = pickSprint(ws, chosen, day);
  if (!sprint) {
    const any = (ws.sprintLog?.sprints.length ?? 0) > 0;
    nodes.push({
      kind: 'info', folderKey, key: 'sprint', label: any ? 'No active sprint' : 'No sprints yet',
      description: any ? 'pick a sprint…' : `add one to ${ws.sprintsPath}`, icon: 'calendar', command: 'sprintlog.pickSprint',
    });
    return nodes;
  }
  const s = summarize(ws, sprint, day);
  nodes.push({
    kind: 'info', folderKey, key: 'sprint', label: s.label, description: `${sprint.start} – ${sprint.end}`,
    tooltip: 'Click to show another sprint', icon: s.days.status === 'active' ? 'rocket' : 'calendar', command: 'sprintlog.pickSprint',
  });
  if (sprint.goal) nodes.push({ kind: 'info', folderKey, key: 'goal', label: 'Goal', description: sprint.goal, tooltip: sprint.goal, icon: 'target' });
  nodes.push({ kind: 'info', folderKey, key: 'days', label: 'Days', description: daysText(s.days), icon: 'watch' });
  const atStart = committedAtStart?.(sprint.id);
  nodes.push({
    kind: 'info', folderKey, key: 'points', label: 'Points', description: pointsText(s, atStart), icon: 'graph',
    tooltip: 'Done = points of items in a done state; of = points of all items now in the sprint' + (atStart !== undefined ? '; committed = points in the sprint at the end of its first day (from git history)' : ''),
  });
  for (const group of groupItems(ws, s.items, 'state', { day })) {
    const g: GroupNode = { kind: 'group', folderKey, view: 'sprint', group, children: [], sprint: sprint.id };
    g.children = itemNodes(folderKey, 'sprint', group, group.items);
    nodes.push(g);
  }
  return nodes;
}
