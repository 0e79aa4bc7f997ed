// Open retrospective actions of past sprints, with owner and age (days since the
// sprint's last day, when its retro took place), oldest first.

import type { Workspace } from '../model';
import { daysBetween, isDay } from '../time';

export interface OpenAction {
  sprint: string;
  /** 1-based position in the sprint's `retro.actions` (what `sprintlog retro close` takes). */
  index: number;
  text: string;
  owner: string | null;
  ageDays: number | null;
}

export function openRetroActions(ws: Workspace, asOfDay: string): OpenAction[] {
  const out: OpenAction[] = [];
  for (const s of ws.sprintLog?.sprints ?? []) {
    if (!isDay(s.end) || s.end >= asOfDay) continue;
    (s.retro?.actions ?? []).forEach((a, i) => {
      if (!a.done) out.push({ sprint: s.id, index: i + 1, text: a.text, owner: a.owner ?? null, ageDays: daysBetween(s.end, asOfDay) });
    });
  }
  return out.sort((a, b) => (b.ageDays ?? 0) - (a.ageDays ?? 0));
}
