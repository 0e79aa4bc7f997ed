// Rebuilt rows → the rows VS Code already shows, updated in place (pure).
// VS Code's tree knows its rows by object identity: firing onDidChangeTreeData for
// one row re-reads that row; firing for the root re-reads every expanded group,
// thousands of rows at 5,000 items, on every edit and every typing pause. So a
// rebuild keeps the old node objects (copying the new values into them) and says
// which rows to re-read: an item whose values changed, a group whose label or
// members changed; the whole tree only when the top rows themselves changed.
import type { Group } from './grouping';
import { groupDescription } from './grouping';
import type { ItemNode, Node } from './nodes';

/** More changed rows than this: one refresh of everything is cheaper than many of one. */
const MAX_CHANGED = 200;

export interface Reconciled {
  nodes: Node[];
  /** Rows to re-read; 'all' = the folder's top rows changed. */
  changed: Node[] | 'all';
}

function topKey(n: Node): string {
  switch (n.kind) {
    case 'group': return `group|${n.group.key}`;
    case 'info': return `info|${n.key}`;
    case 'error': return `error|${n.problem.file}`;
    case 'item': return `item|${n.nodeId}`;
    case 'folder': return `folder|${n.folderKey}`;
  }
}

const groupShown = (g: Group): string => `${g.label}|${g.status ?? ''}|${g.collapsed}|${g.items.length === 0}|${groupDescription(g)}`;

/** What a row shows, besides an item's own values (compared by identity of its parsed values). */
function shown(n: Node): string {
  switch (n.kind) {
    case 'group': return `${groupShown(n.group)}|${n.sprint ?? ''}`;
    case 'info': return JSON.stringify([n.label, n.description, n.tooltip, n.icon, n.command]);
    case 'error': return JSON.stringify([n.problem, n.more]);
    case 'item': return `${n.group?.key ?? ''}`;
    case 'folder': return n.name;
  }
}

/** `target` becomes `source` (keys `source` lacks are removed: an info row can lose its tooltip), keeping its identity. */
function become<T extends object>(target: T, source: T): T {
  for (const k of Object.keys(target)) if (!(k in source)) delete (target as Record<string, unknown>)[k];
  return Object.assign(target, source);
}

/** The same parsed values (the parser shares them between unchanged chunks), so the same row. */
const sameItem = (a: ItemNode, b: ItemNode): boolean => a.item === b.item || (a.item.raw === b.item.raw && a.item.id === b.item.id);

/**
 * `next` with every row that `old` already had (same kind and key) replaced by the old object,
 * updated to the new values, and the rows that VS Code must re-read. `statesChanged`: the
 * workflow's states changed, which changes every item's icon.
 */
export function reconcile(old: readonly Node[], next: Node[], statesChanged: boolean): Reconciled {
  const before = new Map(old.map((n) => [topKey(n), n]));
  if (statesChanged || old.length !== next.length || next.some((n, i) => topKey(n) !== topKey(old[i]))) return { nodes: next, changed: 'all' };
  const changed: Node[] = [];
  const nodes = next.map((n) => {
    const prev = before.get(topKey(n))!;
    if (n.kind === 'group' && prev.kind === 'group') {
      const kids = new Map(prev.children.map((c) => [c.nodeId, c]));
      let membersChanged = prev.children.length !== n.children.length;
      const children = n.children.map((c, i) => {
        const was = kids.get(c.nodeId);
        if (!was) {
          membersChanged = true;
          return c;
        }
        if (prev.children[i] !== was) membersChanged = true;
        if (!sameItem(was, c)) changed.push(was);
        become(was, c);
        return was;
      });
      if (membersChanged || shown(prev) !== shown(n)) changed.push(prev);
      become(prev, { ...n, children });
      return prev;
    }
    if (shown(prev) !== shown(n) || (n.kind === 'item' && prev.kind === 'item' && !sameItem(prev, n))) changed.push(prev);
    return become(prev, n);
  });
  return { nodes, changed: changed.length > MAX_CHANGED ? 'all' : changed };
}
