// The disk cache's tip file (disk.ts): the heads analysed last, the last
// head's topological order (so a fresh process need not sort 5,000 commits) and
// its file versions (chunk layout, parsed entries and the blob's bytes), so that
// the next process chunks a new commit against them instead of parsing 2,000
// items, and without asking git for the old blob (rebuilding it from a pack's
// delta chain and piping it over costs more than reading it here).
//   line 1   {"format", "version", "tips": [...], "sum": sha1 of lines 2.., "bytes": length of the tail}
//   line 2   one header per version: [oid, "chunks" | "parsed", indent, starts, seqEnd, entry count, byte count, ids]
//   line 3   the order: row numbers of the rows file, or null
//   then     one line per entry, versions in header order: [id | null, fields]
//   tail     the versions' bytes, in header order (byte count 0: not kept)
// The checksum vouches for order, layouts and entries: a file damaged in any
// way is detected without rescanning the blob against its layout; bytes are
// vouched for by their git blob id. Versions are decoded only when asked for (a
// run with nothing new and a clean working tree needs none), an entry's fields
// only when read (a new commit reads those of the items it changes: parsing all
// 2,000 cost as much as the rest of the analysis), and an entry's line is kept
// as its JSON, so rewriting the file after a one-item commit serialises one entry.

import * as crypto from 'node:crypto';
import { blobId } from '../git/blob-id';
import { layoutFits, type Layout } from '../scan/chunks';
import { bad, isArr, isHash, isNum, isStr } from './rows';
import type { Entry, FileVersion } from '../scan/items';
import type { Snapshot } from '../scan/snapshot';
import { decodeValue, encodeValue } from '../values';

const entryText = new WeakMap<Entry, string>();

function entryJson(e: Entry): string {
  let text = entryText.get(e);
  if (text === undefined) {
    text = JSON.stringify([e.id ?? null, encodeValue(e.fields)]);
    entryText.set(e, text);
  }
  return text;
}

/**
 * An entry read from the tip file: its id from the header, its fields parsed
 * from its line when first read. The line was checked by the file's checksum
 * and written by JSON.stringify, so it parses; a failure would be a bug, and
 * is thrown rather than read as an empty item.
 */
class StoredEntry implements Entry {
  private parsed?: Record<string, unknown>;
  constructor(readonly id: string | undefined, line: string) {
    entryText.set(this, line);
  }

  get fields(): Record<string, unknown> {
    if (!this.parsed) {
      const e = JSON.parse(entryText.get(this)!) as unknown;
      const fields = isArr(e) && e.length === 2 && e[0] === (this.id ?? null) ? decodeValue(e[1]) : undefined;
      if (typeof fields !== 'object' || fields === null || isArr(fields)) throw new Error(`sprintlog-cache: an entry of ${this.id ?? 'an item'} does not read back`);
      this.parsed = fields as Record<string, unknown>;
    }
    return this.parsed;
  }
}

const sha1 = (data: string | Buffer): string => crypto.createHash('sha1').update(data).digest('hex');

/** Versions read from the disk cache, decoded on first use. */
export class StoredVersions {
  private readonly ready = new Map<string, FileVersion>();
  private readonly raw = new Map<string, () => FileVersion | undefined>();

  has(oid: string): boolean {
    return this.ready.has(oid) || this.raw.has(oid);
  }

  /** Undefined when unknown, or when its stored form turns out malformed (the blob is then read instead). */
  get(oid: string): FileVersion | undefined {
    const v = this.ready.get(oid);
    if (v) return v;
    const decode = this.raw.get(oid);
    if (!decode) return undefined;
    this.raw.delete(oid);
    let made: FileVersion | undefined;
    try {
      made = decode();
    } catch {
      made = undefined;
    }
    if (made) this.ready.set(oid, made);
    return made;
  }

  lazy(oid: string, decode: () => FileVersion | undefined): void {
    this.raw.set(oid, decode);
  }

  clear(): void {
    this.ready.clear();
    this.raw.clear();
  }
}

/** The tip file for heads `tips`, the order of tips[0] (row numbers) and the versions of `snapshot` (the last head's). */
export function tipFile(format: string, version: number, tips: string[], order: number[] | undefined, snapshot: Snapshot | undefined): Buffer {
  const headers: unknown[] = [];
  const lines: string[] = [];
  const tail: Buffer[] = [];
  let bytes = 0;
  const seen = new Set<string>();
  for (const f of snapshot?.files ?? []) {
    const v = f.version;
    if (v.kind === 'broken' || v.oid === '' || seen.has(v.oid)) continue;
    seen.add(v.oid);
    const layout = v.kind === 'chunks' ? v.layout : undefined;
    const buf = layout ? v.buf : undefined;
    headers.push([v.oid, layout ? 'chunks' : 'parsed', layout?.indent ?? 0, layout?.starts ?? [], layout?.seqEnd ?? 0, v.entries.length, buf?.length ?? 0, v.entries.map((e) => e.id ?? null)]);
    for (const e of v.entries) lines.push(entryJson(e));
    if (buf) {
      tail.push(buf);
      bytes += buf.length;
    }
  }
  const rest = Buffer.from(`${JSON.stringify(headers)}\n${JSON.stringify(order ?? null)}\n${lines.join('\n')}${lines.length > 0 ? '\n' : ''}`, 'utf8');
  const meta = JSON.stringify({ format, version, tips, sum: sha1(rest), bytes });
  return Buffer.concat([Buffer.from(`${meta}\n`, 'utf8'), rest, ...tail]);
}

export interface TipMeta {
  format: unknown;
  version: unknown;
  tips: unknown;
}

export interface TipParts {
  meta: TipMeta;
  /** Lines 2.., as bytes (what the checksum is of) and text; undefined when the file's layout does not add up (then only line 1 is used). */
  restBytes?: Buffer;
  rest?: string;
  sum: unknown;
  tail: Buffer;
}

/** Line 1 of the tip file (throws when malformed), the text after it and the bytes tail. */
export function tipParts(file: Buffer): TipParts {
  const nl = file.indexOf(10);
  if (nl < 0) bad();
  const meta = JSON.parse(file.toString('utf8', 0, nl)) as { format: unknown; version: unknown; tips: unknown; sum: unknown; bytes: unknown };
  if (typeof meta !== 'object' || meta === null) bad();
  const bytes = meta.bytes;
  const end = typeof bytes === 'number' && Number.isInteger(bytes) && bytes >= 0 && bytes <= file.length - nl - 1 ? file.length - bytes : -1;
  const restBytes = end > nl && file[end - 1] === 10 ? file.subarray(nl + 1, end) : undefined;
  return { meta, restBytes, rest: restBytes?.toString('utf8'), sum: meta.sum, tail: end < 0 ? Buffer.alloc(0) : file.subarray(end) };
}

function decodeVersion(header: unknown[], lines: string[], from: number, bytes: Buffer | undefined): FileVersion {
  const [oid, kind, indent, starts, seqEnd, count, , ids] = header as [string, string, number, unknown[], number, number, number, unknown[]];
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const id = ids[i];
    if (id !== null && !isStr(id)) bad();
    entries.push(new StoredEntry(id ?? undefined, lines[from + i]));
  }
  if (kind === 'parsed') return { oid, kind, entries };
  let prev = -1;
  for (const s of starts) {
    if (!Number.isInteger(s) || (s as number) <= prev) bad();
    prev = s as number;
  }
  if (starts.length !== count || seqEnd < prev) bad();
  const layout: Layout = { indent, starts: starts as number[], seqEnd };
  // Bytes that are not exactly the blob (or do not fit the layout) are dropped: git is asked for them when needed.
  const buf = bytes && blobId(bytes, oid.length) === oid && layoutFits(bytes, layout) ? bytes : undefined;
  return { oid, kind: 'chunks', entries, layout, buf };
}

/**
 * Register the versions of the tip file in `stored` and return the stored
 * order. Nothing is registered (and nothing returned) when the checksum or the
 * headers are wrong: the rest of the cache stays usable, versions are then read
 * from git and the order computed.
 */
export function readTipRest(tip: TipParts, stored: StoredVersions): { order: unknown } | undefined {
  const { rest, restBytes, sum, tail } = tip;
  if (rest === undefined || restBytes === undefined || typeof sum !== 'string' || sha1(restBytes) !== sum) return undefined;
  const lines = rest.slice(0, -1).split('\n');
  let headers: unknown;
  let order: unknown;
  try {
    headers = JSON.parse(lines[0]);
    order = JSON.parse(lines[1]);
  } catch {
    return undefined;
  }
  if (!isArr(headers)) return undefined;
  let at = 2;
  let offset = 0;
  const found: [string, () => FileVersion][] = [];
  for (const h of headers) {
    if (!isArr(h) || h.length !== 8) return undefined;
    const [oid, kind, indent, starts, seqEnd, count, size, ids] = h as unknown[];
    if (!isHash(oid) || (kind !== 'chunks' && kind !== 'parsed') || !isNum(indent) || !isArr(starts) || !isNum(seqEnd)) return undefined;
    if (!isNum(count) || !Number.isInteger(count) || count < 0 || at + count > lines.length || !isArr(ids) || ids.length !== count) return undefined;
    if (!isNum(size) || !Number.isInteger(size) || size < 0 || offset + size > tail.length) return undefined;
    const from = at;
    const bytes = size > 0 ? tail.subarray(offset, offset + size) : undefined;
    found.push([oid, () => decodeVersion(h, lines, from, bytes)]);
    at += count;
    offset += size;
  }
  if (at !== lines.length || offset !== tail.length) return undefined;
  for (const [oid, decode] of found) stored.lazy(oid, decode);
  return { order };
}
