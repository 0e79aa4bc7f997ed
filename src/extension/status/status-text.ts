// The status bar entry for the active sprint: remaining points and days left,
// counted in the sprint log's time zone.

import type { Workspace } from '../../core/model';
import { activeSprint, nextSprint, pointTotals, sprintItems, today as todayOf, workCalendar } from '../../core/sprint';
import { daysBetween, workingDaysBetween } from '../../core/time';
import type { SprintFigures } from '../history/types';

/** What the status bar shows: the sprint it is about (the Sprint view shows the same one), its text and tooltip. */
export interface StatusEntry {
  sprintId: string;
  /** The sprint is the active one (else the next planned one, or none when a file is broken). */
  active: boolean;
  text: string;
  tooltip: string;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * @param now ms since epoch
 * @param figuresOf the sprint's history figures, when the history service has them
 * @returns undefined when there is no sprint log or no sprint to show
 */
export function sprintStatus(ws: Workspace, now: number, figuresOf?: (sprintId: string) => SprintFigures | undefined): StatusEntry | undefined {
  // Points counted from the part of a file that parsed would be presented as facts: say what is broken instead.
  const broken = ws.parseProblems.find((p) => p.severity === 'error' && (p.file === ws.backlogPath || p.file === ws.sprintsPath));
  if (broken) {
    return {
      sprintId: '',
      active: false,
      text: `$(warning) Sprintlog: ${broken.file}:${broken.line} does not parse`,
      tooltip: `${broken.file}:${broken.line}:${broken.column}: ${broken.message}\nSprint figures are hidden until the file parses again.`,
    };
  }
  const log = ws.sprintLog;
  if (!log) return undefined;
  const today = todayOf(log, now);
  const sprint = activeSprint(log, today);
  if (!sprint) {
    const next = nextSprint(log, today);
    if (!next) return undefined;
    const inDays = daysBetween(today, next.start);
    return {
      sprintId: next.id,
      active: false,
      text: `$(calendar) ${next.id} starts in ${plural(inDays, 'day', 'days')}`,
      tooltip: `No active sprint. Next: ${next.name ?? next.id}, ${next.start} – ${next.end} (${log.timezone}).`,
    };
  }
  const { points: total, openItems: open, openPoints: remaining, openUnestimated: unestimated } = pointTotals(sprintItems(ws.items, sprint.id), ws.states);
  // Working days left, today included: what a team can still spend on the sprint.
  const figures = figuresOf?.(sprint.id);
  const workLeft = workingDaysBetween(today, sprint.end, workCalendar(log));
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
  return { sprintId: sprint.id, active: true, text, tooltip: tooltip.join('\n') };
}
