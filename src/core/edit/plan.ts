// planEdits: ops → text edits. Ops are applied one after another to working
// copies of the touched files (so later ops see earlier ones), each touching
// only the text of the items it changes; nothing re-parses a whole file.

import type { Workspace } from '../model';
import { PlanContext } from './context';
import { addItem, deleteItem, editField, moveItem } from './ops';
import { EditError, type EditOp, type EditPlan } from './types';
import { editSprintLogText } from './sprint-log';
import { checkValue } from './values';

export function planEdits(ws: Workspace, ops: EditOp[], opts: { reservedIds?: Iterable<string> } = {}): EditPlan {
  const ctx = new PlanContext(ws, new Set(opts.reservedIds ?? []));
  for (const op of ops) applyOp(ctx, op);
  return ctx.finish();
}

function applyOp(ctx: PlanContext, op: EditOp): void {
  switch (op.kind) {
    case 'set':
      return editField(ctx, op.id, op.field, checkValue(op.field, op.value));
    case 'remove':
      return editField(ctx, op.id, op.field, undefined);
    case 'sprint': {
      if (op.sprint !== null && (typeof op.sprint !== 'string' || op.sprint.trim() === '')) {
        throw new EditError(`sprint must be a sprint id or null (product backlog), got ${JSON.stringify(op.sprint)}.`);
      }
      for (const id of op.ids) editField(ctx, id, 'sprint', op.sprint ?? undefined);
      return;
    }
    case 'add':
      addItem(ctx, op.fields, op.rank);
      return;
    case 'delete':
      return deleteItem(ctx, op.id);
    case 'move':
      return moveItem(ctx, op.id, op.toRank);
    case 'review':
    case 'retro-note':
    case 'retro-action':
    case 'retro-done': {
      const log = ctx.sprintLog();
      ctx.sprintLogText = editSprintLogText(log.file, log.text, op);
      return;
    }
    default:
      throw new EditError(`unknown edit op ${JSON.stringify((op as { kind?: unknown }).kind)}.`);
  }
}
