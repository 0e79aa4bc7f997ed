// Human text for edit ops (pure): auto-commit messages like `PAY-12: state → done`.
import type { EditOp } from './types';

function show(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (typeof v === 'string') return v.length > 40 ? v.slice(0, 39) + '…' : v;
  return String(v);
}

export function describeOp(op: EditOp, newId?: string): string {
  switch (op.kind) {
    case 'set': return `${op.id}: ${op.field} → ${show(op.value)}`;
    case 'remove': return `${op.id}: ${op.field} removed`;
    case 'add': return `${newId ?? show(op.fields.id ?? 'new item')}: added${op.fields.title ? ` "${show(op.fields.title)}"` : ''}`;
    case 'delete': return `${op.id}: deleted`;
    case 'move': return `${op.id}: rank → ${op.toRank + 1}`;
    case 'sprint': return `${op.ids.join(', ')}: sprint → ${op.sprint ?? 'product backlog'}`;
    case 'review': return `${op.sprint}: review ${[op.satisfaction !== undefined ? `satisfaction → ${op.satisfaction}` : '', op.notes !== undefined ? 'notes' : ''].filter(Boolean).join(', ')}`;
    case 'retro-action': return `${op.sprint}: retro action "${show(op.text)}"`;
    case 'retro-note': return `${op.sprint}: retro ${op.list.replace('_', ' ')} note "${show(op.text)}"`;
    case 'retro-done': return `${op.sprint}: retro action #${op.index} ${op.done ? 'closed' : 'reopened'}`;
  }
}

/** One line per item: ops on the same item are joined (`PAY-12: state → doing, assignee → alice`). */
export function commitMessage(ops: readonly EditOp[], newIds: readonly string[] = []): string {
  let added = 0;
  const byItem = new Map<string, string[]>();
  for (const op of ops) {
    const text = describeOp(op, op.kind === 'add' ? newIds[added++] : undefined);
    const colon = text.indexOf(': ');
    const who = text.slice(0, colon);
    const what = text.slice(colon + 2);
    const list = byItem.get(who) ?? [];
    list.push(what);
    byItem.set(who, list);
  }
  const lines = [...byItem].map(([who, what]) => `${who}: ${what.join(', ')}`);
  if (lines.length <= 1) return lines[0] ?? 'Update backlog';
  return `Update backlog (${lines.length} items)\n\n${lines.join('\n')}`;
}
