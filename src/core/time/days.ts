// Pure calendar-day arithmetic on `YYYY-MM-DD` strings (no time zone involved:
// a day is a day). Dates are handled as UTC midnights internally.

import { DEFAULT_WORKING_DAYS, WEEKDAYS, type Weekday } from '../model';

const DAY_MS = 86400000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` → its parts, or undefined when the text is not a real calendar day (2026-02-30). */
export function parseDay(text: string): { year: number; month: number; day: number } | undefined {
  const m = DAY_RE.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

export function isDay(text: unknown): text is string {
  return typeof text === 'string' && parseDay(text) !== undefined;
}

// Days are few and asked for again and again (every figure walks the calendar): each is parsed once.
const utcOf = new Map<string, number>();

function toUtc(day: string): number {
  let t = utcOf.get(day);
  if (t !== undefined) return t;
  const d = parseDay(day);
  if (!d) throw new RangeError(`not a calendar day: '${day}' (expected YYYY-MM-DD)`);
  t = Date.UTC(d.year, d.month - 1, d.day);
  if (utcOf.size > 100_000) utcOf.clear();
  utcOf.set(day, t);
  return t;
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return fromUtc(toUtc(day) + n * DAY_MS);
}

/** Whole days from `a` to `b` (b − a): daysBetween('2026-11-16', '2026-11-17') = 1. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}

export function weekday(day: string): Weekday {
  return WEEKDAYS[new Date(toUtc(day)).getUTCDay()];
}

/** Days `from..to`, both inclusive; empty when to < from. */
export function dayRange(from: string, to: string): string[] {
  const out: string[] = [];
  const n = daysBetween(from, to);
  for (let i = 0; i <= n; i++) out.push(addDays(from, i));
  return out;
}

/** The working calendar of a sprint log (its `working_days` and `holidays`). */
export interface WorkCalendar {
  workingDays: readonly Weekday[];
  holidays: readonly string[];
}

export const DEFAULT_CALENDAR: WorkCalendar = { workingDays: DEFAULT_WORKING_DAYS, holidays: [] };

/** A working day: its weekday is in `working_days` and it is not a holiday. */
export function isWorkingDay(day: string, log: WorkCalendar = DEFAULT_CALENDAR): boolean {
  return log.workingDays.includes(weekday(day)) && !log.holidays.includes(day);
}

/** Working days `from..to`, both inclusive; 0 when to < from or either is not a real day (editor features must not throw on what the validator reports). */
export function workingDaysBetween(from: string, to: string, log: WorkCalendar = DEFAULT_CALENDAR): number {
  if (!isDay(from) || !isDay(to)) return 0;
  let n = 0;
  for (let i = 0, last = daysBetween(from, to); i <= last; i++) if (isWorkingDay(addDays(from, i), log)) n++;
  return n;
}
