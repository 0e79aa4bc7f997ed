// One version of a backlog file as a list of item entries (id + fields), built
// from its line-scan chunks (each distinct chunk text parsed once with `yaml`
// and shared between versions) or, when the scan cannot vouch for the layout,
// from a full parse with the same reading rules as src/core/parse.

import { isMap, isScalar, isSeq, parseDocument, type Document, type ParsedNode, type YAMLMap } from 'yaml';
import { CHECKED_TO_JS, isMergeKey, mergedValues, PARSE_OPTIONS, parseYamlText } from '../../parse/yaml-node';
import { checkAliases, tooDeep } from '../../parse/yaml-limits';
import { chunkRange, scanFull, type Layout } from './chunks';
import { rescan, type Rescan } from './rescan';
import { setOwn } from '../values';

/** One item entry as written: `fields` holds every key (including `id`) with its parsed value. */
export interface Entry {
  /** The item id as text (`id: 12` is "12"); undefined when the entry has no usable id. */
  id: string | undefined;
  fields: Record<string, unknown>;
}

export type VersionKind = 'chunks' | 'parsed' | 'broken';

/** How a version built from a base differs from it. */
export interface Change {
  baseOid: string;
  /** The base itself while its id index may be handed over (see adoptIndex); dropped afterwards so versions do not chain. */
  base?: FileVersion;
  /** Entries read from new text, and base entries no longer present. Chunks with equal bytes keep the base's Entry object. */
  added: Entry[];
  removed: Entry[];
  removedSet?: Set<Entry>;
  fresh?: Map<string, Entry>;
}

/** One file version (one blob). Entries are in file order. */
export interface FileVersion {
  oid: string;
  kind: VersionKind;
  entries: Entry[];
  /** Chunk layout (kind 'chunks' only): entries[i] is chunk i. */
  layout?: Layout;
  /** The bytes, kept while the version may serve as the base of a later one. */
  buf?: Buffer;
  change?: Change;
  /** Why a broken version does not parse. */
  problem?: string;
  /** id → first entry with that id; built on first use or handed over from the base. */
  byId?: Map<string, Entry>;
  /** Some id occurs twice in the file (then only the full index is used). */
  dup?: boolean;
}

export function indexOf(v: FileVersion): Map<string, Entry> {
  if (!v.byId) {
    const m = new Map<string, Entry>();
    let dup = false;
    for (const e of v.entries) {
      if (e.id === undefined) continue;
      if (m.has(e.id)) dup = true;
      else m.set(e.id, e);
    }
    v.byId = m;
    v.dup = dup;
  }
  return v.byId;
}

function removedSet(ch: Change): Set<Entry> {
  return (ch.removedSet ??= new Set(ch.removed));
}

/** The added entries by id; undefined when an id occurs twice among them. */
function freshIndex(ch: Change): Map<string, Entry> | undefined {
  if (!ch.fresh) {
    const m = new Map<string, Entry>();
    for (const e of ch.added) {
      if (e.id === undefined) continue;
      if (m.has(e.id)) return undefined;
      m.set(e.id, e);
    }
    ch.fresh = m;
  }
  return ch.fresh;
}

/**
 * The first entry with this id. For a version built from a base whose index
 * exists, answered from the base's index and the few new entries, without
 * indexing the whole version (ids occurring twice fall back to the full index).
 */
export function entryFor(v: FileVersion, id: string): Entry | undefined {
  if (v.byId) return v.byId.get(id);
  const ch = v.change;
  const baseIndex = ch?.base?.byId;
  if (ch && baseIndex && !ch.base!.dup) {
    const fresh = freshIndex(ch);
    if (fresh) {
      const old = baseIndex.get(id);
      const kept = old !== undefined && !removedSet(ch).has(old);
      const f = fresh.get(id);
      if (!(f && kept)) return f ?? (kept ? old : undefined);
    }
  }
  return indexOf(v).get(id);
}

/**
 * Hand the base's id index over to this version, updated by the change (the
 * base usually has no further use for it; if it does, it rebuilds it). Keeps
 * indexing at O(changed items) per commit.
 */
export function adoptIndex(v: FileVersion): void {
  const ch = v.change;
  const base = ch?.base;
  if (!ch || !base) return;
  ch.base = undefined;
  const m = base.byId;
  if (v.byId || !m || base.dup) return;
  base.byId = undefined;
  for (const e of ch.removed) if (e.id !== undefined && m.get(e.id) === e) m.delete(e.id);
  for (const e of ch.added) {
    if (e.id === undefined) continue;
    if (m.has(e.id)) return; // an id now occurs twice: the full index is built when needed
    m.set(e.id, e);
  }
  v.byId = m;
  v.dup = false;
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
  let merges = false;
  for (const pair of (node as YAMLMap).items) {
    const key = pair.key as ParsedNode | null;
    if (isMergeKey(key)) {
      merges = true;
      continue;
    }
    const name = isScalar(key) ? String(key.value) : String(key);
    const value = pair.value as ParsedNode | null;
    setOwn(fields, name, value === null ? null : isScalar(value) ? value.value : value.toJS(doc, CHECKED_TO_JS));
  }
  // `<<: *defaults`: the merged keys the item does not set itself, as the parser reads them.
  if (merges) for (const [name, value] of Object.entries(mergedValues(doc, node as YAMLMap))) if (!Object.prototype.hasOwnProperty.call(fields, name)) setOwn(fields, name, value);
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
    // Read as the parser reads a file (merge keys, the same limits): a chunk outside them is parsed whole, where they are reported.
    if (tooDeep(text, 1) !== undefined) return null;
    const doc = parseDocument(text, PARSE_OPTIONS);
    if (doc.errors.length > 0 || !isSeq(doc.contents) || doc.contents.items.length !== 1 || checkAliases(doc, text)) return null;
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

/** The version from a rescan against its base: chunks with equal bytes keep the base entry, others are read. */
function fromRescan(oid: string, buf: Buffer, base: FileVersion, re: Rescan, cache: ChunkCache): FileVersion | undefined {
  const entries: Entry[] = new Array(re.baseIndex.length);
  const added: Entry[] = [];
  const kept = new Uint8Array(base.entries.length);
  for (let i = 0; i < entries.length; i++) {
    const j = re.baseIndex[i];
    if (j >= 0) {
      entries[i] = base.entries[j];
      kept[j] = 1;
      continue;
    }
    const [s, e] = chunkRange(re.layout, i);
    const entry = cache.get(buf.toString('utf8', s, e));
    if (!entry) return undefined;
    entries[i] = entry;
    added.push(entry);
  }
  const removed = base.entries.filter((_, j) => !kept[j]);
  return { oid, kind: 'chunks', entries, layout: re.layout, buf, change: { baseOid: base.oid, base, added, removed } };
}

/**
 * Build the version for `buf`, reusing an older version of the same file
 * (`base`, with its bytes and layout) when there is one.
 */
export function buildVersion(oid: string, buf: Buffer, file: string, base: FileVersion | undefined, cache: ChunkCache, counters: ParseCounters): FileVersion {
  if (base?.kind === 'chunks' && base.layout && base.buf) {
    const re = rescan(buf, base.buf, base.layout);
    if (re) return fromRescan(oid, buf, base, re, cache) ?? parseWhole(oid, buf, file, counters);
  }
  const layout = scanFull(buf);
  if (layout) {
    const entries = entriesOf(buf, layout, 0, layout.starts.length, cache);
    if (entries) return { oid, kind: 'chunks', entries, layout, buf };
  }
  const v = parseWhole(oid, buf, file, counters);
  return v;
}
