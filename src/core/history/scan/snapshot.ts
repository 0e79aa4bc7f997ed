// The backlog files of one commit (or of the working tree) and the events a
// commit introduces relative to its parents (spec metrics.md §1): a field value
// is introduced when it differs from the value its ancestors' events give (the
// parent's; for a merge, the side with the later event in commit order). An
// item absent from every backlog file has EXISTS=false and no fields, so a
// removal introduces EXISTS=false plus `undefined` for each field it had.

import { EXISTS } from '../types';
import { entryFor, indexOf, type Entry, type FileVersion } from './items';
import { deepEqual } from '../values';

export type Role = 'main' | 'archive';

/** A backlog file of a commit: path relative to the analysed root, blob id, size in bytes (0 when unknown). */
export interface FileRef {
  role: Role;
  path: string;
  oid: string;
  size: number;
}

export interface SnapFile extends FileRef {
  /** The version read for the blob; for a blob that does not parse, the parent's version of the file. */
  version: FileVersion;
}

/** Main file first, then archive files by path (the rank order of the parser). */
export interface Snapshot {
  files: SnapFile[];
}

/**
 * Events before they are placed in time (commit, time and order are added when
 * the history is assembled), flat: id, field, value, id, field, value, ...
 * (value undefined = key removed). Flat because the disk cache's rows hold
 * exactly this: loading 30,000+ events allocates one array per commit, not one
 * object (or array) per event, which is most of a fresh process's load time.
 */
export type EventList = unknown[];

export function sameFiles(a: FileRef[], b: FileRef[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].oid !== b[i].oid || a[i].path !== b[i].path || a[i].role !== b[i].role) return false;
  return true;
}

/** The counterpart of a file in another snapshot: the main file whatever its name, archives by path. */
export function counterpart<T extends FileRef>(files: T[], f: Pick<FileRef, 'role' | 'path'>): T | undefined {
  return files.find((g) => g.role === f.role && (f.role === 'main' || g.path === f.path));
}

/** The item as the model sees it: its first entry in rank order. */
export function lookup(s: Snapshot, id: string): Entry | undefined {
  for (const f of s.files) {
    const e = entryFor(f.version, id);
    if (e) return e;
  }
  return undefined;
}

function addIds(ids: Set<string>, entries: Entry[]): void {
  for (const e of entries) if (e.id !== undefined) ids.add(e.id);
}

/**
 * Ids whose first entry may differ between two versions of one file (a superset
 * is fine). For a version chunked against the other, only entries read from new
 * text or dropped qualify: entries kept from the base keep their relative order.
 */
function changedIn(ids: Set<string>, a: FileVersion | undefined, b: FileVersion | undefined): void {
  if (a === b) return;
  if (!a || !b) return addIds(ids, (a ?? b)!.entries);
  const ch = a.change?.baseOid === b.oid ? a.change : b.change?.baseOid === a.oid ? b.change : undefined;
  if (ch) {
    addIds(ids, ch.added);
    addIds(ids, ch.removed);
    return;
  }
  const ia = indexOf(a);
  const ib = indexOf(b);
  for (const [id, e] of ia) if (ib.get(id) !== e) ids.add(id);
  for (const id of ib.keys()) if (!ia.has(id)) ids.add(id);
}

/** Ids that may differ between two snapshots. */
export function changedIds(s: Snapshot, p: Snapshot): Set<string> {
  const ids = new Set<string>();
  for (const f of s.files) changedIn(ids, f.version, counterpart(p.files, f)?.version);
  for (const g of p.files) if (!counterpart(s.files, g)) changedIn(ids, undefined, g.version);
  return ids;
}

function fieldOf(e: Entry | undefined, key: string): unknown {
  return e && Object.prototype.hasOwnProperty.call(e.fields, key) ? e.fields[key] : undefined;
}

/**
 * What the events of a commit's ancestors give for fields on which its parents
 * disagree (a merge): the value of the last such event in commit order (spec §1).
 * Called once per merge with every disputed field, keyed `id \0 field`; EXISTS
 * without any event is false, any other field undefined.
 */
export type AncestorValues = (disputed: Map<string, Set<string>>) => Map<string, unknown>;

export const disputeKey = (id: string, field: string): string => `${id}\u0000${field}`;

function keysOf(cur: Entry | undefined, parents: (Entry | undefined)[]): string[] {
  const keys = new Set<string>(cur ? Object.keys(cur.fields) : []);
  for (const p of parents) if (p) for (const k of Object.keys(p.fields)) keys.add(k);
  keys.delete('id');
  return [...keys].sort();
}

const valueIn = (e: Entry | undefined, key: string): unknown => (key === EXISTS ? e !== undefined : fieldOf(e, key));

/**
 * Events of one item: EXISTS first, then fields by key. A field is introduced
 * when its value differs from the one its ancestors' events give: the parents'
 * common value, or (parents disagreeing) `resolved`'s. Without `resolved` the
 * disputed fields are added to `disputed` and nothing is written.
 */
function itemEvents(id: string, cur: Entry | undefined, parents: (Entry | undefined)[], out: EventList, disputed?: Map<string, Set<string>>, resolved?: Map<string, unknown>): void {
  for (const key of [EXISTS, ...keysOf(cur, parents)]) {
    const v = valueIn(cur, key);
    let base = valueIn(parents[0], key);
    let agree = true;
    for (let i = 1; i < parents.length && agree; i++) agree = deepEqual(base, valueIn(parents[i], key));
    if (!agree) {
      if (!resolved) {
        let set = disputed!.get(id);
        if (!set) disputed!.set(id, (set = new Set()));
        set.add(key);
        continue;
      }
      base = resolved.get(disputeKey(id, key));
      if (base === undefined && key === EXISTS) base = false;
    } else if (disputed) continue;
    if (!deepEqual(v, base)) out.push(id, key, v);
  }
}

/**
 * What snapshot `s` introduces relative to its parents' snapshots (none: a
 * root, everything is introduced). For a merge, `ancestors` answers for the
 * fields on which the parents disagree.
 */
export function introduced(s: Snapshot, parents: Snapshot[], ancestors?: AncestorValues): EventList {
  let ids: Set<string>;
  if (parents.length === 0) {
    ids = new Set();
    for (const f of s.files) addIds(ids, f.version.entries);
  } else {
    // Unchanged relative to every parent ⇒ equal to all of them ⇒ not introduced: only these ids can have events.
    // (A merge can introduce a value it shares with one parent: the other's later event is replaced.)
    ids = changedIds(s, parents[0]);
    for (let i = 1; i < parents.length; i++) for (const id of changedIds(s, parents[i])) ids.add(id);
  }
  const sorted = [...ids].sort();
  const out: EventList = [];
  if (parents.length < 2) {
    for (const id of sorted) itemEvents(id, lookup(s, id), parents.map((p) => lookup(p, id)), out);
    return out;
  }
  const disputed = new Map<string, Set<string>>();
  for (const id of sorted) itemEvents(id, lookup(s, id), parents.map((p) => lookup(p, id)), out, disputed);
  const resolved = disputed.size > 0 && ancestors ? ancestors(disputed) : new Map<string, unknown>();
  const all: EventList = [];
  for (const id of sorted) itemEvents(id, lookup(s, id), parents.map((p) => lookup(p, id)), all, undefined, resolved);
  return all;
}
