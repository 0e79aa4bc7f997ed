// Calendar days in the sprint log's time zone for the status bar and hovers:
// src/core/time, made total (a bad zone or date, which the validator reports,
// must not break an editor feature).

import { type Weekday } from '../../core/model';
import { dayOf, dayRange, isDay, isValidTimeZone, isWorkingDay, daysBetween as coreDaysBetween } from '../../core/time';

/** The zone to count days in: the sprint log's, or UTC while it is not a valid IANA name. */
export function safeZone(tz: string | undefined): string {
  return tz && isValidTimeZone(tz) ? tz : 'UTC';
}

/** The calendar day of an instant in `timeZone`. */
export function dayIn(ms: number, timeZone: string): string {
  return dayOf(ms, safeZone(timeZone));
}

/** The day an ISO date-time (or a plain day) falls on in `timeZone`. */
export function isoDayIn(iso: string, timeZone: string): string {
  if (isDay(iso)) return iso;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : dayIn(ms, timeZone);
}

/** Whole days from `a` to `b` (b − a); 0 when either is not a day. */
export function daysBetween(a: string, b: string): number {
  return isDay(a) && isDay(b) ? coreDaysBetween(a, b) : 0;
}

/** Working days from `from` to `to`, both inclusive (0 when from > to). */
export function workingDaysBetween(from: string, to: string, workingDays: readonly Weekday[], holidays: readonly string[]): number {
  if (!isDay(from) || !isDay(to)) return 0;
  return dayRange(from, to).filter((d) => isWorkingDay(d, { workingDays, holidays })).length;
}
