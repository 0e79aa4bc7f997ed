// One key of one item: replace its value, add it, or remove it, as a single
// splice of the current text. Only the lines of that key change; the item's
// comments, quoting, indentation and line ends stay.

import { ITEM_KEYS } from '../model';
import type { EntryInfo, PairInfo, ValueInfo } from './entry';
import { flowSeqText, literalBlock, type QuoteStyle, type Scalar, scalarText } from './scalar';
import { indentAt, lineEndAt, lineStartAt } from './text';
import { EditError, type EditValue } from './types';

export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** Where a new key goes: after the nearest key that precedes it in the spec's order, else after the last key. */
export function anchorPair(entry: EntryInfo, field: string): PairInfo {
  const order = ITEM_KEYS as readonly string[];
  const at = order.indexOf(field);
  if (at > 0) {
    for (let k = at - 1; k >= 0; k--) {
      const found = entry.pairs.find((p) => p.key === order[k]);
      if (found) return found;
    }
  }
  return entry.pairs[entry.pairs.length - 1];
}

/** Lines of a new `key: value` pair at column keyCol (a multi-line string becomes a `|` block). */
export function pairLines(key: string, value: EditValue, keyCol: number, eol: string): string[] {
  const head = ' '.repeat(keyCol) + key + ': ';
  const block = multiLine(value, keyCol + 2, eol);
  if (block === undefined) return [head + inlineText(value, 'plain', false)];
  const [header, ...rest] = block.split(eol);
  return [head + header, ...rest];
}

export function setField(text: string, entry: EntryInfo, field: string, value: EditValue, eol: string): Splice {
  const pair = entry.pairs.find((p) => p.key === field);
  if (entry.flow) return setFlow(text, entry, pair, field, value);
  if (!pair) {
    const at = anchorPair(entry, field).value.lineEnd;
    const head = eol + ' '.repeat(entry.keyCol) + field + ':';
    const block = multiLine(value, entry.keyCol + 2, eol);
    return { start: at, end: at, text: head + ' ' + (block ?? inlineText(value, 'plain', false)) };
  }
  return replaceBlockValue(text, pair, value, entry.keyCol, eol);
}

function replaceBlockValue(text: string, pair: PairInfo, value: EditValue, keyCol: number, eol: string): Splice {
  const old = pair.value;
  const isBlock = old.kind === 'block-scalar' || old.kind === 'block-seq' || old.kind === 'block-map' || old.ownLines;
  // A list that was written as `- a` lines stays that way.
  if (Array.isArray(value) && value.length > 0 && old.kind === 'block-seq') {
    const pad = ' '.repeat(old.start - lineStartAt(text, old.start));
    return { start: old.start, end: old.lineEnd, text: value.map((v) => '- ' + scalarText(v, 'block')).join(eol + pad) };
  }
  const contentIndent = old.kind === 'block-scalar' ? blockIndent(text, old, keyCol) : keyCol + 2;
  const block = multiLine(value, contentIndent, eol);
  if (block !== undefined) {
    if (isBlock) return { start: pair.colonEnd, end: old.lineEnd, text: ' ' + block };
    // An inline value's trailing comment moves up to the header line, where it stays a comment.
    const lineEnd = lineEndAt(text, old.end);
    const comment = text.slice(old.end, lineEnd).trim();
    const [header, ...rest] = block.split(eol);
    return { start: pair.colonEnd, end: lineEnd, text: ' ' + [header + (comment ? ' ' + comment : ''), ...rest].join(eol) };
  }
  const inline = inlineText(value, styleOf(old), old.kind === 'flow-seq' && text[old.start + 1] === ' ');
  if (isBlock) return { start: pair.colonEnd, end: old.lineEnd, text: ' ' + inline };
  if (old.kind === 'empty') return { start: pair.colonEnd, end: pair.colonEnd, text: ' ' + inline };
  return { start: old.start, end: old.end, text: inline };
}

/** Indent of an existing block scalar's content (its first non-empty line), else keyCol + 2. */
function blockIndent(text: string, old: ValueInfo, keyCol: number): number {
  let line = text.indexOf('\n', old.start) + 1;
  while (line > 0 && line < old.end) {
    const ind = indentAt(text, line);
    const ch = text[line + ind];
    if (ch !== '\n' && ch !== '\r' && ch !== undefined) return ind;
    line = text.indexOf('\n', line) + 1;
  }
  return keyCol + 2;
}

function styleOf(v: ValueInfo): QuoteStyle {
  return v.kind === 'single' ? 'single' : v.kind === 'double' ? 'double' : 'plain';
}

/** A multi-line string as `|` plus content lines; undefined for anything else (or when it must be quoted). */
function multiLine(value: EditValue, indent: number, eol: string): string | undefined {
  if (typeof value !== 'string' || !value.includes('\n')) return undefined;
  const lit = literalBlock(value, indent);
  return lit && [lit.header, ...lit.lines].join(eol);
}

function inlineText(value: EditValue, prefer: QuoteStyle, padded: boolean, ctx: 'block' | 'flow' = 'block'): string {
  return Array.isArray(value) ? flowSeqText(value, padded) : scalarText(value as Scalar, ctx, prefer);
}

function setFlow(text: string, entry: EntryInfo, pair: PairInfo | undefined, field: string, value: EditValue): Splice {
  if (!pair) {
    const at = anchorPair(entry, field).value.end;
    return { start: at, end: at, text: `, ${field}: ${inlineText(value, 'plain', false, 'flow')}` };
  }
  const old = pair.value;
  const inline = inlineText(value, styleOf(old), old.kind === 'flow-seq' && text[old.start + 1] === ' ', 'flow');
  if (old.kind === 'empty') {
    // `{a: }` or `{a}` (no colon: colonEnd is the key's end).
    const sep = text[pair.colonEnd - 1] === ':' ? ' ' : ': ';
    return { start: pair.colonEnd, end: pair.colonEnd, text: sep + inline };
  }
  return { start: old.start, end: old.end, text: inline };
}

export function removeField(text: string, entry: EntryInfo, field: string): Splice | undefined {
  const i = entry.pairs.findIndex((p) => p.key === field);
  if (i === -1) return undefined;
  const pair = entry.pairs[i];
  const next = entry.pairs[i + 1];
  if (entry.pairs.length === 1) throw new EditError(`cannot remove '${field}': it is the item's only key.`);
  if (entry.flow) {
    // `, key: value` goes; the first pair takes the separator after it instead.
    if (i > 0) return { start: entry.pairs[i - 1].value.end, end: pair.value.end, text: '' };
    return { start: pair.keyStart, end: next.keyStart, text: '' };
  }
  const keyLine = lineStartAt(text, pair.keyStart);
  if (keyLine + entry.dashCol + 1 < pair.keyStart && text[keyLine + entry.dashCol] === '-' && next) {
    // The key shares the `- ` line: the next key moves up onto it.
    return { start: pair.keyStart, end: next.keyStart, text: '' };
  }
  // Whole lines: from the end of the line above to the end of the pair's last line.
  let from = keyLine - 1;
  if (from > 0 && text[from - 1] === '\r') from--;
  return { start: Math.max(0, from), end: pair.value.lineEnd, text: '' };
}
