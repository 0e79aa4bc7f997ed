// Reading one item from the current text: its text alone (from `- ` to the
// end of its last line) is parsed as a tiny YAML document, so edits never
// re-parse the whole file. Positions are mapped back to the current text.

import { type Document, isAlias, isMap, isScalar, isSeq, type Node, parseDocument, type ParsedNode, visit, type YAMLMap } from 'yaml';
import { lineEndAt, lineStartAt, lastNonSpace } from './text';

export type ValueKind =
  | 'empty' | 'plain' | 'single' | 'double' | 'block-scalar'
  | 'flow-seq' | 'flow-map' | 'block-seq' | 'block-map' | 'other';

export interface ValueInfo {
  kind: ValueKind;
  /** Where the value's text starts (an empty value: just after the colon). */
  start: number;
  /** Just after the value's last character (trailing comments excluded for scalars and flow collections). */
  end: number;
  /** The value begins on a later line than its key (`tags:` then `- a`). */
  ownLines: boolean;
  /** End (before the line break) of the line holding the value's last non-space character. */
  lineEnd: number;
}

export interface PairInfo {
  key: string;
  keyStart: number;
  /** Just after the `:` (equals the key end when a flow pair has no colon). */
  colonEnd: number;
  value: ValueInfo;
}

export interface EntryInfo {
  /** The item is a flow map (`- {id: X}`): edits stay inside the braces. */
  flow: boolean;
  /** Column of the `-` (block sequences) or of the `{`. */
  dashCol: number;
  /** Column of the item's keys (block maps). */
  keyCol: number;
  pairs: PairInfo[];
  /** Each key's value, as the parser's `raw` holds them. */
  raw: Record<string, unknown>;
  /** The item defines a YAML anchor (`&x`): others may refer to it, so it is not edited. */
  hasAnchor: boolean;
}

/** Parse the item whose text is [start, end) of `text`; undefined when that text does not parse alone. */
export function readEntry(text: string, start: number, end: number): EntryInfo | undefined {
  const lineStart = lineStartAt(text, start);
  const col = start - lineStart;
  // Pad with spaces so columns, and so indentation rules, are those of the file.
  const doc = parseDocument(' '.repeat(col) + text.slice(start, end), { prettyErrors: false });
  if (doc.errors.length > 0) return undefined;
  const at = (p: number): number => start + p - col;
  let map: YAMLMap | undefined;
  const root = doc.contents;
  if (text[start] === '-') {
    if (isSeq(root) && root.items.length === 1 && isMap(root.items[0])) map = root.items[0];
  } else if (isMap(root)) {
    map = root;
  }
  if (!map) return undefined;
  const pairs: PairInfo[] = [];
  const raw: Record<string, unknown> = {};
  for (const pair of map.items) {
    const key = pair.key as ParsedNode | null;
    if (!key?.range) return undefined;
    const name = isScalar(key) ? String(key.value) : String(key);
    const keyStart = at(key.range[0]);
    const keyEnd = at(key.range[1]);
    const value = pair.value as ParsedNode | null;
    const colon = text.indexOf(':', keyEnd);
    const valueStart = value?.range ? at(value.range[0]) : undefined;
    const colonEnd = colon !== -1 && colon < (valueStart ?? end) ? colon + 1 : keyEnd;
    pairs.push({ key: name, keyStart, colonEnd, value: valueInfo(text, value, at, colonEnd) });
    try {
      raw[name] = value === null ? null : isScalar(value) ? value.value : value.toJS(doc as Document.Parsed);
    } catch {
      return undefined; // an alias to an anchor outside the item (`<<: *defaults`): not editable alone
    }
  }
  let hasAnchor = false;
  visit(doc, (_key, node) => {
    if ((node as Node & { anchor?: string }).anchor) hasAnchor = true;
  });
  const first = pairs[0];
  return {
    flow: map.flow === true,
    dashCol: col,
    keyCol: first ? first.keyStart - lineStartAt(text, first.keyStart) : col + 2,
    pairs,
    raw,
    hasAnchor,
  };
}

function valueInfo(text: string, node: ParsedNode | null, at: (p: number) => number, colonEnd: number): ValueInfo {
  if (!node?.range || (isScalar(node) && node.value === null && node.range[0] === node.range[1])) {
    return { kind: 'empty', start: colonEnd, end: colonEnd, ownLines: false, lineEnd: lineEndAt(text, colonEnd) };
  }
  let start = at(node.range[0]);
  let end = at(node.range[1]);
  let kind: ValueKind = 'other';
  if (isAlias(node)) kind = 'other';
  else if (isScalar(node)) {
    kind = node.type === 'QUOTE_SINGLE' ? 'single' : node.type === 'QUOTE_DOUBLE' ? 'double'
      : node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' ? 'block-scalar' : 'plain';
  } else if (isSeq(node)) kind = node.flow ? 'flow-seq' : 'block-seq';
  else if (isMap(node)) kind = node.flow ? 'flow-map' : 'block-map';
  // A tag or anchor (`!!str 5`, `&a x`) before the value is part of what a new value replaces.
  const between = text.slice(colonEnd, start);
  if (/[!&]/.test(between.replace(/#.*$/gm, ''))) {
    start = colonEnd + (between.length - between.trimStart().length);
    kind = 'other';
  }
  const last = lastNonSpace(text, start, end);
  if (kind === 'block-seq' || kind === 'block-map' || kind === 'block-scalar') end = last + 1;
  return { kind, start, end, ownLines: text.lastIndexOf('\n', start - 1) >= colonEnd, lineEnd: lineEndAt(text, Math.max(last, start)) };
}
