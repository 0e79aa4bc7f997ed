// Which sprint is planned, active or closed on a day, and which one is "the"
// active sprint: the one rule the Sprint view, the status bar, completion,
// pickers and the metrics all use (spec backlog-format.md, "A sprint is planned
// before its start day, active from its start day to its end day, closed after
// its end day").

import type { Sprint, SprintLog } from '../model';
import { isDay } from '../time';

export type SprintStatus = 'planned' | 'active' | 'closed';

/** Status of a sprint on `day` (`YYYY-MM-DD` in the log's zone); null when its start or end is not a real day or end < start (the validator reports those). */
export function sprintStatus(s: Pick<Sprint, 'start' | 'end'>, day: string): SprintStatus | null {
  if (!isDay(s.start) || !isDay(s.end) || s.end < s.start) return null;
  return day < s.start ? 'planned' : day > s.end ? 'closed' : 'active';
}

/** The log's sprints that have an id, in calendar order (by start; as listed on the same start). */
export function sprintsByStart(log: Pick<SprintLog, 'sprints'> | undefined): Sprint[] {
  return (log?.sprints ?? []).filter((s) => s.id).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.index - b.index));
}

/** `active · 2026-11-16 – 2026-11-27`: how pickers describe a sprint. */
export function sprintDescription(s: Pick<Sprint, 'start' | 'end'>, day: string): string {
  return `${sprintStatus(s, day) ?? 'dates not valid'} · ${s.start} – ${s.end}`;
}

/**
 * The sprint running on `day`. Overlapping sprints are a validation error
 * (`sprint-overlap`) but the files may still say so; the spec does not say
 * which one runs then, so the one that started last wins (it is the one the
 * team has moved on to); on the same start day, the first listed.
 */
export function activeSprint(log: Pick<SprintLog, 'sprints'> | undefined, day: string): Sprint | undefined {
  let found: Sprint | undefined;
  for (const s of log?.sprints ?? []) {
    if (s.id && sprintStatus(s, day) === 'active' && (!found || s.start > found.start)) found = s;
  }
  return found;
}

/** The planned sprint that starts soonest after `day` (the first listed on a tie). */
export function nextSprint(log: Pick<SprintLog, 'sprints'> | undefined, day: string): Sprint | undefined {
  let found: Sprint | undefined;
  for (const s of log?.sprints ?? []) {
    if (s.id && sprintStatus(s, day) === 'planned' && (!found || s.start < found.start)) found = s;
  }
  return found;
}
