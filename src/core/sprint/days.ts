// Days of a sprint: today in the sprint log's zone, working days left.

import { DEFAULT_TIMEZONE, DEFAULT_WORKING_DAYS, type Sprint, type SprintLog } from '../model';
import { localDay, workingDaysBetween, type WorkCalendar } from '../time';
import { sprintStatus, type SprintStatus } from './status';

/** Today (`YYYY-MM-DD`) in the sprint log's zone at instant `now` (UTC without a log or with an unknown zone). */
export function today(log: Pick<SprintLog, 'timezone'> | undefined, now: number): string {
  return localDay(now, log?.timezone ?? DEFAULT_TIMEZONE);
}

/** The log's working calendar (the spec's defaults without a log). */
export function workCalendar(log: Pick<SprintLog, 'workingDays' | 'holidays'> | undefined): WorkCalendar {
  return { workingDays: log?.workingDays ?? DEFAULT_WORKING_DAYS, holidays: log?.holidays ?? [] };
}

export interface DaysLeft {
  /** Working days from `day` (inclusive) to the last day; for a planned sprint, the whole sprint. */
  working: number;
  /** Working days of the whole sprint. */
  total: number;
  status: SprintStatus | null;
}

export function daysLeft(sprint: Pick<Sprint, 'start' | 'end'>, log: Pick<SprintLog, 'workingDays' | 'holidays'> | undefined, day: string): DaysLeft {
  const status = sprintStatus(sprint, day);
  const cal = workCalendar(log);
  const total = workingDaysBetween(sprint.start, sprint.end, cal);
  const working = status === 'closed' ? 0 : status === 'active' ? workingDaysBetween(day, sprint.end, cal) : total;
  return { working, total, status };
}
