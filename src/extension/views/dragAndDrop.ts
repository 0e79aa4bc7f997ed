// Drag and drop between rows of both views: reorder rank, move between
// sprints, states, epics or assignees (see dnd.ts for the mapping to ops).
import * as vscode from 'vscode';
import type { EditOp } from '../../core/edit/types';
import type { Item, Workspace } from '../../core/model';
import { applyOps } from '../commands/apply';
import { Refusal, reportError } from '../errors';
import { confirmIntoClosedSprint } from '../commands/itemCommands';
import type { Services } from '../commands/services';
import { folderByKey } from '../folders';
import { itemsById } from '../../core/lookup';
import { dropOps, fieldOps, type DropGroup } from './dnd';
import type { Node } from './nodes';

/** One mime type for both views, so items can be dragged from one to the other. */
export const ITEMS_MIME = 'application/vnd.code.tree.sprintlog.items';

interface Payload {
  folderKey: string;
  ids: string[];
}

/** The drag data as a Payload, or undefined: it may come from another window or extension (a JSON string then). */
function payloadOf(value: unknown): Payload | undefined {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v) as unknown;
    } catch {
      return undefined;
    }
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const { folderKey, ids } = v as Record<string, unknown>;
  return typeof folderKey === 'string' && Array.isArray(ids) && ids.every((i) => typeof i === 'string') ? { folderKey, ids } : undefined;
}

/** The ops a drop makes, computed on a given model (so a re-plan after a reload recomputes them). */
export function opsForDrop(ws: Workspace, ids: readonly string[], target: Node | undefined): EditOp[] {
  const byId = itemsById(ws);
  const dragged = ids.map((id) => byId.get(id)).filter((i): i is Item => i !== undefined);
  if (dragged.length === 0 || !target) return [];
  const sprintOf = (n: Node): string | undefined => (n.kind === 'group' && n.view === 'sprint' ? n.sprint : n.kind === 'item' && n.view === 'sprint' ? n.item.sprint : undefined);
  // In the sprint view every row stands for the shown sprint too: dropping there also moves items into it.
  const joinSprint = sprintOf(target);
  const extra = joinSprint !== undefined ? fieldOps(dragged, { field: 'sprint', value: joinSprint }) : [];
  const groupOf = (n: Node): DropGroup | undefined => (n.kind === 'group' ? n.group : n.kind === 'item' ? n.group : undefined);
  if (target.kind === 'item') {
    const item = byId.get(target.item.id);
    if (!item) return [];
    return [...extra, ...dropOps(ws, dragged, { kind: 'item', item, group: groupOf(target) })];
  }
  if (target.kind === 'group') return [...extra, ...dropOps(ws, dragged, { kind: 'group', group: target.group })];
  if (target.kind === 'info' && target.key === 'sprint' && target.command) {
    return []; // "no active sprint" row: nothing to join
  }
  return [];
}

export class ItemDragAndDrop implements vscode.TreeDragAndDropController<Node> {
  readonly dragMimeTypes = [ITEMS_MIME];
  readonly dropMimeTypes = [ITEMS_MIME];

  constructor(private readonly s: Services) {}

  handleDrag(source: readonly Node[], data: vscode.DataTransfer): void {
    const items = source.filter((n) => n.kind === 'item');
    if (items.length === 0) return;
    const folderKey = items[0].folderKey;
    const payload: Payload = { folderKey, ids: items.filter((n) => n.folderKey === folderKey).map((n) => (n.kind === 'item' ? n.item.id : '')) };
    data.set(ITEMS_MIME, new vscode.DataTransferItem(payload));
  }

  async handleDrop(target: Node | undefined, data: vscode.DataTransfer, _token: vscode.CancellationToken): Promise<void> {
    const raw = data.get(ITEMS_MIME);
    if (!raw || !target) return;
    const payload = payloadOf(raw.value);
    if (!payload) return;
    try {
      if (payload.folderKey !== target.folderKey) throw new Refusal('Sprintlog moves items only within their own folder’s backlog.');
      const fb = folderByKey(this.s.store.folders(), target.folderKey);
      if (!fb) return;
      // A drop into a closed sprint asks as the Move command does; declined, nothing changes.
      const byId = itemsById(fb.workspace);
      for (const op of opsForDrop(fb.workspace, payload.ids, target)) {
        if (op.kind !== 'sprint') continue;
        const items = op.ids.map((id) => byId.get(id)).filter((i): i is Item => i !== undefined);
        if (!(await confirmIntoClosedSprint(fb.workspace, op.sprint, items))) return;
      }
      await applyOps(this.s.store, this.s.git, fb, (ws) => opsForDrop(ws, payload.ids, target));
    } catch (e) {
      reportError(this.s.log, e, `drop on ${target.kind === 'item' ? target.item.id : target.kind}`);
    }
  }
}
