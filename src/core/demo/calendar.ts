// Calendar of the demo: which days the six sprints cover, which days are
// holidays, and how a wall-clock time in Berlin becomes a git timestamp.
// Day arithmetic and offsets are src/core/time's (Intl, IANA data).

import { addDays, offsetMinutes, startOfDay, weekday } from '../time';

export const DEMO_TIMEZONE = 'Europe/Berlin';

export interface SprintDates {
  id: string;
  name: string;
  start: string;
  end: string;
}

export const SPRINT_COUNT = 6;
/** The first tracked sprint is number 7: the team ran six sprints in an older tool before adopting Sprintlog. */
export const FIRST_SPRINT_NUMBER = 7;

/**
 * Six two-week sprints, Monday to Friday of the following week, the last one
 * active on `today`: on a weekday `today` falls in its second week, on a
 * weekend in its first (so it is never after the Friday that ends it).
 */
export function sprintCalendar(today: string): SprintDates[] {
  const wd = weekday(today);
  const monday = addDays(today, -((['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).indexOf(wd)));
  const lastStart = wd === 'sun' || wd === 'sat' ? monday : addDays(monday, -7);
  const out: SprintDates[] = [];
  for (let k = 0; k < SPRINT_COUNT; k++) {
    const start = addDays(lastStart, -14 * (SPRINT_COUNT - 1 - k));
    const n = FIRST_SPRINT_NUMBER + k;
    out.push({ id: `S${n}`, name: `Sprint ${n}`, start, end: addDays(start, 11) });
  }
  return out;
}

export interface Holiday {
  date: string;
  why: string;
}

const PUBLIC_HOLIDAYS: readonly [string, string][] = [
  ['01-01', 'New Year'],
  ['03-08', "International Women's Day (Berlin)"],
  ['05-01', 'Labour Day'],
  ['10-03', 'German Unity Day'],
  ['12-25', 'Christmas Day'],
  ['12-26', 'Second day of Christmas'],
];

/**
 * Fixed-date Berlin public holidays from a month before the first sprint to
 * six weeks after the last, plus one team offsite day inside the third sprint
 * (so one sprint really has a working day less).
 */
export function holidays(sprints: SprintDates[]): Holiday[] {
  const from = addDays(sprints[0].start, -30);
  const to = addDays(sprints[sprints.length - 1].end, 45);
  const out: Holiday[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    for (const [md, why] of PUBLIC_HOLIDAYS) {
      const date = `${y}-${md}`;
      if (date >= from && date <= to) out.push({ date, why });
    }
  }
  out.push({ date: addDays(sprints[2].start, 9), why: 'team offsite, no sprint work' });
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export interface Instant {
  /** Seconds since the epoch. */
  seconds: number;
  /** `+0200`, as git writes it. */
  offset: string;
}

/** Wall-clock `date` + `minutes` after midnight in `tz` → instant and offset (the demo never uses the 02:00–03:00 DST gap). */
export function localInstant(date: string, minutes: number, tz = DEMO_TIMEZONE): Instant {
  const wall = startOfDay(date, 'UTC') + minutes * 60_000;
  let off = offsetMinutes(wall, tz);
  let utc = wall - off * 60_000;
  const again = offsetMinutes(utc, tz);
  if (again !== off) {
    off = again;
    utc = wall - off * 60_000;
  }
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return { seconds: utc / 1000, offset: `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}` };
}
