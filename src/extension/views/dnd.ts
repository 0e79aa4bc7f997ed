// Drag and drop in the tree views → edit ops (pure).
// Dropping on an item: the dragged items go right before it (rank), and take
// its group's value (sprint, state, epic or assignee) when that differs.
// Dropping on a group: only the group's value is set; ranks stay as they are,
// so the diff is the changed field and nothing else.
import type { EditOp } from '../../core/edit/types';
import type { Item, Workspace } from '../../core/model';
import type { GroupField } from './grouping';

export interface DropGroup {
  field: GroupField;
  /** undefined = the field absent (product backlog, no epic, unassigned). */
  value: string | undefined;
}

export type DropTarget =
  | { kind: 'item'; item: Item; group?: DropGroup }
  | { kind: 'group'; group: DropGroup };

/** Ops for one field on several items; values already equal produce nothing. */
export function fieldOps(items: readonly Item[], group: DropGroup): EditOp[] {
  const current = (i: Item): string | undefined => i[group.field];
  const todo = items.filter((i) => current(i) !== group.value);
  if (todo.length === 0) return [];
  if (group.field === 'sprint') return [{ kind: 'sprint', ids: todo.map((i) => i.id), sprint: group.value ?? null }];
  return todo.map((i): EditOp => (group.value === undefined ? { kind: 'remove', id: i.id, field: group.field } : { kind: 'set', id: i.id, field: group.field, value: group.value }));
}

/**
 * Move ops that put `dragged` (kept in rank order) right before `target`.
 * Each op's `toRank` is computed on the order left by the previous ops, which is
 * how the edit engine applies a list of ops.
 */
export function moveBeforeOps(ws: Workspace, dragged: readonly Item[], target: Item): EditOp[] {
  const order = ws.items.map((i) => i.id);
  const ops: EditOp[] = [];
  const moving = [...dragged].sort((a, b) => a.rank - b.rank).filter((i) => i.id !== target.id);
  for (const item of moving) {
    const from = order.indexOf(item.id);
    if (from < 0) continue;
    const without = order.slice(0, from).concat(order.slice(from + 1));
    const to = without.indexOf(target.id);
    if (to === from) continue; // already right there
    without.splice(to, 0, item.id);
    order.splice(0, order.length, ...without);
    ops.push({ kind: 'move', id: item.id, toRank: to });
  }
  return ops;
}

export function dropOps(ws: Workspace, dragged: readonly Item[], target: DropTarget): EditOp[] {
  if (dragged.length === 0) return [];
  if (target.kind === 'group') return fieldOps(dragged, target.group);
  const ops: EditOp[] = [];
  if (target.group) ops.push(...fieldOps(dragged, target.group));
  ops.push(...moveBeforeOps(ws, dragged, target.item));
  return ops;
}
