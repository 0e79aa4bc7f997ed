// What every metric needs: the zone, calendar, states, the as-of instant, and
// item snapshots at any instant (from history when it is full; otherwise only
// "now" is known, from the files, and earlier instants are unknown = null).

import { effectiveState, type Item, type StateCategory, type Workspace } from '../model';
import type { History } from '../history/types';
import { dayOf, endOfDay, isValidTimeZone, DEFAULT_CALENDAR, type WorkCalendar } from '../time';
import { itemsAt } from './at-instant';
import { Cursor, Timeline, type ItemState } from './timeline';
import type { MetricsSettings } from './types';

export interface Ctx {
  ws: Workspace;
  history: History;
  /** History-based figures are computed only when the history is complete. */
  full: boolean;
  asOf: number;
  asOfDay: string;
  tz: string;
  /** Set when the sprint log names a zone the runtime does not know (UTC is used). */
  badZone?: string;
  cal: WorkCalendar;
  states: Record<string, StateCategory>;
  defaultState: string;
  /** Items at the as-of instant (full history; else the files'), first occurrence of each id, in rank order. */
  items: Item[];
  timeline: Timeline;
  snapshots: Snapshots;
  settings: MetricsSettings;
}

export function makeContext(ws: Workspace, history: History, asOf: number, settings: MetricsSettings): Ctx {
  const zone = ws.sprintLog?.timezone ?? 'UTC';
  const tz = isValidTimeZone(zone) ? zone : 'UTC';
  const seen = new Set<string>();
  const inFiles = ws.items.filter((i) => i.id !== '' && !seen.has(i.id) && seen.add(i.id));
  const states = ws.states;
  const defaultState = effectiveState({}, states);
  const full = history.status === 'full';
  // With full history the items are those of the as-of instant (spec §6), whatever commit the files are from.
  const items = full ? itemsAt(inFiles, history, asOf) : inFiles;
  const timeline = new Timeline(full ? history.events : [], asOf);
  const current = new Map<string, ItemState>(
    items.map((i) => [i.id, { exists: true, state: i.state, sprint: i.sprint, points: i.points, blocked: i.blocked !== undefined }]),
  );
  return {
    ws,
    history,
    full,
    asOf,
    asOfDay: dayOf(asOf, tz),
    tz,
    badZone: tz === zone ? undefined : zone,
    cal: ws.sprintLog ? { workingDays: ws.sprintLog.workingDays, holidays: ws.sprintLog.holidays } : DEFAULT_CALENDAR,
    states,
    defaultState,
    items,
    timeline,
    snapshots: new Snapshots(full ? timeline : undefined, current, asOf),
    settings,
  };
}

export function categoryOf(ctx: Ctx, state: string | undefined): StateCategory | undefined {
  return ctx.states[state ?? ctx.defaultState];
}

/** "End of day D" (spec §1), but never later than the as-of instant. */
export function dayEnd(ctx: Ctx, day: string): number {
  return Math.min(endOfDay(day, ctx.tz), ctx.asOf);
}

/** Item states at an instant. With full history: replayed events; otherwise the files for T >= as-of, unknown before. */
export class Snapshots {
  private cursor?: Cursor;

  constructor(
    private readonly timeline: Timeline | undefined,
    private readonly current: ReadonlyMap<string, ItemState>,
    private readonly asOf: number,
  ) {}

  /** The map is live (a shared cursor): read it before the next call. Calls in increasing T are cheap. */
  at(t: number): ReadonlyMap<string, ItemState> | null {
    if (!this.timeline) return t >= this.asOf ? this.current : null;
    if (!this.cursor || t < this.cursor.at) this.cursor = new Cursor(this.timeline);
    this.cursor.advance(t);
    return this.cursor.states;
  }
}

/** Sum with float noise removed (0.1 + 0.2 → 0.3), so equal inputs print equal numbers. */
export function clean(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

export function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
