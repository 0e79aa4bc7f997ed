// Re-parsing a backlog file after an edit from its previous parse: only the item
// chunks the edit touched are cut and parsed again; the items before them are
// the previous objects, the items after them are the previous ones moved by the
// edit's length and line count (arithmetic, no scan of their text). Typing one
// character in item 10 of a 5,000-item file thus parses one chunk and shifts
// 4,990 ranges, where a full parse scans and places every chunk again.
//
// The result equals parseBacklog(text) (test/unit/parse-incremental.test.ts
// checks it on random edits of real files): anything the cut cannot vouch for
// (an edit in the header or the first item's first line, an unsafe layout in the
// changed lines, a chunk that does not parse, a boundary that moved) takes the
// full parse instead.
import type { BacklogFile, FieldSource, Item, SourceRange } from '../model';
import { type BacklogParse, chunkLayouts, parseBacklog, parseChunk, placeChunk } from './backlog';
import { hasUnsafeLayout, scanEntries } from './chunks';
import { LineIndex } from './source';
import { setOwn } from './yaml-node';

/** The parse of `text`, reusing `prev` (the parse of an earlier text of the same file) where the edit left it alone. */
export function reparseBacklog(prev: BacklogFile, text: string): BacklogParse {
  // Only a chunked parse is reused: a whole-document one may carry problems, and has no layout.
  if (!chunkLayouts.has(prev)) return parseBacklog(text, prev.file);
  if (prev.text === text) return { backlog: prev, problems: [] };
  const next = incremental(prev, text);
  return next ? { backlog: next, problems: [] } : parseBacklog(text, prev.file);
}

/** Blocks compared as strings (native) before characters: a 600 KB file in well under a millisecond. */
const BLOCK = 4096;

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + BLOCK <= n && a.slice(i, i + BLOCK) === b.slice(i, i + BLOCK)) i += BLOCK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, max: number): number {
  let i = 0;
  while (i + BLOCK <= max && a.slice(a.length - i - BLOCK, a.length - i) === b.slice(b.length - i - BLOCK, b.length - i)) i += BLOCK;
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

function newlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Index of the last start strictly before `offset` (starts are sorted; -1 when none). */
function chunkBefore(starts: readonly number[], offset: number): number {
  let lo = -1;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] < offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function incremental(prev: BacklogFile, text: string): BacklogFile | undefined {
  const layout = chunkLayouts.get(prev);
  const old = prev.text;
  if (!layout || layout.starts.length !== prev.items.length) return undefined;
  const { starts, indent } = layout;
  const p = commonPrefix(old, text);
  const s = commonSuffix(old, text, Math.min(old.length, text.length) - p);
  // The header and the first entry's `-` line decide the layout: an edit there is a full parse.
  // From the chunk before the edit's start (an edit at a chunk's start may continue the one before)
  // to the end of the chunk holding its last changed character.
  const i = chunkBefore(starts, p);
  if (i < 0 || (i === 0 && (old.indexOf('\n', starts[0]) === -1 || p <= old.indexOf('\n', starts[0])))) return undefined;
  const oldEnd = old.length - s;
  const j = Math.max(i, chunkBefore(starts, oldEnd));
  const delta = text.length - old.length;
  const from = starts[i];
  const oldTo = j + 1 < starts.length ? starts[j + 1] : old.length;
  const to = j + 1 < starts.length ? starts[j + 1] + delta : text.length;
  // The next unchanged chunk must still begin a line (a deleted newline would join it to the edit).
  if (to < text.length && text.charCodeAt(to - 1) !== 0x0a) return undefined;
  if (hasUnsafeLayout(text.slice(from, to))) return undefined;
  const cut = scanEntries(text, from, to, indent);
  if (!cut || cut[0] !== from) return undefined;
  const file = prev.file;
  const region = new LineIndex(text.slice(from, to));
  // The chunk's first line holds its item's `-`, so the item's line is the line at `from`.
  const baseLine = prev.items[i].source.line;
  const at = (o: number, e: number): SourceRange => {
    const { line, column } = region.position(o - from);
    return { file, line: baseLine + line - 1, column, offset: o, end: e };
  };
  const items: Item[] = prev.items.slice(0, i);
  let seqEnd = 0;
  for (let k = 0; k < cut.length; k++) {
    const chunk = parseChunk(text.slice(cut[k], k + 1 < cut.length ? cut[k + 1] : to), file);
    if (chunk === 'error') return undefined;
    items.push(placeChunk(chunk, cut[k], i + k, at));
    seqEnd = cut[k] + chunk.seqEnd;
  }
  const lineDelta = newlines(text, from, to) - newlines(old, from, oldTo);
  const indexDelta = cut.length - (j - i + 1);
  for (let k = j + 1; k < prev.items.length; k++) items.push(shifted(prev.items[k], delta, lineDelta, indexDelta));
  if (j + 1 < prev.items.length) seqEnd = layout.seqEnd + delta;
  const nextStarts = starts.slice(0, i).concat(cut, starts.slice(j + 1).map((x) => x + delta));
  const fields = { ...prev.fields };
  const itemsField = prev.fields.items;
  if (itemsField) setOwn(fields, 'items', { key: itemsField.key, value: { ...itemsField.value, end: seqEnd } });
  const next: BacklogFile = { ...prev, text, items, fields };
  chunkLayouts.set(next, { headerEnd: layout.headerEnd, indent, starts: nextStarts, seqEnd });
  return next;
}

function moved(r: SourceRange, delta: number, lines: number): SourceRange {
  return { file: r.file, line: r.line + lines, column: r.column, offset: r.offset + delta, end: r.end + delta };
}

/**
 * The item moved by an edit before it: offsets by `delta`, lines by `lines`, its index by `index`
 * (columns stay: the edit ended on an earlier line). Hot (every item after the edit): no closures,
 * no Object.entries.
 */
function shifted(item: Item, delta: number, lines: number, index: number): Item {
  if (delta === 0 && lines === 0 && index === 0) return item;
  const fields: Record<string, FieldSource> = {};
  const from = item.fields as Record<string, FieldSource>;
  for (const k in from) {
    const f = from[k];
    setOwn(fields, k, { key: moved(f.key, delta, lines), value: moved(f.value, delta, lines) });
  }
  return { ...item, index: item.index + index, rank: item.rank + index, source: moved(item.source, delta, lines), fields };
}
