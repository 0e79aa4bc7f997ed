// The items that exist at the as-of instant with their values at that instant
// (spec metrics.md §6 `items[]`), from the history's events: for each field the
// last event in commit order at or before as-of. So `items[]` always agrees with
// the CFD, throughput and sprint figures of the same document, whichever
// commit's files the rest of the workspace was read from.

import type { Item } from '../model';
import { itemFromValues } from '../parse/backlog';
import { EXISTS, type History } from '../history/types';
import { deepEqual } from '../history/values';

interface Latest {
  order: number;
  value: unknown;
}

/** Each item's field values at `asOf` (absent keys left out), for the items that exist then, by id. */
function valuesAt(history: History, asOf: number): Map<string, Map<string, unknown>> {
  const latest = new Map<string, Map<string, Latest>>();
  for (const e of history.events) {
    if (e.time > asOf) continue;
    let fields = latest.get(e.id);
    if (!fields) latest.set(e.id, (fields = new Map()));
    const l = fields.get(e.field);
    if (!l || e.order > l.order) fields.set(e.field, { order: e.order, value: e.value });
  }
  const out = new Map<string, Map<string, unknown>>();
  for (const [id, fields] of latest) {
    const exists = fields.get(EXISTS);
    if (exists ? exists.value !== true : fields.size === 0) continue;
    const values = new Map<string, unknown>();
    for (const [k, l] of fields) if (k !== EXISTS && l.value !== undefined) values.set(k, l.value);
    out.set(id, values);
  }
  return out;
}

function sameValues(item: Item, values: Map<string, unknown>): boolean {
  let n = 0;
  for (const k of Object.keys(item.raw)) {
    if (k === 'id') continue;
    n++;
    if (!values.has(k) || !deepEqual(item.raw[k], values.get(k))) return false;
  }
  return n === values.size;
}

/**
 * `items` (current files, first entry of each id, rank order) replaced by the
 * items of the history at `asOf`: an item whose values are those of the files
 * is kept as it is; the others are built from their values. Items of the files
 * first, in rank order, then the others by id.
 */
export function itemsAt(items: readonly Item[], history: History, asOf: number): Item[] {
  const at = valuesAt(history, asOf);
  const out: Item[] = [];
  const placed = new Set<string>();
  const build = (id: string, values: Map<string, unknown>, file: string): Item => {
    const raw: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    raw.id = id;
    for (const [k, v] of values) Object.defineProperty(raw, k, { value: v, enumerable: true, writable: true, configurable: true });
    return Object.assign(itemFromValues(raw, file, out.length), { rank: out.length });
  };
  for (const item of items) {
    const values = at.get(item.id);
    if (!values) continue;
    placed.add(item.id);
    out.push(sameValues(item, values) ? item : build(item.id, values, item.file));
  }
  const rest = [...at.keys()].filter((id) => !placed.has(id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const id of rest) out.push(build(id, at.get(id)!, ''));
  return out;
}
