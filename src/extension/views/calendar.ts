// Sprint calendar arithmetic for the views (pure: no vscode). Days are
// `YYYY-MM-DD` strings in the sprint log's time zone, as the spec says.
import type { Sprint, SprintLog, Weekday } from '../../core/model';
import { DEFAULT_TIMEZONE, DEFAULT_WORKING_DAYS, WEEKDAYS } from '../../core/model';

export type SprintStatus = 'planned' | 'active' | 'closed';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of `now` in an IANA time zone (an unknown zone falls back to UTC). */
export function dayIn(timeZone: string, now: Date): string {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      f = new Intl.DateTimeFormat('en-CA', { timeZone: DEFAULT_TIMEZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
    }
    formatters.set(timeZone, f);
  }
  // en-CA formats as YYYY-MM-DD.
  return f.format(now);
}

export function today(log: SprintLog | undefined, now: Date): string {
  return dayIn(log?.timezone ?? DEFAULT_TIMEZONE, now);
}

export function sprintStatus(sprint: Pick<Sprint, 'start' | 'end'>, day: string): SprintStatus {
  if (day < sprint.start) return 'planned';
  if (day > sprint.end) return 'closed';
  return 'active';
}

/** The sprint running on `day`; when several overlap (a validation error) the one that started last. */
export function activeSprint(log: SprintLog | undefined, day: string): Sprint | undefined {
  let found: Sprint | undefined;
  for (const s of log?.sprints ?? []) {
    if (s.start && s.end && sprintStatus(s, day) === 'active' && (!found || s.start > found.start)) found = s;
  }
  return found;
}

function parseDay(day: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : undefined;
}

const DAY_MS = 86_400_000;

/** Working days (per `working_days`, minus `holidays`) from `from` to `to`, both inclusive. */
export function workingDaysBetween(from: string, to: string, log: Pick<SprintLog, 'workingDays' | 'holidays'> | undefined): number {
  const a = parseDay(from);
  const b = parseDay(to);
  if (a === undefined || b === undefined || b < a) return 0;
  const working = new Set<Weekday>(log?.workingDays ?? DEFAULT_WORKING_DAYS);
  const holidays = new Set(log?.holidays ?? []);
  let n = 0;
  for (let t = a; t <= b; t += DAY_MS) {
    const d = new Date(t);
    if (working.has(WEEKDAYS[d.getUTCDay()]) && !holidays.has(d.toISOString().slice(0, 10))) n++;
  }
  return n;
}

export interface DaysLeft {
  /** Working days from today (inclusive) to the last day; for a planned sprint, the whole sprint. */
  working: number;
  /** Working days of the whole sprint. */
  total: number;
  status: SprintStatus;
}

export function daysLeft(sprint: Sprint, log: SprintLog | undefined, day: string): DaysLeft {
  const status = sprintStatus(sprint, day);
  const total = workingDaysBetween(sprint.start, sprint.end, log);
  const working = status === 'closed' ? 0 : status === 'planned' ? total : workingDaysBetween(day, sprint.end, log);
  return { working, total, status };
}
