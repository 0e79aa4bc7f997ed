// One version of a backlog file as a list of item entries (id + fields), built
// from its line-scan chunks (each distinct chunk text parsed once with `yaml`
// and shared between versions) or, when the scan cannot vouch for the layout,
// from a full parse with the same reading rules as src/core/parse.

import { isMap, isScalar, isSeq, parseDocument, type Document, type ParsedNode, type YAMLMap } from 'yaml';
import { parseYamlText } from '../parse/yaml-node';
import { chunkRange, scanFull, scanIncremental, type Layout } from './chunks';
import { setOwn } from './values';

/** One item entry as written: `fields` holds every key (including `id`) with its parsed value. */
export interface Entry {
  /** The item id as text (`id: 12` is "12"); undefined when the entry has no usable id. */
  id: string | undefined;
  fields: Record<string, unknown>;
}

export type VersionKind = 'chunks' | 'parsed' | 'broken';

/** One file version (one blob). Entries are in file order. */
export interface FileVersion {
  oid: string;
  kind: VersionKind;
  entries: Entry[];
  /** Chunk layout (kind 'chunks' only): entries[i] is chunk i. */
  layout?: Layout;
  /** The bytes, kept while the version may serve as the base of a later one. */
  buf?: Buffer;
  /** When built from a base: entries [from, to) are new and replaced base entries [from, baseTo). */
  change?: { baseOid: string; from: number; to: number; baseTo: number; removed: Entry[] };
  /** Why a broken version does not parse. */
  problem?: string;
  /** id → first entry with that id; built on first use. */
  byId?: Map<string, Entry>;
}

export function indexOf(v: FileVersion): Map<string, Entry> {
  if (!v.byId) {
    const m = new Map<string, Entry>();
    for (const e of v.entries) if (e.id !== undefined && !m.has(e.id)) m.set(e.id, e);
    v.byId = m;
  }
  return v.byId;
}

/** A scalar id as text, like the parser's asText; undefined otherwise. */
function idText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** The same reading as parse/yaml-node readMap: scalar values as is, collections via toJS. */
function entryOf(doc: Document.Parsed, node: unknown): Entry {
  const fields: Record<string, unknown> = {};
  if (!isMap(node)) return { id: undefined, fields };
  for (const pair of (node as YAMLMap).items) {
    const key = pair.key as ParsedNode | null;
    const name = isScalar(key) ? String(key.value) : String(key);
    const value = pair.value as ParsedNode | null;
    setOwn(fields, name, value === null ? null : isScalar(value) ? value.value : value.toJS(doc));
  }
  return { id: idText(fields.id), fields };
}

/** Counters for the stats the engine reports. */
export interface ParseCounters {
  chunksParsed: number;
  fullParses: number;
}

/**
 * Parsed chunks by their exact text. null = the chunk does not parse on its own
 * (an alias to an anchor in another item, ...): the version is then parsed whole.
 */
export class ChunkCache {
  private readonly map = new Map<string, Entry | null>();
  constructor(private readonly counters: ParseCounters, private readonly limit = 200_000) {}

  get(text: string): Entry | null {
    let e = this.map.get(text);
    if (e === undefined) {
      e = parseChunk(text);
      this.counters.chunksParsed++;
      if (this.map.size >= this.limit) this.map.clear();
      this.map.set(text, e);
    }
    return e;
  }
}

function parseChunk(text: string): Entry | null {
  try {
    const doc = parseDocument(text, { prettyErrors: false });
    if (doc.errors.length > 0 || !isSeq(doc.contents) || doc.contents.items.length !== 1) return null;
    return entryOf(doc, doc.contents.items[0]);
  } catch {
    return null; // unresolved alias and the like
  }
}

/** Full parse of a version (the fallback). Broken when it does not parse (YAML error, conflict markers, not a mapping). */
export function parseWhole(oid: string, buf: Buffer, file: string, counters: ParseCounters): FileVersion {
  counters.fullParses++;
  const text = buf.toString('utf8');
  const { doc, problems } = parseYamlText(text, file);
  const broken = (problem: string): FileVersion => ({ oid, kind: 'broken', entries: [], problem });
  if (!doc) return broken(problems[0] ? `${problems[0].code} at line ${problems[0].line}` : 'does not parse');
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { oid, kind: 'parsed', entries: [] };
  if (!isMap(root)) return broken('not a mapping');
  const items = root.get('items', true);
  const entries: Entry[] = [];
  try {
    if (isSeq(items)) for (const node of items.items) if (isMap(node)) entries.push(entryOf(doc, node));
  } catch {
    return broken('an alias cannot be resolved');
  }
  return { oid, kind: 'parsed', entries };
}

function entriesOf(buf: Buffer, layout: Layout, from: number, to: number, cache: ChunkCache): Entry[] | undefined {
  const out: Entry[] = [];
  for (let i = from; i < to; i++) {
    const [s, e] = chunkRange(layout, i);
    const entry = cache.get(buf.toString('utf8', s, e));
    if (!entry) return undefined;
    out.push(entry);
  }
  return out;
}

/**
 * Build the version for `buf`, reusing an older version of the same file
 * (`base`, with its bytes and layout) when there is one.
 */
export function buildVersion(oid: string, buf: Buffer, file: string, base: FileVersion | undefined, cache: ChunkCache, counters: ParseCounters): FileVersion {
  if (base?.kind === 'chunks' && base.layout && base.buf) {
    const re = scanIncremental(buf, base.buf, base.layout);
    if (re) {
      const fresh = entriesOf(buf, re.layout, re.from, re.to, cache);
      if (fresh) {
        const removed = base.entries.slice(re.from, re.baseTo);
        const entries = base.entries.slice(0, re.from).concat(fresh, base.entries.slice(re.baseTo));
        return { oid, kind: 'chunks', entries, layout: re.layout, buf, change: { baseOid: base.oid, from: re.from, to: re.to, baseTo: re.baseTo, removed } };
      }
      return parseWhole(oid, buf, file, counters);
    }
  }
  const layout = scanFull(buf);
  if (layout) {
    const entries = entriesOf(buf, layout, 0, layout.starts.length, cache);
    if (entries) return { oid, kind: 'chunks', entries, layout, buf };
  }
  const v = parseWhole(oid, buf, file, counters);
  return v;
}
