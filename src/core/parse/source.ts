// Offsets ⇄ 1-based line/column, shared by the parser, validator and edits.

import type { SourceRange } from '../model';

export class LineIndex {
  /** Offset at which each line starts. */
  readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  /** 1-based line and column of a 0-based offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }

  /** Offset of the start of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))];
  }

  /** Offset just after the last character of the line holding `offset`, before its `\r\n` or `\n`. */
  lineEnd(offset: number): number {
    let nl = this.text.indexOf('\n', offset);
    if (nl === -1) nl = this.text.length;
    return nl > 0 && this.text[nl - 1] === '\r' ? nl - 1 : nl;
  }

  range(file: string, offset: number, end: number): SourceRange {
    const { line, column } = this.position(offset);
    return { file, line, column, offset, end };
  }
}

/** The line ending a file mostly uses, so inserted lines match it. */
export function lineEnding(text: string): '\n' | '\r\n' {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

/** Git conflict markers at the start of a line: `<<<<<<<`, `=======`, `>>>>>>>` (and diff3's `|||||||`). */
const CONFLICT_MARKER = /^(?:<{7}|>{7}|\|{7})(?: |\r?$)|^={7}\r?$/gm;

/** 0-based offsets of every conflict marker line. */
export function findConflictMarkers(text: string): number[] {
  const found: number[] = [];
  for (const m of text.matchAll(CONFLICT_MARKER)) found.push(m.index ?? 0);
  return found;
}
