// Items as whole blocks of lines, for delete, move and add. An item's chunk
// is its own lines plus the full-line comments directly above it (indented no
// deeper than its `-`) and those directly below it indented deeper (notes
// inside its mapping). Blank lines between chunks are separators: a removed
// chunk takes one separator with it, an inserted one copies its neighbours'.

import { parseDocument } from 'yaml';
import { EditError } from './types';
import type { Entry, FileState } from './state';
import { indentAt, lineEndAt, lineStartAt, nextLineStart } from './text';

export interface Chunk {
  /** Start of the chunk's first line. */
  start: number;
  /** End of its last line, before the line break. */
  end: number;
  /** Start of the item's `-` line. */
  itemLine: number;
}

/** A chunk's text as lines (no line breaks) and where the item sits in them. */
export interface ChunkLines {
  lines: string[];
  /** Index of the item's first line. */
  itemAt: number;
  /** Number of the item's own lines. */
  itemLines: number;
  dashCol: number;
}

const COMMENT = /^[ \t]*#/;

export function chunkOf(st: FileState, k: number): Chunk {
  const text = st.text;
  const e = st.entries[k];
  const itemLine = lineStartAt(text, e.start);
  const dashCol = e.start - itemLine;
  const floor = k > 0 ? st.entries[k - 1].end : st.lineEnd(st.itemsColonEnd);
  let start = itemLine;
  while (start > 0) {
    const above = lineStartAt(text, start - 1);
    if (above <= floor) break;
    const line = text.slice(above, lineEndAt(text, above));
    if (!COMMENT.test(line) || indentAt(text, above) > dashCol) break;
    start = above;
  }
  let end = e.end;
  for (;;) {
    const below = nextLineStart(text, end);
    if (below >= text.length || below === end) break;
    const line = text.slice(below, lineEndAt(text, below));
    if (!COMMENT.test(line) || indentAt(text, below) <= dashCol) break;
    end = lineEndAt(text, below);
  }
  return { start, end, itemLine };
}

/** Text between chunk a's last character and chunk b's first: a line break plus any lines between. */
function separator(st: FileState, a: Chunk, b: Chunk): string {
  return st.text.slice(a.end, b.start);
}

const isBlank = (s: string): boolean => s.trim() === '';

export function chunkLines(st: FileState, entry: Entry, c: Chunk): ChunkLines {
  const text = st.text;
  const before = text.slice(c.start, c.itemLine);
  const own = text.slice(c.itemLine, entry.end);
  return {
    lines: text.slice(c.start, c.end).split(/\r?\n/),
    itemAt: before === '' ? 0 : before.split(/\r?\n/).length - 1,
    itemLines: own.split(/\r?\n/).length,
    dashCol: entry.start - c.itemLine,
  };
}

/** Remove entry k's chunk and one separator next to it (a blank one, the shorter, so the layout around stays). */
export function removeChunk(st: FileState, k: number): void {
  const n = st.entries.length;
  const c = chunkOf(st, k);
  const prev = k > 0 ? chunkOf(st, k - 1) : undefined;
  const next = k < n - 1 ? chunkOf(st, k + 1) : undefined;
  st.entries.splice(k, 1);
  // Of the two blank separators around it, the shorter goes: sections split by blank lines stay split.
  const before = prev ? separator(st, prev, c) : undefined;
  const after = next ? separator(st, c, next) : undefined;
  const takeBefore = before !== undefined && isBlank(before) && (after === undefined || !isBlank(after) || before.length <= after.length);
  if (prev && takeBefore) return st.splice(prev.end, c.end, '');
  if (next && after !== undefined && isBlank(after)) return st.splice(c.start, next.start, '');
  if (!prev && !next) {
    // The list is now empty: `items: []` keeps it a list.
    st.splice(c.start, nextLineStart(st.text, c.end), '');
    st.splice(st.itemsColonEnd, st.itemsColonEnd, ' []');
    st.itemsValueEnd = st.itemsColonEnd + 3;
    st.itemsKind = 'empty';
    checkHeader(st, st.lineEnd(st.itemsColonEnd), 0);
    return;
  }
  st.splice(c.start, nextLineStart(st.text, c.end), '');
}

/**
 * Re-indent a chunk to a file's layout (its `-` column and the columns from
 * `-` to the first key) and join it with the file's line break. Comments above
 * the item follow the `-`; the item's other lines and the notes below it
 * follow its keys, so relative indentation (block scalars, nested lists) stays.
 */
export function chunkText(cl: ChunkLines, dashCol: number, keyOff: number, eol: string): string {
  const first = cl.lines[cl.itemAt];
  const m = /^( *)-( +)(?=[^\s{[#])/.exec(first);
  const srcKeyOff = m ? m[2].length + 1 : keyOff;
  const dashShift = dashCol - cl.dashCol;
  const keyShift = dashShift + (m ? keyOff - srcKeyOff : 0);
  return cl.lines.map((l, i) => {
    if (i === cl.itemAt) return m ? ' '.repeat(dashCol) + '-' + ' '.repeat(keyOff - 1) + first.slice(m[0].length) : shift(l, dashShift);
    return shift(l, i < cl.itemAt ? dashShift : keyShift);
  }).join(eol);
}

function shift(line: string, by: number): string {
  if (by === 0 || line.trim() === '') return line;
  if (by > 0) return ' '.repeat(by) + line;
  return line.slice(Math.min(-by, line.length - line.trimStart().length));
}

/** Columns from an item's `-` to its first key, as a neighbour of position k writes it (`- id` → 2). */
export function keyOffsetFor(st: FileState, k: number): number {
  const e = st.entries[Math.min(k, st.entries.length - 1)];
  if (!e || st.text[e.start] !== '-') return 2;
  let i = e.start + 1;
  while (st.text[i] === ' ') i++;
  return /[\r\n{[#]/.test(st.text[i] ?? '\n') || i === e.start + 1 ? 2 : i - e.start;
}

/** The `-` column items in this file use (from a neighbour), for inserting at entry position k. */
export function dashColFor(st: FileState, k: number): number {
  const e = st.entries[Math.min(k, st.entries.length - 1)];
  return e ? e.start - lineStartAt(st.text, e.start) : st.emptyDashCol;
}

/**
 * Insert a chunk so its item becomes entry k. `text` is the chunk's text
 * (no final line break), `itemOffset` where the item's `-` is inside it and
 * `itemLength` the length of the item's own text from there.
 */
export function insertChunk(st: FileState, k: number, text: string, itemOffset: number, itemLength: number, entry: Omit<Entry, 'start' | 'end'>): Entry {
  const n = st.entries.length;
  const eol = st.eol;
  let at: number;
  let before = '';
  let after = '';
  let replaceTo: number | undefined;
  if (st.itemsKind === 'absent') {
    at = st.text.length;
    before = (at === 0 || st.text.endsWith('\n') ? '' : eol) + 'items:' + eol;
    after = eol;
  } else if (n === 0) {
    // `items: []  # note` → `items:  # note` and the list below it; the comment keeps its spacing.
    const lineEnd = st.lineEnd(st.itemsValueEnd);
    at = st.itemsKind === 'empty' ? st.itemsColonEnd : lineEnd;
    replaceTo = lineEnd;
    before = st.text.slice(st.itemsKind === 'empty' ? st.itemsValueEnd : lineEnd, lineEnd) + eol;
  } else if (k < n) {
    const c = chunkOf(st, k);
    at = c.start;
    const sep = k > 0 ? separator(st, chunkOf(st, k - 1), c) : n > 1 ? separator(st, c, chunkOf(st, 1)) : eol;
    after = isBlank(sep) ? sep : eol;
  } else {
    const c = chunkOf(st, n - 1);
    at = c.end;
    const sep = n > 1 ? separator(st, chunkOf(st, n - 2), c) : eol;
    before = isBlank(sep) ? sep : eol;
  }
  st.splice(at, replaceTo ?? at, before + text + after);
  if (st.itemsKind === 'absent') st.itemsColonEnd = at + before.indexOf('items:') + 'items:'.length;
  st.itemsKind = 'block';
  const start = at + before.length + itemOffset;
  const added: Entry = { ...entry, start, end: start + itemLength };
  st.entries.splice(k, 0, added);
  if (n === 0) checkHeader(st, added.end, 1);
  return added;
}

/** The `items:` line was rewritten: it and the list up to `upTo`, read alone, must be `items` with `count` entries. */
function checkHeader(st: FileState, upTo: number, count: number): void {
  const doc = parseDocument(st.text.slice(lineStartAt(st.text, st.itemsColonEnd), upTo), { prettyErrors: false });
  const items: unknown = doc.errors.length === 0 ? (doc.toJS() as { items?: unknown } | null)?.items : undefined;
  if (!Array.isArray(items) || items.length !== count) {
    throw new EditError(`${st.file}: rewriting the \`items:\` line would not keep it a list; edit the file by hand.`);
  }
}

export function assertStructural(st: FileState): void {
  const key = st.backlog.fields.items?.key;
  const at = key ? `${st.file}:${key.line}:${key.column}` : st.file;
  if (st.itemsKind === 'flow') {
    throw new EditError(`${at}: \`items\` is written as a flow list (\`[...]\`); its items can be changed in place but not added, deleted or moved. Rewrite it as a \`- \` list first.`);
  }
  if (st.itemsKind === 'invalid') {
    throw new EditError(`${at}: \`items\` is not a list in a block mapping; fix the file by hand first.`);
  }
}
