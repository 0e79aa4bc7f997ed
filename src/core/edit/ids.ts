// Item ids: the next free one, and the checks a new or renamed id must pass.

import type { Workspace } from '../model';
import { EditError } from './types';

/** What the spec allows in an id. */
export const ID_PATTERN = /^[A-Za-z0-9._-]+$/;

const NUMBERED = /^(.+)-(\d+)$/;

/**
 * The project prefix plus one more than the highest number used with it in
 * any backlog file or among `reservedIds` (`PAY-12` → `PAY-13`). The prefix
 * is `project:`; without it, the prefix most ids use.
 */
export function nextId(ws: Workspace, reservedIds: Iterable<string> = []): string {
  const ids = [...ws.items.map((i) => i.id), ...reservedIds];
  const prefix = ws.project?.trim() || inferPrefix(ids);
  if (!prefix) {
    throw new EditError(`cannot choose an id for a new item: set \`project: ABC\` in ${ws.backlogPath} (ids become ABC-1, ABC-2, ...) or give the id.`);
  }
  let max = 0;
  for (const id of ids) {
    const m = NUMBERED.exec(id);
    if (m && m[1] === prefix) max = Math.max(max, Number(m[2]));
  }
  return `${prefix}-${max + 1}`;
}

function inferPrefix(ids: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const id of ids) {
    const m = NUMBERED.exec(id);
    if (m) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [prefix, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = prefix;
  return best;
}
