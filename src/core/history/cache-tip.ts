// The disk cache's tip file (cache.ts): the heads analysed last, the last
// head's topological order (so a fresh process need not sort 5,000 commits) and
// its file versions (chunk layout + parsed entries), so that the next process
// chunks a new commit against them instead of parsing 2,000 items.
//   line 1   {"format", "version", "tips": [...], "sum": sha1 of the lines below}
//   line 2   one header per version: [oid, "chunks" | "parsed", indent, starts, seqEnd, entry count]
//   line 3   the order: row numbers of the rows file, or null
//   then     one line per entry, versions in header order: [id | null, fields]
// The checksum vouches for order and versions: a file damaged in any way is
// detected without rescanning the blob against the stored layout. Versions are decoded
// only when asked for (a run with nothing new and a clean working tree needs
// none), and an entry's line is kept as its JSON, so rewriting the file after a
// one-item commit serialises one entry.

import * as crypto from 'node:crypto';
import type { Layout } from './chunks';
import { bad, isArr, isHash, isNum, isStr } from './cache-rows';
import type { Entry, FileVersion } from './items';
import type { Snapshot } from './snapshot';
import { decodeValue, encodeValue } from './values';

const entryText = new WeakMap<Entry, string>();

function entryJson(e: Entry): string {
  let text = entryText.get(e);
  if (text === undefined) {
    text = JSON.stringify([e.id ?? null, encodeValue(e.fields)]);
    entryText.set(e, text);
  }
  return text;
}

const sha1 = (text: string): string => crypto.createHash('sha1').update(text).digest('hex');

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

/** The tip file's text for heads `tips`, the order of tips[0] and the versions of `snapshot` (the last head's). */
export function tipText(format: string, version: number, tips: string[], order: number[] | undefined, snapshot: Snapshot | undefined): string {
  const headers: unknown[] = [];
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const f of snapshot?.files ?? []) {
    const v = f.version;
    if (v.kind === 'broken' || v.oid === '' || seen.has(v.oid)) continue;
    seen.add(v.oid);
    const layout = v.kind === 'chunks' ? v.layout : undefined;
    headers.push([v.oid, layout ? 'chunks' : 'parsed', layout?.indent ?? 0, layout?.starts ?? [], layout?.seqEnd ?? 0, v.entries.length]);
    for (const e of v.entries) lines.push(entryJson(e));
  }
  const rest = `${JSON.stringify(headers)}\n${JSON.stringify(order ?? null)}\n${lines.map((l) => `${l}\n`).join('')}`;
  return `${JSON.stringify({ format, version, tips, sum: sha1(rest) })}\n${rest}`;
}

export interface TipMeta {
  format: unknown;
  version: unknown;
  tips: string[];
}

/** Line 1 of the tip file (throws when malformed), and the rest. */
export function tipMeta(text: string): { meta: TipMeta; sum: unknown; rest: string } {
  if (!text.endsWith('\n')) bad();
  const nl = text.indexOf('\n');
  const meta = JSON.parse(text.slice(0, nl)) as { format: unknown; version: unknown; tips: unknown; sum: unknown };
  if (typeof meta !== 'object' || meta === null) bad();
  return { meta: meta as TipMeta, sum: meta.sum, rest: text.slice(nl + 1) };
}

function decodeVersion(header: unknown[], lines: string[], from: number): FileVersion {
  const [oid, kind, indent, starts, seqEnd, count] = header as [string, string, number, unknown[], number, number];
  const entries: Entry[] = [];
  for (let i = from; i < from + count; i++) {
    const e = JSON.parse(lines[i]) as unknown;
    if (!isArr(e) || e.length !== 2 || (e[0] !== null && !isStr(e[0]))) bad();
    const fields = decodeValue(e[1]);
    if (typeof fields !== 'object' || fields === null || isArr(fields)) bad();
    const entry: Entry = { id: e[0] ?? undefined, fields: fields as Record<string, unknown> };
    entryText.set(entry, lines[i]);
    entries.push(entry);
  }
  if (kind === 'parsed') return { oid, kind, entries };
  let prev = -1;
  for (const s of starts) {
    if (!Number.isInteger(s) || (s as number) <= prev) bad();
    prev = s as number;
  }
  if (starts.length !== count || seqEnd < prev) bad();
  const layout: Layout = { indent, starts: starts as number[], seqEnd };
  return { oid, kind: 'chunks', entries, layout };
}

/**
 * Register the versions of the tip file's `rest` (after line 1) in `stored` and
 * return the stored order and the blobs of the chunked versions (the likely
 * bases of a new commit). Nothing is registered (and nothing returned) when
 * the checksum or the headers are wrong: the rest of the cache stays usable,
 * versions are then read from git and the order computed.
 */
export function readTipRest(rest: string, sum: unknown, stored: StoredVersions): { order: unknown; chunked: string[] } | undefined {
  if (typeof sum !== 'string' || sha1(rest) !== sum) return undefined;
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
  const found: [string, () => FileVersion][] = [];
  const chunked: string[] = [];
  for (const h of headers) {
    if (!isArr(h) || h.length !== 6) return undefined;
    const [oid, kind, indent, starts, seqEnd, count] = h as unknown[];
    if (!isHash(oid) || (kind !== 'chunks' && kind !== 'parsed') || !isNum(indent) || !isArr(starts) || !isNum(seqEnd)) return undefined;
    if (!isNum(count) || !Number.isInteger(count) || count < 0 || at + count > lines.length) return undefined;
    const from = at;
    found.push([oid, () => decodeVersion(h, lines, from)]);
    if (kind === 'chunks') chunked.push(oid);
    at += count;
  }
  if (at !== lines.length) return undefined;
  for (const [oid, decode] of found) stored.lazy(oid, decode);
  return { order, chunked };
}
