// History events → per-commit, per-item changes, and a cursor that replays them
// in time order so any "value at instant T" can be read for all items at once.
// Spec §1: the value at T is that of the last event *in commit order* among those
// at or before T, so a change replaces a field's value only when it comes later in
// commit order than the event the value is from (a rebased commit keeps its older
// author time, yet comes after its parent).

import { EXISTS, type HistoryEvent } from '../history/types';

/** The fields metrics read, normalised the way the parser types them. */
export interface ItemState {
  exists: boolean;
  /** As written; undefined = no `state:` key (the default state applies). */
  state?: string;
  sprint?: string;
  points?: number;
  blocked: boolean;
}

/** Everything one commit (or the working tree) did to one item. */
export interface Change {
  time: number;
  order: number;
  commit: string;
  id: string;
  values: [field: string, value: unknown][];
}

export function asText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function asPoints(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

export function isBlockedValue(v: unknown): boolean {
  return (asText(v)?.trim() ?? '') !== '';
}

export class Timeline {
  /** Sorted by time, then topological order, then item id. */
  readonly changes: Change[];

  /** Events after `asOf` are ignored (the engine already drops them; this keeps the rule local). */
  constructor(events: readonly HistoryEvent[], asOf: number) {
    const sorted = events
      .filter((e) => e.time <= asOf)
      .map((e, i) => ({ e, i }))
      .sort((a, b) => a.e.time - b.e.time || a.e.order - b.e.order || a.i - b.i);
    const changes: Change[] = [];
    let run = new Map<string, Change>();
    let runKey = '';
    const flush = (): void => {
      changes.push(...[...run.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
      run = new Map();
    };
    for (const { e } of sorted) {
      const key = `${e.time}\u0000${e.order}\u0000${e.commit}`;
      if (key !== runKey) {
        flush();
        runKey = key;
      }
      let c = run.get(e.id);
      if (!c) run.set(e.id, (c = { time: e.time, order: e.order, commit: e.commit, id: e.id, values: [] }));
      c.values.push([e.field, e.value]);
    }
    flush();
    this.changes = changes;
  }

  get firstTime(): number | undefined {
    return this.changes[0]?.time;
  }
}

export type ChangeListener = (change: Change, before: ItemState, after: ItemState) => void;

const ABSENT: ItemState = Object.freeze({ exists: false, blocked: false });

/** Replays a timeline forwards. `states` is live: read it before the next advance. */
export class Cursor {
  readonly states = new Map<string, ItemState>();
  /** Instant the cursor stands at: every change at or before it is applied. */
  at = -Infinity;
  private next = 0;
  private readonly explicitExists = new Set<string>();
  /** Per item, the commit order of the event each field's value is from. */
  private readonly orders = new Map<string, Record<string, number>>();

  constructor(private readonly timeline: Timeline) {}

  advance(t: number, listener?: ChangeListener): void {
    if (t < this.at) throw new Error('Cursor cannot go back in time');
    const changes = this.timeline.changes;
    while (this.next < changes.length && changes[this.next].time <= t) {
      const c = changes[this.next++];
      const before = this.states.get(c.id) ?? ABSENT;
      const after = this.apply(c, before);
      this.states.set(c.id, after);
      listener?.(c, before, after);
    }
    this.at = t;
  }

  private apply(c: Change, before: ItemState): ItemState {
    const s: ItemState = { ...before };
    let orders = this.orders.get(c.id);
    if (!orders) this.orders.set(c.id, (orders = Object.create(null) as Record<string, number>));
    for (const [field, value] of c.values) {
      const last = orders[field];
      if (last !== undefined && last > c.order) continue; // a value from later in commit order stands
      orders[field] = c.order;
      switch (field) {
        case EXISTS:
          s.exists = value === true;
          this.explicitExists.add(c.id);
          break;
        case 'state':
          s.state = asText(value);
          break;
        case 'sprint':
          s.sprint = asText(value);
          break;
        case 'points':
          s.points = asPoints(value);
          break;
        case 'blocked':
          s.blocked = isBlockedValue(value);
          break;
      }
    }
    // An engine that never sends EXISTS for an item: it exists once it has a field.
    if (!this.explicitExists.has(c.id)) s.exists = true;
    return s;
  }
}
