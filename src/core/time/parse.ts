// Dates as written in the backlog files (`created:`, `started:`, `finished:`, --as-of):
// `YYYY-MM-DD` (a day in the sprint log's zone) or an ISO 8601 date-time with an offset.

import { parseDay } from './days';
import { dayOf, safeZone, startOfDay } from './zone';

const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)$/;

/** ISO 8601 date-time with an offset (`Z`, `+01:00`, `+0100`, `+01`) → ms; undefined when malformed or without offset. */
export function parseInstant(text: string): number | undefined {
  const m = INSTANT_RE.exec(text.trim());
  if (!m) return undefined;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  const d = parseDay(day);
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (!d || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  let offset = 0;
  const z = m[8];
  if (z !== 'Z' && z !== 'z') {
    const digits = z.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || 0);
    if (oh > 18 || om > 59) return undefined;
    offset = (z[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return Date.UTC(d.year, d.month - 1, d.day, hour, minute, second, ms) - offset * 60000;
}

export interface DateValue {
  /** Calendar day in the zone (for a date-time: the day it falls on there). */
  day: string;
  /** The instant; for a bare day, the first instant of that day. */
  ms: number;
  /** Written as a bare `YYYY-MM-DD`: the time of day is unknown. */
  dateOnly: boolean;
}

/** `YYYY-MM-DD` or ISO date-time with offset, read in zone `tz`; undefined when neither. */
/**
 * `a` is strictly before `b`. A day compares by day: \`finished: 2026-11-03\` is
 * not before \`started: 2026-11-03T15:00+01:00\`, the same day.
 */
export function isBefore(a: DateValue, b: DateValue): boolean {
  return a.dateOnly || b.dateOnly ? a.day < b.day : a.ms < b.ms;
}

export function parseDateValue(text: string | undefined, tz: string): DateValue | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (parseDay(t)) return { day: t, ms: startOfDay(t, tz), dateOnly: true };
  const ms = parseInstant(t);
  return ms === undefined ? undefined : { day: dayOf(ms, tz), ms, dateOnly: false };
}

/** The day a `YYYY-MM-DD` or ISO date-time falls on in `tz` (UTC while `tz` is not a valid zone); the text itself when it is neither. */
export function dayOfText(text: string, tz: string | undefined): string {
  return parseDateValue(text, safeZone(tz))?.day ?? text;
}
