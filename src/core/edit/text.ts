// Plain text helpers: splicing edits, line boundaries in a changing text, and
// folding a sequence of edits (each against the text left by the previous
// one) into one set of edits against the original text.

import { EditError, type TextEdit } from './types';

/** Apply one file's edits (any order, non-overlapping; inserts at one offset keep their given order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.offset - b.e.offset || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const { e } of sorted) {
    if (e.offset < pos || e.length < 0 || e.offset + e.length > text.length) {
      throw new EditError(`${e.file}: edit at offset ${e.offset} (length ${e.length}) overlaps another edit or lies outside the text.`);
    }
    out += text.slice(pos, e.offset) + e.newText;
    pos = e.offset + e.length;
  }
  return out + text.slice(pos);
}

/** Offset of the start of the line holding `offset`. */
export function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the end of the line holding `offset`, before its `\r\n` or `\n`. */
export function lineEndAt(text: string, offset: number): number {
  let nl = text.indexOf('\n', offset);
  if (nl === -1) nl = text.length;
  return nl > 0 && text[nl - 1] === '\r' && nl - 1 >= offset ? nl - 1 : nl;
}

/** Offset of the start of the next line (text.length at the last line). */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

/** Offset of the last non-whitespace character in [start, end), or start - 1 if none. */
export function lastNonSpace(text: string, start: number, end: number): number {
  let i = end - 1;
  while (i >= start && /\s/.test(text[i])) i--;
  return i;
}

/** Count of leading spaces of the line starting at `lineStart`. */
export function indentAt(text: string, lineStart: number): number {
  let i = lineStart;
  while (text[i] === ' ') i++;
  return i - lineStart;
}

interface Piece {
  /** Original coordinates. */
  start: number;
  end: number;
  text: string;
}

/**
 * Edits of one file, kept in the original text's coordinates. Each recorded
 * edit is given against the current text; edits that overlap or touch earlier
 * ones are merged with them, so the result stays a set of disjoint splices.
 */
export class EditLog {
  private pieces: Piece[] = [];

  /** Record replacing [start, end) of `current` (the text before this edit) with `text`. */
  record(current: string, start: number, end: number, text: string): void {
    if (start === end && text === '') return;
    const ps = this.pieces;
    let delta = 0;
    let i = 0;
    for (; i < ps.length; i++) {
      const p = ps[i];
      if (p.start + delta + p.text.length >= start) break;
      delta += p.text.length - (p.end - p.start);
    }
    let mergedStart = start;
    let mergedEnd = end;
    let origStart = start - delta;
    let after = delta;
    let j = i;
    for (; j < ps.length; j++) {
      const p = ps[j];
      const curStart = p.start + after;
      if (curStart > end) break;
      if (curStart <= mergedStart) {
        mergedStart = curStart;
        origStart = p.start;
      }
      mergedEnd = Math.max(mergedEnd, curStart + p.text.length);
      after += p.text.length - (p.end - p.start);
    }
    const merged = current.slice(mergedStart, start) + text + current.slice(end, mergedEnd);
    ps.splice(i, j - i, { start: origStart, end: mergedEnd - after, text: merged });
  }

  edits(file: string): TextEdit[] {
    return this.pieces.map((p) => ({ file, offset: p.start, length: p.end - p.start, newText: p.text }));
  }
}
