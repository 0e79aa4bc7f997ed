// An item's timeline for its tooltip (pure), from the history service's
// per-item figures (metrics.md §2). Only what history knows is shown.
import type { ItemTimeline } from '../history/types';
import type { Item } from '../../core/model';
import type { TimelineEntry } from './labels';

/** `2026-11-17T10:00:00+01:00` → `2026-11-17` (the date as written in the offset it carries). */
function dateOf(iso: string): string {
  return iso.slice(0, 10);
}

export function timelineEntries(item: Item, t: ItemTimeline | undefined): TimelineEntry[] {
  if (!t) return [];
  const out: TimelineEntry[] = [];
  if (item.created) out.push({ date: dateOf(item.created), text: 'created' });
  if (t.startedAt) out.push({ date: dateOf(t.startedAt), text: 'started' + (t.ageDays !== undefined ? ` (${t.ageDays} days in progress)` : '') });
  if (t.doneAt) {
    const took = t.cycleTimeDays !== undefined ? ` (cycle time ${t.cycleTimeDays} day${t.cycleTimeDays === 1 ? '' : 's'})` : '';
    out.push({ date: dateOf(t.doneAt), text: 'done' + took });
  }
  if (t.reopened) out.push({ date: t.doneAt ? dateOf(t.doneAt) : '', text: `reopened ${t.reopened} time${t.reopened === 1 ? '' : 's'}` });
  return out.filter((e) => e.date);
}
