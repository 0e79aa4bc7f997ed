// The rows of both views for one folder (pure): what the tree providers return
// from getChildren, before they become TreeItems. Benchmarked in bench/tree.bench.ts.
import type { Problem, Workspace } from '../../core/model';
import { describeFilter, filterItems, isFilterEmpty, type ItemFilter } from './filter';
import { groupItems, type Grouping } from './grouping';
import { itemNodes, type GroupNode, type Node } from './nodes';
import { daysText, pickSprint, pointsText, summarize } from './sprintSummary';

/**
 * Rows for files that do not parse (nothing is written to them until fixed): the first
 * error of each file, with the count of the others (one slip often gives several).
 */
export function errorNodes(folderKey: string, ws: Workspace): Node[] {
  const byFile = new Map<string, { problem: Problem; more: number }>();
  for (const p of ws.parseProblems) {
    if (p.severity !== 'error') continue;
    const seen = byFile.get(p.file);
    if (seen) seen.more++;
    else byFile.set(p.file, { problem: p, more: 0 });
  }
  return [...byFile.values()].map(({ problem, more }) => ({ kind: 'error', folderKey, problem, more }));
}

/**
 * Which of a folder's files do not parse: figures from a half-read file would be wrong, not just stale.
 * Only the main file and the sprint log count: a broken archive file holds finished work, and the
 * open items are still all there (its error row says it is missing).
 */
export function brokenFiles(ws: Workspace): { backlog: boolean; sprints: boolean } {
  const broken = new Set(ws.parseProblems.filter((p) => p.severity === 'error').map((p) => p.file));
  return { backlog: broken.has(ws.backlogPath), sprints: broken.has(ws.sprintsPath) };
}

/** The one row that stands for the hidden figures while a file does not parse. */
function hiddenNode(folderKey: string, what: string): Node {
  return { kind: 'info', folderKey, key: 'hidden', label: `${what} hidden`, description: 'until the file above parses again', icon: 'eye-closed', tooltip: `${what} are not shown while a file does not parse: counted from the part that parsed, they would be wrong.` };
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
  const nodes: Node[] = errorNodes(folderKey, ws);
  const broken = brokenFiles(ws);
  // Without the sprint log, every item would be grouped as "(not in the sprint log)".
  if (broken.backlog || (broken.sprints && opts.grouping === 'sprint')) return [...nodes, hiddenNode(folderKey, 'Items')];
  const groups = groupItems(ws, items, opts.grouping, { day: opts.day, filtered });
  if (filtered && groups.every((g) => g.items.length === 0)) {
    nodes.push({ kind: 'info', folderKey, key: 'no-match', label: 'No items match the filter', description: describeFilter(opts.filter), icon: 'filter', command: 'sprintlog.editFilter', tooltip: 'Click to change the filter' });
    return nodes;
  }
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
export function sprintNodes(
  folderKey: string, ws: Workspace, chosen: string | undefined, day: string,
  committedAtStart?: (sprintId: string) => number | undefined, problems: readonly Problem[] = [],
): Node[] {
  const nodes: Node[] = errorNodes(folderKey, ws);
  const broken = brokenFiles(ws);
  if (broken.backlog || broken.sprints) return [...nodes, hiddenNode(folderKey, 'Sprint figures')];
  const sprint = pickSprint(ws, chosen, day);
  // A sprint with a bad date is no sprint at all: point at the error rather than say "No active sprint".
  const sprintError = problems.find((p) => p.severity === 'error' && p.file === ws.sprintsPath);
  if (!sprint && sprintError) {
    nodes.push({ kind: 'error', folderKey, problem: sprintError, more: problems.filter((p) => p.severity === 'error' && p.file === ws.sprintsPath).length - 1 });
    return nodes;
  }
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
