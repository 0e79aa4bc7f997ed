// Bottlenecks: how long items stay in each state (each stay = from entering a state
// to leaving it, or to the as-of instant while still there), from the history,
// replayed with the metrics timeline. Done-category states are where work ends, not waits.

import type { History } from '../history/types';
import { percentile } from '../metrics/cycle-time';
import { Cursor, Timeline } from '../metrics/timeline';
import { defaultState, workflowOrder, type StateCategory } from '../model';

export interface StateTime {
  state: string;
  /** Stays counted (finished and ongoing). */
  stays: number;
  /** Calendar days, one decimal. */
  p50: number | null;
  p85: number | null;
  /** Items in the state at the as-of instant. */
  now: number;
}

const DAY = 86_400_000;
const d1 = (ms: number): number => Math.round((ms / DAY) * 10) / 10;

export function timeInState(history: History, asOf: number, states: Record<string, StateCategory>): StateTime[] | null {
  if (history.status !== 'full') return null;
  const fallback = defaultState(states);
  const stays = new Map<string, number[]>(Object.keys(states).map((s) => [s, []]));
  const since = new Map<string, { state: string; at: number }>();
  const cursor = new Cursor(new Timeline(history.events, asOf));
  cursor.advance(asOf, (c, before, after) => {
    const was = before.exists ? (before.state ?? fallback) : undefined;
    const is = after.exists ? (after.state ?? fallback) : undefined;
    if (was === is) return;
    const open = since.get(c.id);
    if (open) stays.get(open.state)?.push(c.time - open.at);
    if (is === undefined) since.delete(c.id);
    else since.set(c.id, { state: is, at: c.time });
  });
  const now = new Map<string, number>();
  for (const { state, at } of since.values()) {
    stays.get(state)?.push(asOf - at);
    now.set(state, (now.get(state) ?? 0) + 1);
  }
  return workflowOrder(states)
    .filter((s) => states[s] !== 'done')
    .map((state) => {
      const list = (stays.get(state) ?? []).sort((a, b) => a - b);
      const p = (q: number): number | null => {
        const v = percentile(list, q);
        return v === null ? null : d1(v);
      };
      return { state, stays: list.length, p50: p(50), p85: p(85), now: now.get(state) ?? 0 };
    });
}

/** The work-in-progress (doing) state whose 85th percentile stay is longest: where started work waits. */
export function bottleneck(rows: readonly StateTime[], states: Record<string, StateCategory>): StateTime | undefined {
  return rows.filter((r) => r.p85 !== null && states[r.state] === 'doing').sort((a, b) => (b.p85 ?? 0) - (a.p85 ?? 0))[0];
}
