// The status bar entry for the active sprint: remaining points and days left,
// counted in the sprint log's time zone.

import { effectiveState, stateCategory, type Sprint, type Workspace } from '../../core/model';
import { dayIn, daysBetween, workingDaysBetween } from '../language/days';
import type { SprintFigures } from '../history/types';

export interface SprintStatus {
  sprintId: string;
  text: string;
  tooltip: string;
}

/** The sprint active on `today`, else undefined (the first one when sprints overlap, which the validator flags). */
export function activeSprint(ws: Workspace, today: string): Sprint | undefined {
  return ws.sprintLog?.sprints.find((s) => s.id && s.start && s.end && s.start <= today && today <= s.end);
}

/** The next planned sprint after `today`. */
function nextSprint(ws: Workspace, today: string): Sprint | undefined {
  const planned = (ws.sprintLog?.sprints ?? []).filter((s) => s.id && s.start > today);
  return planned.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))[0];
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * @param now ms since epoch
 * @param figuresOf the sprint's history figures, when the history service has them
 * @returns undefined when there is no sprint log or no sprint to show
 */
export function sprintStatus(ws: Workspace, now: number, figuresOf?: (sprintId: string) => SprintFigures | undefined): SprintStatus | undefined {
  // Points counted from the part of a file that parsed would be presented as facts: say what is broken instead.
  const broken = ws.parseProblems.find((p) => p.severity === 'error' && (p.file === ws.backlogPath || p.file === ws.sprintsPath));
  if (broken) {
    return {
      sprintId: '',
      text: `$(warning) Sprintlog: ${broken.file}:${broken.line} does not parse`,
      tooltip: `${broken.file}:${broken.line}:${broken.column}: ${broken.message}\nSprint figures are hidden until the file parses again.`,
    };
  }
  const log = ws.sprintLog;
  if (!log) return undefined;
  const today = dayIn(now, log.timezone);
  const sprint = activeSprint(ws, today);
  if (!sprint) {
    const next = nextSprint(ws, today);
    if (!next) return undefined;
    const inDays = daysBetween(today, next.start);
    return {
      sprintId: next.id,
      text: `$(calendar) ${next.id} starts in ${plural(inDays, 'day', 'days')}`,
      tooltip: `No active sprint. Next: ${next.name ?? next.id}, ${next.start} – ${next.end} (${log.timezone}).`,
    };
  }
  let remaining = 0;
  let open = 0;
  let unestimated = 0;
  let total = 0;
  for (const item of ws.items) {
    if (item.sprint !== sprint.id) continue;
    total += item.points ?? 0;
    if (stateCategory(effectiveState(item, ws.states), ws.states) === 'done') continue;
    open++;
    remaining += item.points ?? 0;
    if (item.points === undefined) unestimated++;
  }
  // Working days left, today included: what a team can still spend on the sprint.
  const figures = figuresOf?.(sprint.id);
  const workLeft = workingDaysBetween(today, sprint.end, log.workingDays, log.holidays);
  const calendarLeft = daysBetween(today, sprint.end) + 1;
  const text = `$(rocket) ${sprint.id}: ${plural(remaining, 'pt', 'pts')} left · ${plural(workLeft, 'day', 'days')} left`;
  const tooltip = [
    `${sprint.name ?? sprint.id} (${sprint.start} – ${sprint.end}, ${log.timezone})`,
    sprint.goal ? `Goal: ${sprint.goal}` : undefined,
    `${plural(open, 'open item', 'open items')}, ${plural(remaining, 'point', 'points')} of ${total} remaining` +
      (unestimated ? ` (${unestimated} unestimated)` : ''),
    `${plural(workLeft, 'working day', 'working days')} left (${plural(calendarLeft, 'calendar day', 'calendar days')}, today included)`,
    figures?.committed !== undefined ? `Committed at start: ${figures.committed} pts${figures.scopeAdded ? `, scope added ${figures.scopeAdded} pts` : ''}` : undefined,
    'Click to open the Sprint view.',
  ].filter((s): s is string => s !== undefined);
  return { sprintId: sprint.id, text, tooltip: tooltip.join('\n') };
}
