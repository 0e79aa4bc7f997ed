// Small splices in the sprint log, in the edit engine's manner: only the
// characters of one value change, or one line (or one flow entry) is added, so
// the diff is a line; comments, quoting and layout elsewhere stay. Values are
// written with the engine's scalarText (quoted only when they must be).

import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { type Scalar, scalarText } from './scalar';
import { indentAt, lastNonSpace, lineEndAt, lineStartAt } from './text';
import { EditError, type TextEdit } from './types';

export interface Spot {
  file: string;
  text: string;
  eol: string;
}

const range = (n: unknown): [number, number, number] => {
  const r = (n as Node | null)?.range;
  if (!r) throw new EditError('the sprint log changed shape while editing; edit it by hand.');
  return r;
};

export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
}

/** A flow value text for a nested new key: a scalar, a flow map of scalars, a flow list of those. */
export type FlowValue = Scalar | FlowValue[] | { [k: string]: FlowValue };

export function flowText(v: FlowValue): string {
  if (Array.isArray(v)) return `[${v.map(flowText).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${k}: ${flowText(x)}`).join(', ')}}`;
  return scalarText(v, 'flow');
}

/** Set `key` of `map` to a scalar (replacing its value) or add `key: value` (a line, or a flow entry). */
export function setKey(s: Spot, map: YAMLMap, key: string, value: FlowValue): TextEdit {
  const pair = pairOf(map, key);
  if (pair) {
    if (!isScalar(pair.value) || Array.isArray(value) || typeof value === 'object') throw new EditError(`${s.file}: '${key}' is not a plain value here; edit it by hand.`);
    const [start, end] = range(pair.value);
    return { file: s.file, offset: start, length: end - start, newText: scalarText(value, map.flow ? 'flow' : 'block') };
  }
  const text = `${key}: ${flowText(value)}`;
  if (map.flow) {
    const close = range(map)[1] - 1;
    if (s.text[close] !== '}') throw new EditError(`${s.file}: unexpected flow map; edit it by hand.`);
    const at = lastNonSpace(s.text, range(map)[0], close);
    return { file: s.file, offset: at + 1, length: 0, newText: map.items.length === 0 ? text : `, ${text}` };
  }
  const last = map.items[map.items.length - 1];
  if (!last) throw new EditError(`${s.file}: empty block map; edit it by hand.`);
  const col = range(map.items[0].key)[0] - lineStartAt(s.text, range(map.items[0].key)[0]);
  const end = lineEndAt(s.text, Math.max(range(last.key)[0], (last.value ? range(last.value)[1] : range(last.key)[1]) - 1));
  return { file: s.file, offset: end, length: 0, newText: `${s.eol}${' '.repeat(col)}${text}` };
}

/** Add `key: value` on a line of its own just before the pair `before` of a block map (for the spec's key order). */
export function setKeyBefore(s: Spot, map: YAMLMap, before: Pair, key: string, value: FlowValue): TextEdit {
  if (map.flow) return setKey(s, map, key, value);
  const at = lineStartAt(s.text, range(before.key)[0]);
  const col = range(before.key)[0] - at;
  return { file: s.file, offset: at, length: 0, newText: `${' '.repeat(col)}${key}: ${flowText(value)}${s.eol}` };
}

/** Add an entry at the end of a list: a `- entry` line at the items' column, or `, entry` in a flow list. */
export function appendTo(s: Spot, seq: YAMLSeq, value: FlowValue): TextEdit {
  const text = flowText(value);
  if (seq.flow) {
    const close = range(seq)[1] - 1;
    if (s.text[close] !== ']') throw new EditError(`${s.file}: unexpected flow list; edit it by hand.`);
    const at = lastNonSpace(s.text, range(seq)[0], close);
    return { file: s.file, offset: at + 1, length: 0, newText: seq.items.length === 0 ? text : `, ${text}` };
  }
  const first = seq.items[0];
  const last = seq.items[seq.items.length - 1];
  const dash = indentAt(s.text, lineStartAt(s.text, range(first)[0]));
  const end = lineEndAt(s.text, range(last)[1] - 1);
  return { file: s.file, offset: end, length: 0, newText: `${s.eol}${' '.repeat(dash)}- ${text}` };
}

export const asMap = (n: unknown): YAMLMap | undefined => (isMap(n) ? n : undefined);
export const asSeq = (n: unknown): YAMLSeq | undefined => (isSeq(n) ? n : undefined);
