// Finding an item or a sprint by its id: the one lookup every layer uses.
// Ids should be unique (the validator reports `duplicate-id`); while they are
// not, the first one in rank order (the main file before the archive) wins.

import type { Item, Sprint, SprintLog, Workspace } from './model';

const itemIndex = new WeakMap<Workspace, Map<string, Item>>();

/** id → item of a workspace (first occurrence wins on duplicates), built once per model. */
export function itemsById(ws: Pick<Workspace, 'items'> & object): Map<string, Item> {
  let m = itemIndex.get(ws as Workspace);
  if (!m) {
    m = new Map();
    for (const i of ws.items) if (i.id && !m.has(i.id)) m.set(i.id, i);
    itemIndex.set(ws as Workspace, m);
  }
  return m;
}

export function itemById(ws: Pick<Workspace, 'items'> & object, id: string): Item | undefined {
  return itemsById(ws).get(id);
}

/** The sprint with `id` in the log (the first one on duplicates). */
export function sprintById(log: Pick<SprintLog, 'sprints'> | undefined, id: string | undefined): Sprint | undefined {
  return id === undefined ? undefined : log?.sprints.find((s) => s.id === id);
}
