// One analysed commit as a line of the disk cache's rows file (disk.ts), and back.
//   [hash, parents, authorTime, committerTime, author, subject, files, touches, events, warnings, known, names]
// `files` is 0 when the commit's backlog files are its first parent's, else a list
// whose items are either a full file [role, path, oid, size], or j (the first
// parent's file j unchanged), or [j, oid, size] (the first parent's file j as
// another blob): most commits change one file, so a row names one blob instead of
// repeating every file (a third of the rows file, and of its parse time, before).
// `events` is the commit's EventList (id, field, value, ...) with ids and fields
// as numbers: indexes into the names the rows so far introduced (`names`: a row's
// new ones, in order; `known`: how many there were before it, so that rows
// appended by two processes at once, each numbering from what it read, are
// detected rather than misread). A removed key is its field's number
// bit-inverted, with value 0. Flat, because one array per event cost as much as
// the rest of the parse; names as numbers, because parsing 60,000 short strings
// cost half the parse again.
// Decoding validates everything and throws on anything malformed (the caller
// then ignores the whole cache). It runs once per fresh process on thousands of
// rows before the JIT has warmed up, hence plain indexed loops (no destructuring
// or iterators, which are slow in unoptimised code).

import type { EventList, FileRef } from '../scan/snapshot';
import { sameFiles } from '../scan/snapshot';
import type { CommitRec } from '../engine/state';
import { decodeValue, encodeValue } from '../values';

export const isStr = (v: unknown): v is string => typeof v === 'string';
export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const HASH = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
export const isHash = (v: unknown): v is string => typeof v === 'string' && HASH.test(v);
export const isArr = Array.isArray;
const isIndex = (v: unknown, length: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < length;

export function bad(): never {
  throw new Error('malformed cache');
}

type FullFile = [string, string, string, number];
type FileCell = number | [number, string, number] | FullFile;

/** The names (item ids, field names) of a rows file: by name for writing, by number for reading. */
export class RowNames {
  private byName?: Map<string, number>;
  constructor(readonly list: string[] = []) {}

  /** The number of `name`, adding it to `added` (and to the list) when new. */
  ref(name: string, added: string[]): number {
    if (!this.byName) this.byName = new Map(this.list.map((n, i) => [n, i]));
    let i = this.byName.get(name);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(name);
      this.byName.set(name, i);
      added.push(name);
    }
    return i;
  }
}

function filesCell(files: FileRef[], parent: FileRef[] | undefined): 0 | FileCell[] {
  if (parent && sameFiles(files, parent)) return 0;
  return files.map((f): FileCell => {
    const j = parent ? parent.findIndex((g) => g.role === f.role && g.path === f.path) : -1;
    if (j < 0) return [f.role, f.path, f.oid, f.size];
    const g = parent![j];
    return g.oid === f.oid && g.size === f.size ? j : [j, f.oid, f.size];
  });
}

/**
 * The row of a complete commit, to be written after the rows whose names are
 * `names` (which grows by the row's new ones); `parent` is its first parent's
 * record when that one is written too (complete).
 */
export function commitRow(rec: CommitRec, parent: CommitRec | undefined, names: RowNames): string {
  const files = filesCell(rec.files!, parent?.files);
  const added: string[] = [];
  const known = names.list.length;
  const ev = rec.events!;
  const events: unknown[] = [];
  for (let i = 0; i < ev.length; i += 3) {
    const id = names.ref(ev[i] as string, added);
    const field = names.ref(ev[i + 1] as string, added);
    if (ev[i + 2] === undefined) events.push(id, ~field, 0);
    else events.push(id, field, encodeValue(ev[i + 2]));
  }
  return JSON.stringify([rec.hash, rec.parents, rec.authorTime, rec.committerTime, rec.author, rec.subject, files, rec.touches ? 1 : 0, events, rec.warnings ?? [], known, added]);
}

/** A full file row; its blob id joins `hashes` (checked at once by the caller). */
function fullFile(c: unknown, hashes: string[]): FileRef {
  if (!isArr(c) || c.length !== 4) bad();
  const role: unknown = c[0];
  const path: unknown = c[1];
  const oid: unknown = c[2];
  const size: unknown = c[3];
  if ((role !== 'main' && role !== 'archive') || !isStr(path) || !isStr(oid) || !isNum(size)) bad();
  hashes.push(oid);
  return { role, path, oid, size };
}

/** Validates an event list in place (names and values decoded) and returns it: the parsed array is the list. */
function events(list: unknown, names: string[]): EventList {
  if (!isArr(list) || list.length % 3 !== 0) bad();
  for (let i = 0; i < list.length; i += 3) {
    const id: unknown = list[i];
    let field: unknown = list[i + 1];
    if (typeof field === 'number' && field < 0) {
      field = ~field;
      if (list[i + 2] !== 0) bad();
      list[i + 2] = undefined;
    }
    if (!isIndex(id, names.length) || !isIndex(field, names.length)) bad();
    list[i] = names[id];
    list[i + 1] = names[field];
    const v: unknown = list[i + 2];
    if (typeof v === 'object' && v !== null) list[i + 2] = decodeValue(v);
  }
  return list;
}

/** A row's files when they are all given in full; undefined when some are given relative to the first parent. */
function absoluteFiles(cell: unknown, hashes: string[]): FileRef[] | undefined {
  if (!isArr(cell)) return undefined;
  for (let i = 0; i < cell.length; i++) {
    const c: unknown = cell[i];
    if (!isArr(c) || c.length !== 4) return undefined;
  }
  return cell.map((c) => fullFile(c, hashes));
}

export interface DecodedRows {
  /** Commits in file order (a row written twice, by two processes at once, is the first one's commit again). */
  rows: CommitRec[];
  commits: Map<string, CommitRec>;
  /** The (first) row of each hash. */
  index: Map<string, number>;
  names: RowNames;
}

const HEX = /^[0-9a-f]*$/;

/**
 * Every string is a hex object id (40 or 64 digits). One regex over them all
 * joined: ten thousand separate regex calls cost more than the parse in a
 * fresh process.
 */
function allHashes(list: string[]): boolean {
  for (let i = 0; i < list.length; i++) if (list[i].length !== 40 && list[i].length !== 64) return false;
  return HEX.test(list.join(''));
}

/**
 * Commits from parsed rows. Files given relative to the first parent are
 * resolved once every row is read (a parent may come later).
 */
export function decodeRows(rows: unknown[]): DecodedRows {
  const out: CommitRec[] = [];
  const byHash = new Map<string, CommitRec>();
  const index = new Map<string, number>();
  const cells: unknown[] = [];
  const hashes: string[] = [];
  const names: string[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!isArr(row) || row.length !== 12) bad();
    const added: unknown = row[11];
    if (row[10] !== names.length || !isArr(added)) bad();
    for (let i = 0; i < added.length; i++) {
      const n: unknown = added[i];
      if (!isStr(n)) bad();
      names.push(n);
    }
    const hash: unknown = row[0];
    const parents: unknown = row[1];
    const at: unknown = row[2];
    const ct: unknown = row[3];
    const author: unknown = row[4];
    const subject: unknown = row[5];
    const files: unknown = row[6];
    const touches: unknown = row[7];
    const warnings: unknown = row[9];
    if (!isStr(hash) || !isArr(parents) || !isNum(at) || !isNum(ct) || !isStr(author) || !isStr(subject) || (touches !== 0 && touches !== 1) || !isArr(warnings)) bad();
    if (files !== 0 && !isArr(files)) bad();
    hashes.push(hash);
    for (let i = 0; i < parents.length; i++) {
      const p: unknown = parents[i];
      if (!isStr(p)) bad();
      hashes.push(p);
    }
    for (let i = 0; i < warnings.length; i++) if (!isStr(warnings[i])) bad();
    const first = byHash.get(hash);
    if (first) {
      out.push(first); // appended twice by two processes at once: the same analysis, the first row stands
      cells.push(undefined);
      continue;
    }
    const rec: CommitRec = {
      hash, parents: parents as string[], authorTime: at, committerTime: ct, author, subject,
      files: absoluteFiles(files, hashes), touches: touches === 1, events: events(row[8], names), warnings: warnings.length > 0 ? (warnings as string[]) : undefined,
    };
    cells.push(rec.files ? undefined : files);
    byHash.set(hash, rec);
    index.set(hash, r);
    out.push(rec);
  }
  resolveFiles(out, index, cells, hashes);
  if (!allHashes(hashes)) bad();
  return { rows: out, commits: byHash, index, names: new RowNames(names) };
}

function filesFrom(cell: unknown, parent: FileRef[], hashes: string[]): FileRef[] {
  if (cell === 0) return parent;
  if (!isArr(cell)) bad();
  const out: FileRef[] = [];
  for (let i = 0; i < cell.length; i++) {
    const c: unknown = cell[i];
    if (typeof c === 'number') {
      if (!isIndex(c, parent.length)) bad();
      out.push(parent[c]);
    } else if (isArr(c) && c.length === 3) {
      const j: unknown = c[0];
      const oid: unknown = c[1];
      const size: unknown = c[2];
      if (!isIndex(j, parent.length) || !isStr(oid) || !isNum(size)) bad();
      hashes.push(oid);
      out.push({ role: parent[j].role, path: parent[j].path, oid, size });
    } else {
      out.push(fullFile(c, hashes));
    }
  }
  return out;
}

/** Files of rows given relative to their first parent (`cells`), parents first: following first-parent chains, no cycles. */
function resolveFiles(rows: CommitRec[], index: Map<string, number>, cells: unknown[], hashes: string[]): void {
  const chain: number[] = [];
  const rowOf = (rec: CommitRec): number => {
    const i = rec.parents.length > 0 ? index.get(rec.parents[0]) : undefined;
    return i === undefined ? bad() : i;
  };
  for (let r = 0; r < rows.length; r++) {
    if (rows[r].files) continue;
    for (let at = index.get(rows[r].hash)!; !rows[at].files; at = rowOf(rows[at])) {
      if (chain.length > rows.length) bad();
      chain.push(at);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const rec = rows[chain[i]];
      rec.files = filesFrom(cells[chain[i]], rows[rowOf(rec)].files!, hashes);
    }
    chain.length = 0;
  }
}

/**
 * The stored topological order of `head` (row numbers), when it is one: every
 * commit after its parents, `head` last, as many commits as `head` has
 * ancestors (so exactly them). It was written from the computed order and the
 * checksum vouches for it, so it is that order; undefined otherwise (computed again).
 */
export function restoreOrder(decoded: DecodedRows, order: unknown, head: string, ancestors: number): CommitRec[] | undefined {
  const { rows, index } = decoded;
  if (!isArr(order) || order.length !== ancestors || ancestors === 0) return undefined;
  const placed = new Uint8Array(rows.length);
  const list: CommitRec[] = [];
  for (let k = 0; k < order.length; k++) {
    const i: unknown = order[k];
    if (!isIndex(i, rows.length) || placed[i]) return undefined;
    const rec = rows[i];
    for (let j = 0; j < rec.parents.length; j++) {
      const at = index.get(rec.parents[j]);
      if (at === undefined || !placed[at]) return undefined;
    }
    placed[i] = 1;
    list.push(rec);
  }
  return list[list.length - 1].hash === head ? list : undefined;
}
