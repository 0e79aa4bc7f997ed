// Commands that change existing items: state, sprint, estimate, assignee,
// title, blocked reason, dependencies, delete. Each builds edit ops and hands
// them to applyOps (one undo step per command).
import * as vscode from 'vscode';
import type { EditOp } from '../../core/edit/types';
import type { Item, Workspace } from '../../core/model';
import { itemsById } from '../../core/lookup';
import { backlogFilesOf } from '../model/items';
import { peopleInFiles } from '../views/grouping';
import { Refusal } from '../errors';
import { applyOps, refuseUnwritable, type Applied } from './apply';
import { describeOp } from '../../core/edit/describe';
import { isClosedSprint, itemsLabel } from './choices';
import { dependencyCandidates, dependentsClosure, dependentsOf, removeReferenceOps } from './dependencies';
import { askAssignee, askItem, askPoints, askSprint, askState, askText } from './pickers';
import { sameAs } from './me';
import { argsOf, resolveTargets, whoAmI, type Services, type Targets } from './services';

export type Handler = (s: Services, args: unknown[]) => Promise<unknown>;

function report(applied: Applied | undefined): Applied | undefined {
  if (applied && applied.ops.length > 0) {
    const text = applied.ops.length === 1 ? describeOp(applied.ops[0], applied.plan.newIds[0]) : `${applied.ops.length} changes`;
    vscode.window.setStatusBarMessage(`Sprintlog: ${text}${applied.commit ? ' (committed)' : ''}`, 4000);
  }
  return applied;
}

type OpsOf = (items: Item[], ws: Workspace) => EditOp[];

/**
 * Applies ops made from the targets as the model being planned on has them: when the
 * text moved on since the targets were read (a prompt stayed open, typing not read yet),
 * applyOps re-plans on the fresh model and the ops are made again from its items, so a
 * value is never computed from text that is gone (e.g. a dependency list missing one).
 */
async function edit(s: Services, t: Targets, opsOf: OpsOf): Promise<Applied | undefined> {
  // An item gone from the fresh model keeps its old entry: planning then refuses with its id.
  const fresh = (ws: Workspace): Item[] => t.items.map((i) => itemsById(ws).get(i.id) ?? i);
  return report(await applyOps(s.store, s.git, t.fb, (ws) => opsOf(fresh(ws), ws)));
}

/**
 * Targets, refusing early (before any question) when the folder cannot be written
 * or a target's id is used by two items (the edit would not know which one is meant).
 */
async function writable(s: Services, args: unknown[], prompt: string, many = true): Promise<Targets | undefined> {
  const t = await resolveTargets(s, args, prompt, many);
  if (!t) return t;
  refuseUnwritable(t.fb);
  for (const item of t.items) {
    const same = t.fb.workspace.items.filter((i) => i.id === item.id);
    if (same.length > 1) {
      const where = same.map((i) => `${i.file}:${i.source.line}`).join(' and ');
      throw new Refusal(`${item.id} is the id of ${same.length} items (${where}): give one of them another id first (the duplicate-id quick fix does).`);
    }
  }
  return t;
}

const setField = (items: Item[], field: string, value: unknown, current: (i: Item) => unknown): EditOp[] =>
  items.filter((i) => current(i) !== value).map((i) => ({ kind: 'set', id: i.id, field, value }));

const removeField = (items: Item[], field: string, present: (i: Item) => boolean): EditOp[] =>
  items.filter(present).map((i) => ({ kind: 'remove', id: i.id, field }));

export const setState: Handler = async (s, args) => {
  const t = await writable(s, args, 'Set the state of…');
  if (!t) return;
  const state = argsOf(args).state ?? (await askState(t.fb.workspace, t.items));
  if (state === undefined) return;
  if (!(state in t.fb.workspace.states)) throw new Refusal(`"${state}" is not a state of this backlog (${Object.keys(t.fb.workspace.states).join(', ')}).`);
  return edit(s, t, (items) => setField(items, 'state', state, (i) => i.state));
};

export const moveToSprint: Handler = async (s, args) => {
  const t = await writable(s, args, 'Move to another sprint…');
  if (!t) return;
  const a = argsOf(args);
  const sprint = a.sprint !== undefined ? a.sprint : await askSprint(t.fb.workspace, t.items);
  if (sprint === undefined) return;
  if (a.confirm !== true && !(await confirmIntoClosedSprint(t.fb.workspace, sprint, t.items))) return;
  return edit(s, t, (items) => {
    const ids = items.filter((i) => i.sprint !== (sprint ?? undefined)).map((i) => i.id);
    return ids.length > 0 ? [{ kind: 'sprint', ids, sprint }] : [];
  });
};

/**
 * Work added to a closed sprint changes figures the team already reviewed: asks first (modal).
 * True when the move may go ahead (the sprint is not closed, nothing joins it, or the user agreed).
 * The Move command and drag and drop both ask through this.
 */
export async function confirmIntoClosedSprint(ws: Workspace, sprint: string | null, items: readonly Item[]): Promise<boolean> {
  const joining = items.filter((i) => i.sprint !== (sprint ?? undefined));
  if (!isClosedSprint(ws, sprint, new Date()) || joining.length === 0) return true;
  const s = ws.sprintLog?.sprints.find((x) => x.id === sprint);
  const ok = await vscode.window.showWarningMessage(`${sprint} is closed (it ended ${s?.end}). Move ${itemsLabel(items)} into it anyway?`, { modal: true, detail: 'Its committed and completed points, velocity and the review figures change.' }, 'Move Anyway');
  return ok === 'Move Anyway';
}

export const estimate: Handler = async (s, args) => {
  const t = await writable(s, args, 'Estimate…');
  if (!t) return;
  const a = argsOf(args);
  const points = a.points !== undefined ? a.points : await askPoints(t.items);
  if (points === undefined) return;
  if (points !== null && !(Number.isFinite(points) && points >= 0)) throw new Refusal('Points must be a number of 0 or more.');
  return edit(s, t, (items) => (points === null ? removeField(items, 'points', (i) => i.raw.points !== undefined) : setField(items, 'points', points, (i) => i.points)));
};

export const assign: Handler = async (s, args) => {
  const t = await writable(s, args, 'Assign…');
  if (!t) return;
  const a = argsOf(args);
  let who = a.assignee;
  if (who === undefined) {
    const people: { name: string; why: string }[] = [];
    const add = (name: string | undefined, why: string): void => {
      if (name && !people.some((p) => p.name === name)) people.push({ name, why });
    };
    // Without git (not installed) the names in the file and a typed one still do.
    const me = await whoAmI(s, t.fb);
    if (me) add(me.name, me.why);
    const handles = peopleInFiles(t.fb.workspace);
    for (const p of handles) add(p, 'in the backlog');
    // A git-log name is offered only for people the backlog has no handle for.
    const authors = s.git.available ? await s.git.authors(t.fb, backlogFilesOf(t.fb.workspace)).catch(() => []) : [];
    for (const p of authors) if (!handles.some((h) => sameAs(p, h)) && !(me && sameAs(p, me.name))) add(p, 'git log');
    who = await askAssignee(people, t.items);
    if (who === undefined) return;
  }
  return edit(s, t, (items) => (who === null ? removeField(items, 'assignee', (i) => i.raw.assignee !== undefined) : setField(items, 'assignee', who, (i) => i.assignee)));
};

/** "Assign to me": your handle (./me: the sprintlog.me setting, else the backlog's handle for your git identity). */
export const assignToMe: Handler = async (s, args) => {
  const t = await writable(s, args, 'Assign to me…');
  if (!t) return;
  const me = (await whoAmI(s, t.fb))?.name;
  if (!me) throw new Refusal('Sprintlog does not know who you are here: set `sprintlog.me` to your handle, or git\'s user.name (`git config user.name "Your Name"`).');
  return edit(s, t, (items) => setField(items, 'assignee', me, (i) => i.assignee));
};

export const editTitle: Handler = async (s, args) => {
  const t = await writable(s, args, 'Edit the title of…', false);
  if (!t) return;
  const item = t.items[0];
  const title = argsOf(args).title ?? (await askText(`Title of ${item.id}`, item.title, (v) => (v.trim() ? undefined : 'A title cannot be empty.'), `Edit the title of ${item.id}`));
  if (title === undefined) return;
  if (!title.trim()) throw new Refusal('A title cannot be empty.');
  return edit(s, t, (items) => setField(items, 'title', title.trim(), (i) => i.title));
};

export const setBlocked: Handler = async (s, args) => {
  const t = await writable(s, args, 'Mark as blocked…');
  if (!t) return;
  const current = t.items.length === 1 ? (t.items[0].blocked ?? '') : '';
  const reason = argsOf(args).reason ?? (await askText('Why is it blocked? (the impediment)', current, (v) => (v.trim() ? undefined : 'Say what it is waiting for.'), `Mark ${itemsLabel(t.items)} as blocked`));
  if (reason === undefined) return;
  if (!reason.trim()) throw new Refusal('A blocked reason cannot be empty; use "Clear Blocked" to unblock.');
  return edit(s, t, (items) => setField(items, 'blocked', reason.trim(), (i) => i.blocked));
};

export const clearBlocked: Handler = async (s, args) => {
  const t = await writable(s, args, 'Unblock…');
  if (!t) return;
  return edit(s, t, (items) => removeField(items, 'blocked', (i) => i.raw.blocked !== undefined));
};

export const addDependency: Handler = async (s, args) => {
  const t = await writable(s, args, 'Add a dependency to…', false);
  if (!t) return;
  const item = t.items[0];
  let dep = argsOf(args).dependency;
  if (dep === undefined) {
    const { offered, cycle } = dependencyCandidates(t.fb.workspace, item);
    if (offered.length === 0) throw new Refusal(`${item.id} cannot depend on any other item${cycle.length > 0 ? ` (${cycle.join(', ')} depend on it: a cycle)` : ''}.`);
    const left = cycle.length > 0 ? ` · not offered (they depend on ${item.id}, a cycle): ${cycle.slice(0, 8).join(', ')}${cycle.length > 8 ? ', …' : ''}` : '';
    dep = await askItem(offered, `${itemsLabel([item])} depends on…`, `Pick the item it waits for${left}`);
  }
  if (dep === undefined) return;
  if (dep === item.id) throw new Refusal('An item cannot depend on itself.');
  if (item.dependsOn.includes(dep)) return;
  if (!t.fb.workspace.items.some((i) => i.id === dep)) throw new Refusal(`${dep} is not an item of this backlog.`);
  if (dependentsClosure(t.fb.workspace, item.id).has(dep)) throw new Refusal(`${dep} already depends on ${item.id} (directly or through others): adding it would make a dependency cycle.`);
  return edit(s, t, ([now]) => (now.dependsOn.includes(dep) ? [] : [{ kind: 'set', id: now.id, field: 'depends_on', value: [...now.dependsOn, dep] }]));
};

const DELETE = 'Delete';
const DELETE_AND_UNLINK = 'Delete and Remove References';
const DELETE_ONLY = 'Delete Only';

/**
 * Deletes items; items that depend on them are named, and their references are removed in
 * the same edit (one undo step) unless the user keeps them (`removeReferences: false`).
 */
export const deleteItem: Handler = async (s, args) => {
  const t = await writable(s, args, 'Delete…');
  if (!t) return;
  const a = argsOf(args);
  const ids = t.items.map((i) => i.id);
  const dependents = dependentsOf(t.fb.workspace, ids);
  let unlink = a.removeReferences !== false;
  if (a.confirm !== true) {
    const lines = dependents.slice(0, 10).map((d) => `${d.id} depends on ${d.dependsOn.filter((x) => ids.includes(x)).join(', ')}.`);
    if (dependents.length > 10) lines.push(`… and ${dependents.length - 10} more.`);
    const detail = [...lines, 'Undo (Ctrl+Z in the file) or git brings it back.'].join('\n');
    const buttons = dependents.length > 0 ? [DELETE_AND_UNLINK, DELETE_ONLY] : [DELETE];
    const ok = await vscode.window.showWarningMessage(`Delete ${itemsLabel(t.items)} from the backlog?`, { modal: true, detail }, ...buttons);
    if (ok === undefined) return;
    unlink = ok === DELETE_AND_UNLINK;
  }
  return edit(s, t, (items, ws) => {
    const del: EditOp[] = items.map((i) => ({ kind: 'delete', id: i.id }));
    return unlink ? [...del, ...removeReferenceOps(dependentsOf(ws, items.map((i) => i.id)), items.map((i) => i.id))] : del;
  });
};
