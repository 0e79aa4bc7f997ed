// What each picker offers and which entry it focuses (pure: no vscode, unit-tested).
// A reflexive Enter must change nothing: the focused entry is the current value of
// the one item being edited, or a "keep" entry when there are several (or none is
// current). The title names the item(s), so it is clear what the pick edits.
import { effectiveState, workflowOrder, type Item, type Workspace } from '../../core/model';
import { sprintDescription, sprintsByStart, sprintStatus, today } from '../../core/sprint';
import { sprintLabel } from '../views/grouping';
import { sprintById } from '../../core/lookup';

export interface Choice<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
  /** Picking it is the same as cancelling: nothing changes. */
  keep?: boolean;
}

export interface ChoiceModel<T> {
  title: string;
  placeholder: string;
  choices: Choice<T>[];
  /** Index of the focused entry. */
  active: number;
}

/** `PAY-12 “Refund flow”`, or `3 items (PAY-1, PAY-2, PAY-3)`. */
export function itemsLabel(items: readonly Pick<Item, 'id' | 'title'>[]): string {
  if (items.length === 1) return `${items[0].id} “${items[0].title}”`;
  const ids = items.slice(0, 5).map((i) => i.id).join(', ');
  return `${items.length} items (${ids}${items.length > 5 ? ', …' : ''})`;
}

/**
 * The current value focused for a single item, else a "keep" entry put first and focused.
 * `current` undefined for a single item that has no value: `none` (the "no value" entry) is focused.
 */
function focus<T>(title: string, placeholder: string, choices: Choice<T>[], items: readonly Item[], current: (i: Item) => T, same: (a: T, b: T) => boolean = Object.is): ChoiceModel<T> {
  if (items.length === 1) {
    const value = current(items[0]);
    const at = choices.findIndex((c) => same(c.value, value));
    if (at >= 0) {
      choices[at] = { ...choices[at], description: [choices[at].description, 'current'].filter(Boolean).join(' · ') };
      return { title, placeholder, choices, active: at };
    }
  }
  const values = [...new Set(items.map((i) => String(current(i) ?? '—')))];
  const keep: Choice<T> = { label: 'Keep as is', description: values.slice(0, 6).join(', '), value: undefined as T, keep: true };
  return { title, placeholder, choices: [keep, ...choices], active: 0 };
}

export function stateChoices(ws: Workspace, items: readonly Item[]): ChoiceModel<string> {
  const choices = workflowOrder(ws.states).map((s) => ({ label: s, description: ws.states[s], value: s }));
  return focus(`Set the state of ${itemsLabel(items)}`, 'New state', choices, items, (i) => effectiveState(i, ws.states));
}

export const POINT_SCALE = [0, 1, 2, 3, 5, 8, 13, 20, 40, 100];

/** `items` empty: a new item, for which "No estimate" comes first and is focused. */
export function pointsChoices(items: readonly Item[], title?: string): ChoiceModel<number | null> {
  const scale = [...POINT_SCALE];
  for (const i of items) if (i.points !== undefined && !scale.includes(i.points)) scale.push(i.points);
  scale.sort((a, b) => a - b);
  const none: Choice<number | null> = { label: 'No estimate', description: 'unestimated', value: null };
  const choices = scale.map((n): Choice<number | null> => ({ label: String(n), value: n }));
  const placeholder = 'Points (pick or type a number)';
  if (items.length === 0) return { title: title ?? 'Estimate the new item', placeholder, choices: [none, ...choices], active: 0 };
  return focus(title ?? `Estimate ${itemsLabel(items)}`, placeholder, [...choices, none], items, (i) => i.points ?? null);
}

export interface Person {
  name: string;
  why: string;
}

export function assigneeChoices(people: readonly Person[], items: readonly Item[]): ChoiceModel<string | null> {
  const list = [...people];
  // A current assignee is always offered (focused), even when no source listed them.
  if (items.length === 1 && items[0].assignee && !list.some((p) => p.name === items[0].assignee)) list.unshift({ name: items[0].assignee, why: 'assignee' });
  const choices: Choice<string | null>[] = list.map((p) => ({ label: p.name, description: p.why, value: p.name }));
  choices.push({ label: 'Nobody', description: 'unassigned', value: null });
  return focus(`Assign ${itemsLabel(items)}`, 'Assign to (pick or type a name)', choices, items, (i) => i.assignee ?? null);
}

/** Active and planned sprints first (by start), then the product backlog, then closed ones. `items` empty: a new item, `current` its default. */
export function sprintChoices(ws: Workspace, items: readonly Item[], now: Date, current: string | null = null): ChoiceModel<string | null> {
  const day = today(ws.sprintLog, now.getTime());
  const sprints = sprintsByStart(ws.sprintLog);
  const open = sprints.filter((s) => sprintStatus(s, day) !== 'closed');
  const closed = sprints.filter((s) => sprintStatus(s, day) === 'closed').reverse();
  const pick = (s: (typeof sprints)[number]): Choice<string | null> => ({ label: sprintLabel(s.id, s.name), description: sprintDescription(s, day), detail: s.goal, value: s.id });
  const choices = [...open.map(pick), { label: 'Product backlog', description: 'no sprint', value: null }, ...closed.map(pick)];
  const placeholder = 'Move to sprint';
  if (items.length === 0) {
    const at = Math.max(0, choices.findIndex((c) => c.value === current));
    return { title: 'Sprint of the new item', placeholder, choices, active: at };
  }
  return focus(`Move ${itemsLabel(items)} to a sprint`, placeholder, choices, items, (i) => i.sprint ?? null);
}

/** Whether a sprint is closed on the day of `now` (moving work into it rewrites the past). */
export function isClosedSprint(ws: Workspace, id: string | null, now: Date): boolean {
  const s = sprintById(ws.sprintLog, id ?? undefined);
  return !!s && sprintStatus(s, today(ws.sprintLog, now.getTime())) === 'closed';
}
