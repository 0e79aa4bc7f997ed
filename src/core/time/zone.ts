// Instants ↔ calendar days in an IANA time zone, with Intl only: no offset
// tables of our own, so DST rules come from the runtime's tz database.

import { addDays, parseDay } from './days';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True when the runtime knows `tz` as an IANA zone name. */
export function isValidTimeZone(tz: string): boolean {
  if (!tz) return false;
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** `tz` when the runtime knows it, else UTC: a bad zone (which the validator reports) must not break a view or the status bar. */
export function safeZone(tz: string | undefined): string {
  return tz && isValidTimeZone(tz) ? tz : 'UTC';
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTime(ms: number, tz: string): WallTime {
  const out: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatter(tz).formatToParts(ms)) {
    if (p.type === 'year' || p.type === 'month' || p.type === 'day' || p.type === 'hour' || p.type === 'minute' || p.type === 'second') {
      out[p.type] = Number(p.value);
    }
  }
  return out;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Offset of `tz` from UTC at instant `ms`, in minutes (Berlin in winter: 60). */
export function offsetMinutes(ms: number, tz: string): number {
  return offsetOf(wallTime(ms, tz), ms);
}

// Asking Intl for every instant was a large part of a metrics run (thousands of
// events and days). An offset is constant over long spans: per 6-hour slot (UTC),
// the exact offset (ms) at its first and last second is asked once; when they
// agree it holds for the whole slot (no zone in the tz database changes twice
// within 6 hours), and wall times are computed from it. A slot with a change is
// asked per instant.
const SLOT = 6 * 3600000;
const slots = new Map<string, Map<number, number | null>>();

function exactOffsetMs(ms: number, tz: string): number {
  const w = wallTime(ms, tz);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/** Offset (ms, whole seconds) of `tz` at `ms` when its slot has one offset; undefined otherwise. */
function slotOffset(ms: number, tz: string): number | undefined {
  let zone = slots.get(tz);
  if (!zone) slots.set(tz, (zone = new Map()));
  const slot = Math.floor(ms / SLOT);
  let o = zone.get(slot);
  if (o === undefined) {
    const a = exactOffsetMs(slot * SLOT, tz);
    o = a === exactOffsetMs(slot * SLOT + SLOT - 1000, tz) ? a : null;
    if (zone.size > 100_000) zone.clear();
    zone.set(slot, o);
  }
  return o ?? undefined;
}

/** Wall time of `ms` in `tz`: from the slot's offset when it has one, else from Intl. */
function wallTimeOf(ms: number, tz: string): WallTime {
  const o = slotOffset(ms, tz);
  if (o === undefined) return wallTime(ms, tz);
  const d = new Date(Math.floor(ms / 1000) * 1000 + o);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
}

function offsetOf(w: WallTime, ms: number): number {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  // Intl works in whole seconds: compare against the instant truncated to its second.
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

/** Calendar day (`YYYY-MM-DD`) of instant `ms` in `tz`. */
export function dayOf(ms: number, tz: string): string {
  const w = wallTimeOf(ms, tz);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** Calendar day of instant `ms` in `tz`, or in UTC while `tz` is not a valid zone name. */
export function localDay(ms: number, tz: string | undefined): string {
  return dayOf(ms, safeZone(tz));
}

const startCache = new Map<string, number>();

/**
 * First instant (ms) of calendar day `day` in `tz`. Usually local midnight; on a
 * day whose midnight is skipped by a DST change it is the first wall time that exists.
 */
export function startOfDay(day: string, tz: string): number {
  const key = tz + ' ' + day;
  const cached = startCache.get(key);
  if (cached !== undefined) return cached;
  const d = parseDay(day);
  if (!d) throw new RangeError(`not a calendar day: '${day}' (expected YYYY-MM-DD)`);
  const utcMidnight = Date.UTC(d.year, d.month - 1, d.day);
  // Fast path: local midnight = UTC midnight − offset, with the offset taken twice
  // (the second time at the candidate itself, in case a DST change lies between).
  let t = utcMidnight - offsetMinutes(utcMidnight, tz) * 60000;
  t = utcMidnight - offsetMinutes(t, tz) * 60000;
  if (!(dayOf(t, tz) === day && dayOf(t - 1, tz) < day)) {
    // Midnight does not exist that day (or the zone is exotic): search the first
    // instant whose local day is >= day. Offsets lie within −12h..+14h, so it is
    // between UTC midnight −15h and +13h; local days only move forward in time.
    let lo = utcMidnight - 15 * 3600000;
    let hi = utcMidnight + 13 * 3600000;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (dayOf(mid, tz) >= day) hi = mid;
      else lo = mid;
    }
    t = hi;
  }
  if (startCache.size > 20000) startCache.clear();
  startCache.set(key, t);
  return t;
}

const endCache = new Map<string, number>();

/** Last instant (ms) of calendar day `day` in `tz`: one millisecond before the next day starts. */
export function endOfDay(day: string, tz: string): number {
  const key = tz + ' ' + day;
  let t = endCache.get(key);
  if (t === undefined) {
    t = startOfDay(addDays(day, 1), tz) - 1;
    if (endCache.size > 20000) endCache.clear();
    endCache.set(key, t);
  }
  return t;
}

/** ISO 8601 with the zone's offset at that instant: `2026-11-16T09:30:00+01:00` (milliseconds only when not 0). */
export function formatInstant(ms: number, tz: string): string {
  const w = wallTimeOf(ms, tz);
  const off = offsetOf(w, ms);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const frac = ((ms % 1000) + 1000) % 1000;
  return (
    `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}` +
    (frac ? '.' + pad(frac, 3) : '') +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
