// Grouping of backlog items for the tree views (pure). Groups keep rank order
// inside; which groups exist and in what order is decided here so that the
// tree provider only maps them to TreeItems.
import { effectiveState, stateCategory, workflowOrder, type Item, type Workspace } from '../../core/model';
import { pointTotals, sprintsByStart, sprintStatus, type SprintStatus } from '../../core/sprint';

export const GROUPINGS = ['sprint', 'state', 'epic', 'assignee'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export function isGrouping(v: unknown): v is Grouping {
  return typeof v === 'string' && (GROUPINGS as readonly string[]).includes(v);
}

/** The item field a grouping is about: dropping an item on a group sets it. */
export type GroupField = 'sprint' | 'state' | 'epic' | 'assignee';

export interface Group {
  /** Stable within a folder: `sprint:S12`, `sprint:` (product backlog), `state:done`, ... */
  key: string;
  field: GroupField;
  /** The field value the group stands for; undefined = the field is absent (product backlog, no epic, unassigned). */
  value: string | undefined;
  label: string;
  /** Shown collapsed (closed sprints, done states). */
  collapsed: boolean;
  status?: SprintStatus;
  items: Item[];
}

/** `3 items · 13 pt` */
export function groupDescription(g: Group): string {
  const n = g.items.length;
  return `${n} item${n === 1 ? '' : 's'} · ${formatPoints(pointTotals(g.items).points)} pt`;
}

export function formatPoints(p: number): string {
  return Number.isInteger(p) ? String(p) : p.toFixed(1).replace(/\.0$/, '');
}

function bucket(items: readonly Item[], keyOf: (i: Item) => string | undefined): Map<string | undefined, Item[]> {
  const m = new Map<string | undefined, Item[]>();
  for (const i of items) {
    const k = keyOf(i);
    let list = m.get(k);
    if (!list) m.set(k, (list = []));
    list.push(i);
  }
  return m;
}

export interface GroupOptions {
  /** Today in the sprint log's time zone (`YYYY-MM-DD`). */
  day: string;
  /** True when a filter is on: empty groups are then hidden. */
  filtered?: boolean;
}

/** `items` must be in rank order (a filtered subset of `ws.items`). */
export function groupItems(ws: Workspace, items: readonly Item[], grouping: Grouping, opts: GroupOptions): Group[] {
  const groups = build(ws, items, grouping, opts.day);
  return opts.filtered ? groups.filter((g) => g.items.length > 0) : groups;
}

function build(ws: Workspace, items: readonly Item[], grouping: Grouping, day: string): Group[] {
  switch (grouping) {
    case 'sprint': return bySprint(ws, items, day);
    case 'state': return byState(ws, items);
    case 'epic': return byEpic(ws, items);
    case 'assignee': return byAssignee(items);
  }
}

/** The group of done or archived items without a sprint (not part of the product backlog's figures). */
export const DONE_NO_SPRINT_KEY = 'sprint:#done';

/** Active and planned sprints (by start), then the product backlog (open work only), then closed sprints with items (latest first), then unknown sprint ids, then done or archived items without a sprint. */
function bySprint(ws: Workspace, items: readonly Item[], day: string): Group[] {
  const m = bucket(items, (i) => i.sprint);
  const sprints = sprintsByStart(ws.sprintLog);
  const open: Group[] = [];
  const closed: Group[] = [];
  const known = new Set<string>();
  for (const s of sprints) {
    known.add(s.id);
    const status = sprintStatus(s, day);
    const g: Group = {
      key: 'sprint:' + s.id, field: 'sprint', value: s.id, label: sprintLabel(s.id, s.name), collapsed: status === 'closed', status: status ?? undefined, items: m.get(s.id) ?? [],
    };
    if (status === 'closed') {
      if (g.items.length > 0) closed.unshift(g);
    } else open.push(g);
  }
  // The product backlog is open work: done items without a sprint (and everything archived) are history.
  const open_: Item[] = [];
  const finished: Item[] = [];
  for (const i of m.get(undefined) ?? []) (i.file !== ws.backlogPath || stateCategory(effectiveState(i, ws.states), ws.states) === 'done' ? finished : open_).push(i);
  const backlog: Group = { key: 'sprint:', field: 'sprint', value: undefined, label: 'Product backlog', collapsed: false, items: open_ };
  const done: Group[] = finished.length > 0 ? [{ key: DONE_NO_SPRINT_KEY, field: 'sprint', value: undefined, label: 'Done or archived, no sprint', collapsed: true, items: finished }] : [];
  const unknown: Group[] = [];
  for (const [k, list] of m) {
    if (k !== undefined && !known.has(k)) unknown.push({ key: 'sprint:' + k, field: 'sprint', value: k, label: `${k} (not in the sprint log)`, collapsed: false, items: list });
  }
  return [...open, backlog, ...closed, ...unknown, ...done];
}

export function sprintLabel(id: string, name: string | undefined): string {
  return name && name !== id ? `${name} (${id})` : id;
}

/** Every declared state in workflow order (empty ones too: they are drop targets), then states not declared. */
function byState(ws: Workspace, items: readonly Item[]): Group[] {
  const m = bucket(items, (i) => effectiveState(i, ws.states));
  const order = workflowOrder(ws.states);
  const groups: Group[] = order.map((s) => ({
    key: 'state:' + s, field: 'state', value: s, label: s, collapsed: ws.states[s] === 'done', items: m.get(s) ?? [],
  }));
  for (const [k, list] of m) {
    if (k !== undefined && !(k in ws.states)) groups.push({ key: 'state:' + k, field: 'state', value: k, label: `${k} (unknown state)`, collapsed: false, items: list });
  }
  return groups;
}

function byEpic(ws: Workspace, items: readonly Item[]): Group[] {
  const m = bucket(items, (i) => i.epic);
  const groups: Group[] = [];
  const known = new Set<string>();
  for (const e of ws.epics) {
    if (!e.id || known.has(e.id)) continue;
    known.add(e.id);
    groups.push({ key: 'epic:' + e.id, field: 'epic', value: e.id, label: e.title ? `${e.title} (${e.id})` : e.id, collapsed: false, items: m.get(e.id) ?? [] });
  }
  for (const [k, list] of m) {
    if (k !== undefined && !known.has(k)) groups.push({ key: 'epic:' + k, field: 'epic', value: k, label: `${k} (unknown epic)`, collapsed: false, items: list });
  }
  groups.push({ key: 'epic:', field: 'epic', value: undefined, label: 'No epic', collapsed: false, items: m.get(undefined) ?? [] });
  return groups;
}

function byAssignee(items: readonly Item[]): Group[] {
  const m = bucket(items, (i) => i.assignee);
  const names = [...m.keys()].filter((k): k is string => k !== undefined).sort((a, b) => a.localeCompare(b));
  const groups: Group[] = names.map((n) => ({ key: 'assignee:' + n, field: 'assignee', value: n, label: n, collapsed: false, items: m.get(n) ?? [] }));
  groups.push({ key: 'assignee:', field: 'assignee', value: undefined, label: 'Unassigned', collapsed: false, items: m.get(undefined) ?? [] });
  return groups;
}

/** Everyone named in the files: assignees, epic owners, retro action owners (sorted, unique). */
export function peopleInFiles(ws: Workspace): string[] {
  const set = new Set<string>();
  for (const i of ws.items) if (i.assignee) set.add(i.assignee);
  for (const e of ws.epics) if (e.owner) set.add(e.owner);
  for (const s of ws.sprintLog?.sprints ?? []) for (const a of s.retro?.actions ?? []) if (a.owner) set.add(a.owner);
  return [...set].sort((a, b) => a.localeCompare(b));
}

/** Tags used anywhere (sorted, unique). */
export function tagsInFiles(ws: Workspace): string[] {
  const set = new Set<string>();
  for (const i of ws.items) for (const t of i.tags) set.add(t);
  return [...set].sort((a, b) => a.localeCompare(b));
}
