// backlog/backlog.yaml and backlog/archive/*.yaml → BacklogFile.

import type { Document, YAMLMap, YAMLSeq } from 'yaml';
import {
  BACKLOG_KEYS, EPIC_KEYS, ITEM_KEYS, type BacklogFile, type Epic, type FieldSource, type Item, type Problem, type SourceRange, type StateCategory,
} from '../model';
import { type ItemChunks, splitItems } from './chunks';
import { LineIndex } from './source';
import { asDateText, asNumber, asText, asTextList, isMap, isSeq, parseYamlText, readMap, readTopMap, setOwn } from './yaml-node';

export interface BacklogParse {
  backlog?: BacklogFile;
  /** Only syntax-level problems; the validator reports the rest from the model. */
  problems: Problem[];
}

const CATEGORIES = new Set(['todo', 'doing', 'done']);

export function parseBacklog(text: string, file: string): BacklogParse {
  const chunks = splitItems(text);
  if (chunks) {
    const fast = parseChunked(text, file, chunks);
    if (fast) return { backlog: fast, problems: [] };
  }
  return parseWhole(text, file);
}

/** The whole document with `yaml`: the path for small files, odd layouts and every error. */
export function parseWhole(text: string, file: string): BacklogParse {
  const { doc, lines, problems } = parseYamlText(text, file);
  if (!doc) return { problems };
  const backlog = readTop(doc, lines, file, text);
  if ('problems' in backlog) return backlog;
  const items = doc.contents && isMap(doc.contents) ? doc.contents.get('items', true) : undefined;
  if (isSeq(items)) backlog.items = readEntries(doc, items, lines, file, readItem);
  return { backlog, problems };
}

/**
 * Header parsed as one small document, each item chunk on its own (cached by
 * its text). Undefined when any piece has a YAML error: the whole-document
 * parse then reports it at the right place.
 */
function parseChunked(text: string, file: string, chunks: ItemChunks): BacklogFile | undefined {
  const header = parseYamlText(text.slice(0, chunks.headerEnd), file);
  if (!header.doc) return undefined;
  const backlog = readTop(header.doc, header.lines, file, text);
  if ('problems' in backlog) return undefined;
  const lines = new LineIndex(text);
  const at = (from: number, end: number): SourceRange => lines.range(file, from, end);
  const { starts } = chunks;
  let seqEnd = chunks.end;
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i];
    const chunk = parseChunk(text.slice(from, i + 1 < starts.length ? starts[i + 1] : chunks.end), file);
    if (chunk === 'error') return undefined;
    backlog.items.push(placeChunk(chunk, from, i, at));
    seqEnd = from + chunk.seqEnd;
  }
  const itemsField = backlog.fields.items;
  if (itemsField) itemsField.value = lines.range(file, starts[0] + chunks.indent, seqEnd);
  chunkLayouts.set(backlog, { headerEnd: chunks.headerEnd, indent: chunks.indent, starts, seqEnd });
  return backlog;
}

/** How a chunked parse cut its file, kept beside the BacklogFile for the incremental re-parse (incremental.ts). */
export interface ChunkLayout {
  headerEnd: number;
  indent: number;
  /** Offset of each item's first line; `items[i]` is the chunk at `starts[i]`. */
  starts: number[];
  /** End of the `items` sequence's value. */
  seqEnd: number;
}

/** Layouts of the files parsed chunked (a side table: the model type stays what every consumer knows). */
export const chunkLayouts = new WeakMap<BacklogFile, ChunkLayout>();

/** An item parsed from its chunk alone: ranges are relative to the chunk start. */
export interface ChunkItem {
  raw: Record<string, unknown>;
  fields: Record<string, { key: [number, number]; value: [number, number] }>;
  source: [number, number];
  /** End of the entry's value as `yaml` measures a sequence (after its last content line). */
  seqEnd: number;
}

const CHUNK_CACHE_LIMIT = 100_000;
const chunkCache = new Map<string, ChunkItem | 'error'>();

/** The parsed chunks, for the disk store (chunk-store.ts): `used` are those looked up since the last `reset`, `parsed` counts new parses. */
export const chunkMemory = {
  cache: chunkCache,
  used: new Set<string>(),
  parsed: 0,
  reset(): void {
    this.used.clear();
    this.parsed = 0;
  },
};

export function parseChunk(chunk: string, file: string): ChunkItem | 'error' {
  let hit = chunkCache.get(chunk);
  chunkMemory.used.add(chunk);
  if (hit !== undefined) return hit;
  chunkMemory.parsed++;
  // The chunk is inside the top mapping: one level of nesting around it, as in the whole document.
  const { doc, lines } = parseYamlText(chunk, file, { depth: 1 });
  const seq = doc?.contents;
  if (!doc || !isSeq(seq) || seq.items.length !== 1) hit = 'error';
  else {
    const node = seq.items[0];
    // A non-map entry (`- text`) is not an item; the validator reports it from the whole parse.
    if (!isMap(node)) hit = 'error';
    else {
      const { raw, fields } = readMap(doc, node, lines, file);
      const rel: ChunkItem['fields'] = {};
      for (const [k, f] of Object.entries(fields)) setOwn(rel, k, { key: [f.key.offset, f.key.end], value: [f.value.offset, f.value.end] });
      const src = entryRange(node, lines, file);
      hit = { raw, fields: rel, source: [src.offset, src.end], seqEnd: seq.range[1] };
    }
  }
  if (chunkCache.size >= CHUNK_CACHE_LIMIT) chunkCache.clear();
  chunkCache.set(chunk, hit);
  return hit;
}

/** An item from its chunk at offset `base`; `at` makes the absolute range of an offset span. */
export function placeChunk(chunk: ChunkItem, base: number, index: number, at: (from: number, end: number) => SourceRange): Item {
  const rel = (r: [number, number]) => at(base + r[0], base + r[1]);
  const fields: Item['fields'] = {};
  for (const [k, f] of Object.entries(chunk.fields)) setOwn(fields as Record<string, FieldSource>, k, { key: rel(f.key), value: rel(f.value) });
  const source = rel(chunk.source);
  return readItem({ raw: chunk.raw, nodes: {}, fields: fields as Record<string, FieldSource> }, { file: source.file, index, source });
}

/** The top-level mapping (everything but the items), or the problem that it is not a mapping. */
function readTop(doc: Document.Parsed, lines: LineIndex, file: string, text: string): BacklogFile | { problems: Problem[] } {
  const backlog: BacklogFile = { file, text, items: [], epics: [], extra: {}, raw: {}, fields: {} };
  const top = readTopMap(doc, lines, file, {
    message: 'The backlog file must be a mapping with `version`, `project` and `items` keys.',
    hint: 'Start the file with `version: 1` and an `items:` list.',
  });
  if (top === null) return backlog;
  if ('code' in top) return { problems: [top] };
  backlog.raw = top.raw;
  backlog.fields = top.fields;
  backlog.version = asNumber(top.raw.version);
  backlog.project = asText(top.raw.project);
  for (const key of Object.keys(top.raw)) if (!(BACKLOG_KEYS as readonly string[]).includes(key)) setOwn(backlog.extra, key, top.raw[key]);
  const states = top.raw.states;
  if (states && typeof states === 'object' && !Array.isArray(states)) {
    const map: Record<string, StateCategory> = {};
    for (const [name, cat] of Object.entries(states)) if (typeof cat === 'string' && CATEGORIES.has(cat)) setOwn(map, name, cat as StateCategory);
    backlog.states = map;
  }
  const epics = top.nodes.epics;
  if (isSeq(epics)) backlog.epics = readEntries(doc, epics, lines, file, readEpic);
  return backlog;
}

type EntryReader<T> = (e: ReturnType<typeof readMap>, common: EntryCommon) => T;
interface EntryCommon {
  file: string;
  index: number;
  source: Item['source'];
}

function readEntries<T>(doc: Document.Parsed, seq: YAMLSeq, lines: LineIndex, file: string, read: EntryReader<T>): T[] {
  const out: T[] = [];
  seq.items.forEach((node, index) => {
    if (!isMap(node)) return; // a non-map entry is reported by the validator via missing-id
    out.push(read(readMap(doc, node, lines, file), { file, index, source: entryRange(node, lines, file) }));
  });
  return out;
}

/**
 * From the `- ` that opens a sequence entry to the end of its last line with
 * content. `yaml` counts comment lines after a block value as part of the map;
 * those belong to what follows (usually the next item), so they are left out.
 */
export function entryRange(node: YAMLMap, lines: LineIndex, file: string): Item['source'] {
  const text = lines.text;
  const [start0, valueEnd] = node.range ?? [0, 0, 0];
  let start = start0;
  let i = start0 - 1;
  while (i >= 0 && text[i] === ' ') i--;
  if (i >= 0 && text[i] === '-') start = i;
  if (node.flow) {
    // `- {id: X} # note` in a block list: the note is the entry's; inside `[...]` the map ends at `}`.
    const rest = text.slice(valueEnd, lines.lineEnd(valueEnd));
    return lines.range(file, start, start < start0 && /^\s*(#.*)?$/.test(rest) ? lines.lineEnd(valueEnd) : valueEnd);
  }
  // Block-scalar content is indented deeper than the keys, so a comment line at
  // or left of the key column is a real comment, never part of a value.
  const keyColumn = lines.position(start0).column - 1;
  let last = valueEnd - 1;
  for (;;) {
    while (last > start && /\s/.test(text[last])) last--;
    const lineStart = lines.lineStart(lines.position(last).line);
    if (lineStart <= start) break;
    const indent = /^ */.exec(text.slice(lineStart, last + 1))![0].length;
    if (text[lineStart + indent] !== '#' || indent > keyColumn) break;
    last = lineStart - 1;
  }
  // A trailing `# comment` on the last line is part of the entry; lineEnd keeps it.
  return lines.range(file, start, lines.lineEnd(last));
}

const knownSets = new WeakMap<readonly string[], Set<string>>();

function splitKnown(raw: Record<string, unknown>, known: readonly string[]): Record<string, unknown> {
  let set = knownSets.get(known);
  if (!set) knownSets.set(known, (set = new Set(known)));
  const extra: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) if (!set.has(key)) setOwn(extra, key, raw[key]);
  return extra;
}

const readItem: EntryReader<Item> = ({ raw, fields }, { file, index, source }) => ({
  id: asText(raw.id) ?? '',
  title: asText(raw.title) ?? '',
  type: asText(raw.type),
  state: asText(raw.state),
  points: asNumber(raw.points),
  sprint: asText(raw.sprint),
  assignee: asText(raw.assignee),
  epic: asText(raw.epic),
  dependsOn: asTextList(raw.depends_on),
  blocked: asText(raw.blocked)?.trim() || undefined,
  tags: asTextList(raw.tags),
  value: asNumber(raw.value),
  created: asDateText(raw.created),
  started: asDateText(raw.started),
  finished: asDateText(raw.finished),
  description: asText(raw.description),
  extra: splitKnown(raw, ITEM_KEYS),
  raw,
  file,
  index,
  rank: index,
  source,
  fields,
});

/**
 * An item from its keys' values alone (no source text): the item as history
 * gives it at a past instant (metrics §6 `items[]`). Its ranges are empty ones at the start of `file`.
 */
export function itemFromValues(raw: Record<string, unknown>, file: string, index: number): Item {
  const at: Item['source'] = { file, line: 1, column: 1, offset: 0, end: 0 };
  return readItem({ raw, nodes: {}, fields: {} }, { file, index, source: at });
}

const readEpic: EntryReader<Epic> = ({ raw, fields }, { file, source }) => ({
  id: asText(raw.id) ?? '',
  title: asText(raw.title) ?? '',
  target: asDateText(raw.target),
  owner: asText(raw.owner),
  description: asText(raw.description),
  extra: splitKnown(raw, EPIC_KEYS),
  raw,
  file,
  source,
  fields,
});
