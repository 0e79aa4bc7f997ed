// Splitting one version of a backlog file into item chunks by a line scan over
// its bytes, without parsing YAML. A chunk is one entry of the top-level
// `items:` block sequence: from its `- ` line (at the sequence's indent) to the
// next one, trailing comments included. Anything the scan cannot vouch for
// (flow-style `items: [...]`, tabs as indentation, several documents, conflict
// markers, a second `items:` key) returns undefined and the caller parses the
// whole file instead. A new version of a file is rescanned only around the bytes
// that differ from an older version (common prefix and suffix are compared with
// memcmp; see rescan.ts), so a one-line change in a 2,000-item file costs one chunk.

export interface Layout {
  /** Column of the items' `-`. */
  indent: number;
  /** Byte offset of each chunk's first line. */
  starts: number[];
  /** Byte offset where the last chunk ends (the sequence ends). */
  seqEnd: number;
}

const LF = 10;
const CR = 13;
const SP = 32;
const TAB = 9;
const HASH = 35;
const DASH = 45;
const DOT = 46;
const PERCENT = 37;

export const enum Kind { Blank, Comment, Item, Term, Cont, Unsafe }

export function lineEnd(buf: Buffer, ls: number): number {
  const nl = buf.indexOf(LF, ls);
  return nl === -1 ? buf.length : nl;
}

/** What a line is inside an items sequence at indent `indent`. */
export function lineKind(buf: Buffer, ls: number, le: number, indent: number): Kind {
  let i = ls;
  while (i < le && buf[i] === SP) i++;
  if (i === le || (buf[i] === CR && i + 1 === le)) return Kind.Blank;
  const c = buf[i];
  const ind = i - ls;
  if (c === HASH) return Kind.Comment;
  if (c === TAB) return ind <= indent ? Kind.Unsafe : Kind.Cont;
  if (ind > indent) return Kind.Cont;
  if (ind === indent && c === DASH) {
    if (i + 1 === le) return Kind.Item;
    const n = buf[i + 1];
    if (n === SP || (n === CR && i + 2 === le)) return Kind.Item;
    if (n === TAB) return Kind.Unsafe;
  }
  return Kind.Term;
}

/** True when the 7 bytes at `s` are a git conflict marker run (`<<<<<<<`, `=======`, `>>>>>>>`, `|||||||`). */
function isMarker(buf: Buffer, s: number, le: number): boolean {
  if (le - s < 7) return false;
  const c = buf[s];
  if (c !== 60 && c !== 61 && c !== 62 && c !== 124) return false;
  for (let i = 1; i < 7; i++) if (buf[s + i] !== c) return false;
  return true;
}

function restIsEmpty(buf: Buffer, i: number, le: number): boolean {
  while (i < le && buf[i] === SP) i++;
  return i === le || buf[i] === HASH || (buf[i] === CR && i + 1 === le);
}

/** `---` (document start) with nothing but a comment after it. */
function isDocStart(buf: Buffer, s: number, le: number): boolean {
  return buf[s] === DASH && buf[s + 1] === DASH && buf[s + 2] === DASH && (s + 3 === le || buf[s + 3] === SP || buf[s + 3] === CR) && restIsEmpty(buf, s + 3, le);
}

const ITEMS_KEYS = ['items', '"items"', "'items'"].map((k) => Buffer.from(k));

/** For a column-0 line: undefined when it is not the `items` key, else how its value starts. */
function itemsKey(buf: Buffer, s: number, le: number): 'block' | 'empty' | 'unsafe' | undefined {
  for (const key of ITEMS_KEYS) {
    if (le - s < key.length || buf.compare(key, 0, key.length, s, s + key.length) !== 0) continue;
    let i = s + key.length;
    while (i < le && buf[i] === SP) i++;
    if (buf[i] !== 58 /* : */) return key.length === 5 && i === s + 5 ? undefined : 'unsafe';
    i++;
    if (i < le && buf[i] !== SP && !(buf[i] === CR && i + 1 === le)) return key.length === 5 ? undefined : 'unsafe';
    if (restIsEmpty(buf, i, le)) return 'block';
    while (buf[i] === SP) i++;
    if (buf[i] === 91 /* [ */ && buf[i + 1] === 93 /* ] */ && restIsEmpty(buf, i + 2, le)) return 'empty';
    return 'unsafe';
  }
  return undefined;
}

/** Column-0 content that makes the line scan unsafe anywhere outside the items (header or trailer). */
function unsafeTopLine(buf: Buffer, s: number, le: number): boolean {
  const c = buf[s];
  return c === TAB || c === PERCENT || isMarker(buf, s, le) || (c === DOT && buf[s + 1] === DOT && buf[s + 2] === DOT) ||
    (c === DASH && buf[s + 1] === DASH && buf[s + 2] === DASH);
}

function isTopContent(buf: Buffer, s: number, le: number): boolean {
  if (s >= le) return false;
  const c = buf[s];
  return c !== SP && c !== HASH && !(c === CR && s + 1 === le);
}

/** Nothing after the items sequence may be a second `items:` key, another document or a conflict marker. */
export function trailerOk(buf: Buffer, from: number): boolean {
  for (let ls = from; ls < buf.length;) {
    const le = lineEnd(buf, ls);
    if (isTopContent(buf, ls, le) && (unsafeTopLine(buf, ls, le) || itemsKey(buf, ls, le) !== undefined)) return false;
    ls = le + 1;
  }
  return true;
}

/** Collect item starts from `pos` until the sequence ends; returns its end, or -1 if a line is unsafe. */
function scanItems(buf: Buffer, pos: number, indent: number, starts: number[]): number {
  while (pos < buf.length) {
    const le = lineEnd(buf, pos);
    const kind = lineKind(buf, pos, le, indent);
    if (kind === Kind.Unsafe) return -1;
    if (kind === Kind.Term) return pos;
    if (kind === Kind.Item) starts.push(pos);
    pos = le + 1;
  }
  return buf.length;
}

/** Scan a whole version. Undefined when the layout is not one the scan can vouch for. */
export function scanFull(buf: Buffer): Layout | undefined {
  const len = buf.length;
  let sawContent = false;
  let pos = -1;
  let empty = false;
  for (let ls = 0; ls < len;) {
    const le = lineEnd(buf, ls);
    const s = ls === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : ls;
    if (isTopContent(buf, s, le)) {
      if (isDocStart(buf, s, le) && !sawContent) {
        sawContent = true;
      } else {
        if (unsafeTopLine(buf, s, le)) return undefined;
        const k = itemsKey(buf, s, le);
        if (k === 'unsafe') return undefined;
        if (k) {
          pos = le + 1;
          empty = k === 'empty';
          break;
        }
        sawContent = true;
      }
    }
    ls = le + 1;
  }
  if (pos < 0) return undefined;
  const done = (layout: Layout): Layout | undefined => (trailerOk(buf, layout.seqEnd) ? layout : undefined);
  if (empty) return done({ indent: 0, starts: [], seqEnd: Math.min(pos, len) });
  // The first content line after `items:` fixes the sequence's indent.
  for (; pos < len; pos = lineEnd(buf, pos) + 1) {
    const le = lineEnd(buf, pos);
    let i = pos;
    while (i < le && buf[i] === SP) i++;
    if (i === le || buf[i] === HASH || (buf[i] === CR && i + 1 === le)) continue;
    if (lineKind(buf, pos, le, i - pos) === Kind.Item) break;
    // `items:` followed by a less-indented key: the value is null (no items). Anything else is not a block sequence.
    return i === pos && buf[i] !== TAB ? done({ indent: 0, starts: [], seqEnd: pos }) : undefined;
  }
  if (pos >= len) return { indent: 0, starts: [], seqEnd: len };
  let i = pos;
  while (buf[i] === SP) i++;
  const indent = i - pos;
  const starts: number[] = [];
  const end = scanItems(buf, pos, indent, starts);
  if (end < 0) return undefined;
  return done({ indent, starts, seqEnd: end });
}

const BLOCK = 65536;
const SMALL = 256;

/** Length of the common prefix of a and b (memcmp by blocks, then bytes). */
export function commonPrefix(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + BLOCK <= n && a.compare(b, i, i + BLOCK, i, i + BLOCK) === 0) i += BLOCK;
  while (i + SMALL <= n && a.compare(b, i, i + SMALL, i, i + SMALL) === 0) i += SMALL;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/** Byte range of chunk i. */
export function chunkRange(layout: Layout, i: number): [number, number] {
  return [layout.starts[i], i + 1 < layout.starts.length ? layout.starts[i + 1] : layout.seqEnd];
}

/**
 * Every chunk of `l` starts a line of `buf` with the item's `-` at the layout's
 * indent (spaces before it), within the bytes: a cheap check that a stored
 * layout (vouched for by the cache's checksum) belongs to these bytes.
 */
export function layoutFits(buf: Buffer, l: Layout): boolean {
  if (l.seqEnd > buf.length) return false;
  for (const s of l.starts) {
    if ((s > 0 && buf[s - 1] !== LF) || s + l.indent >= buf.length || buf[s + l.indent] !== DASH) return false;
    for (let i = s; i < s + l.indent; i++) if (buf[i] !== SP) return false;
  }
  return true;
}
