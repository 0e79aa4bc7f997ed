// Date and time-zone checks (spec: "Dates are YYYY-MM-DD … or ISO 8601 date-times with an offset").

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|z|[+-](\d{2}):?(\d{2}))?$/;

export const DATE_HINT = 'Write a day as YYYY-MM-DD (e.g. 2026-11-16) or a moment as an ISO date-time with an offset (e.g. 2026-11-16T09:30:00+01:00).';
export const DAY_HINT = 'Write the day as YYYY-MM-DD, e.g. 2026-11-16.';

function isCalendarDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

/**
 * Why `text` is not an acceptable date, or undefined when it is.
 * `dayOnly` is for sprint start/end and holidays, which name whole days in the sprint log's time zone.
 */
export function dateProblem(text: string, dayOnly: boolean): string | undefined {
  const day = DAY.exec(text);
  if (day) return isCalendarDay(+day[1], +day[2], +day[3]) ? undefined : 'which is not a day in the calendar';
  const dt = DATE_TIME.exec(text);
  if (!dt) return 'which is not a date';
  if (dayOnly) return 'but this must be a day (YYYY-MM-DD), not a date-time';
  if (!isCalendarDay(+dt[1], +dt[2], +dt[3])) return 'which is not a day in the calendar';
  if (+dt[4] > 23 || +dt[5] > 59 || (dt[6] !== undefined && +dt[6] > 59)) return 'which is not a valid time of day';
  if (dt[7] === undefined) return 'a date-time without an offset, so the day it falls on is ambiguous';
  if (dt[8] !== undefined && (+dt[8] > 23 || +dt[9] > 59)) return 'which has an invalid offset';
  return undefined;
}

const zoneCache = new Map<string, boolean>();

/** An IANA zone name that this runtime knows (Intl throws a RangeError otherwise). Offsets like `+01:00` are not names. */
export function isTimeZone(name: string): boolean {
  let ok = zoneCache.get(name);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
      ok = !/^[+-]/.test(name);
    } catch {
      ok = false;
    }
    zoneCache.set(name, ok);
  }
  return ok;
}

export function knownTimeZones(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone')];
}
