// Which item a palette command offers first (pure: no vscode, unit-tested): the item
// under the editor's cursor in a backlog file, then open items, then done ones.
import type { Item, Workspace } from '../../core/model';
import { openFirst } from './dependencies';

/** The item whose entry holds `offset` of `file` (offsets of the model's text). */
export function itemAtOffset(ws: Workspace, file: string, offset: number): Item | undefined {
  return ws.items.find((i) => i.file === file && i.source.offset <= offset && offset <= i.source.end);
}

/** Palette order: the cursor's item first, then open items, then done ones (each in rank order). */
export function paletteOrder(ws: Workspace, cursor?: Item): Item[] {
  const rest = openFirst(ws, ws.items.filter((i) => i !== cursor));
  return cursor ? [cursor, ...rest] : rest;
}
