// Dependency questions of the item commands (pure: no vscode, unit-tested): which
// items may become a dependency without closing a cycle, and which items still
// name an item that is being deleted.
import type { EditOp } from '../../core/edit/types';
import { defaultState, stateCategory, type Item, type Workspace } from '../../core/model';
import { itemById } from '../../core/lookup';

/** Ids of the items that depend on `id`, directly or through others (each of them would close a cycle). */
export function dependentsClosure(ws: Workspace, id: string): Set<string> {
  const reverse = new Map<string, string[]>();
  for (const i of ws.items) {
    for (const d of i.dependsOn) {
      let list = reverse.get(d);
      if (!list) reverse.set(d, (list = []));
      list.push(i.id);
    }
  }
  const out = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    for (const next of reverse.get(stack.pop()!) ?? []) {
      if (!out.has(next)) {
        out.add(next);
        stack.push(next);
      }
    }
  }
  return out;
}

export interface DependencyCandidates {
  /** Open items first, then done ones, each in rank order. */
  offered: Item[];
  /** Items that depend on the item already: adding one would close a cycle. */
  cycle: string[];
}

/** What `item` may depend on: not itself, not a current dependency, nothing that closes a cycle. */
export function dependencyCandidates(ws: Workspace, item: Item): DependencyCandidates {
  const cycle = dependentsClosure(ws, item.id);
  const current = new Set(item.dependsOn);
  const seen = new Set<string>();
  const ok = ws.items.filter((i) => {
    if (!i.id || i.id === item.id || current.has(i.id) || cycle.has(i.id) || seen.has(i.id)) return false;
    seen.add(i.id);
    return true;
  });
  return { offered: openFirst(ws, ok), cycle: [...cycle].filter((id) => id !== item.id) };
}

/** Open items before done ones (each group keeps its order): long-done work is rarely the target. */
export function openFirst(ws: Workspace, items: readonly Item[]): Item[] {
  const done = (i: Item): boolean => stateCategory(i.state, ws.states) === 'done';
  return [...items.filter((i) => !done(i)), ...items.filter(done)];
}

/** Items outside `ids` whose `depends_on` names one of `ids`. */
export function dependentsOf(ws: Workspace, ids: readonly string[]): Item[] {
  const gone = new Set(ids);
  return ws.items.filter((i) => !gone.has(i.id) && i.dependsOn.some((d) => gone.has(d)));
}

/** Ops that drop `ids` from the `depends_on` of `dependents` (the key goes when nothing is left). */
export function removeReferenceOps(dependents: readonly Item[], ids: readonly string[]): EditOp[] {
  const gone = new Set(ids);
  return dependents.map((i): EditOp => {
    const rest = i.dependsOn.filter((d) => !gone.has(d));
    return rest.length > 0 ? { kind: 'set', id: i.id, field: 'depends_on', value: rest } : { kind: 'remove', id: i.id, field: 'depends_on' };
  });
}

/** The items `item` depends on that are not in a done-category state (unknown ids are the validator's; another team's `team:ID` cannot be known here, so Start Work does not warn about it). */
export function unmetDependencies(ws: Workspace, item: Item): Item[] {
  return item.dependsOn.map((id) => itemById(ws, id)).filter((d): d is Item => !!d && stateCategory(d.state ?? defaultState(ws.states), ws.states) !== 'done');
}
