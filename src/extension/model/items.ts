// Lookups on a folder's model that many consumers need, built once per model.
import type { Item, Workspace } from '../../core/model';

const itemIndex = new WeakMap<Workspace, Map<string, Item>>();

/** id → item of a workspace (first occurrence wins on duplicates), built once per model. */
export function itemsById(ws: Workspace): Map<string, Item> {
  let m = itemIndex.get(ws);
  if (!m) {
    m = new Map();
    for (const i of ws.items) if (i.id && !m.has(i.id)) m.set(i.id, i);
    itemIndex.set(ws, m);
  }
  return m;
}

/** Files of a folder's backlog, repo-relative: main, sprints, archive files that parsed. */
export function backlogFilesOf(ws: Pick<Workspace, 'backlogPath' | 'sprintsPath' | 'backlogs'>): string[] {
  const files = new Set<string>([ws.backlogPath, ws.sprintsPath]);
  for (const b of ws.backlogs) files.add(b.file);
  return [...files];
}
