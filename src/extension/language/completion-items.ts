// The values offered for each completion context, from the workspace model.

import { workflowOrder, type Workspace } from '../../core/model';
import { sprintStatus } from '../../core/sprint';
import type { CompletionContext } from './completion-context';
import { scalarText } from '../../core/edit/scalar';

export interface Candidate {
  label: string;
  /** Text to insert (quoted when YAML needs it and no quote is open). */
  insertText: string;
  detail?: string;
  /** Orders the list: lower first. */
  sortText: string;
}

function pad(n: number): string {
  return String(n).padStart(5, '0');
}

/** Inside an opened quote the text as is; else as the edit engine writes it (flow rules: the cursor may be in `[…]`). */
function insert(value: string, ctx: CompletionContext): string {
  return ctx.quote ? value : scalarText(value, 'flow');
}

/**
 * @param today `YYYY-MM-DD` in the sprint log's zone, to put active and planned sprints first
 * @param selfId the item the cursor is in, never offered as its own dependency
 */
export function completionCandidates(ctx: CompletionContext, ws: Workspace, today?: string, selfId?: string): Candidate[] {
  switch (ctx.kind) {
    case 'state':
      return workflowOrder(ws.states).map((name, i) => ({ label: name, insertText: insert(name, ctx), detail: ws.states[name], sortText: pad(i) }));
    case 'sprint': {
      const sprints = ws.sprintLog?.sprints.filter((s) => s.id) ?? [];
      return sprints.map((s, i) => {
        const status = today ? sprintStatus(s, today) : null;
        // Active first, then planned in calendar order, then closed newest first.
        const group = status === 'active' ? 0 : status === 'planned' ? 1 : status === 'closed' ? 2 : 1;
        const order = group === 2 ? sprints.length - i : i;
        const detail = [s.name, s.start && s.end ? `${s.start} – ${s.end}` : undefined, status].filter(Boolean).join(' · ');
        return { label: s.id, insertText: insert(s.id, ctx), detail, sortText: `${group}${pad(order)}` };
      });
    }
    case 'epic':
      return ws.epics.filter((e) => e.id).map((e, i) => ({ label: e.id, insertText: insert(e.id, ctx), detail: e.title, sortText: pad(i) }));
    case 'dependency': {
      const skip = new Set([...ctx.listed, ...(selfId ? [selfId] : [])]);
      const seen = new Set<string>();
      const out: Candidate[] = [];
      for (const item of ws.items) {
        if (!item.id || skip.has(item.id) || seen.has(item.id)) continue;
        seen.add(item.id);
        out.push({ label: item.id, insertText: insert(item.id, ctx), detail: item.title, sortText: pad(item.rank) });
      }
      return out;
    }
    case 'assignee': {
      const counts = new Map<string, number>();
      for (const item of ws.items) if (item.assignee) counts.set(item.assignee, (counts.get(item.assignee) ?? 0) + 1);
      for (const epic of ws.epics) if (epic.owner && !counts.has(epic.owner)) counts.set(epic.owner, 0);
      // Most assigned first: the likeliest person to type.
      const names = [...counts.keys()].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || (a < b ? -1 : 1));
      return names.map((name, i) => {
        const n = counts.get(name) ?? 0;
        return { label: name, insertText: insert(name, ctx), detail: n === 1 ? '1 item' : `${n} items`, sortText: pad(i) };
      });
    }
  }
}
