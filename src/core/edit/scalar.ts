// Writing one value as YAML text: plain when that reads back as the same
// value (also for YAML 1.1 readers), quoted otherwise. Every rendering is
// parsed back and compared before it is used.

import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { EditError } from './types';

export type Context = 'block' | 'flow';
export type QuoteStyle = 'plain' | 'single' | 'double';
export type Scalar = string | number | boolean;

// Characters that may not start a plain scalar (YAML indicators and quotes).
const BAD_FIRST = new Set('-?:,[]{}#&*!|>\'"%@`'.split(''));
// Words other YAML readers (1.1) turn into booleans or null.
const RESERVED = /^(?:y|n|yes|no|on|off|true|false|null|~)$/i;
// YAML 1.1 numbers (a superset of 1.2's): 1_000, 0b101, 0777, 12:30 (sexagesimal), .5, even a lone `.`
const NUMBERISH = [
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9._]*(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?[0-9][0-9_:.]*(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?0[bBoOxX][0-9a-fA-F_]+$/,
  /^[-+]?\.(?:inf|nan)$/i,
  // yaml's 1.1 float rule also takes an exponent with no digits before it: `e0` reads as NaN there.
  /^[-+]?[0-9_]*\.?[0-9_]*[eE][-+]?[0-9]+$/,
];
// Unprintable in YAML or ambiguous in a single-line scalar.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff\ud800-\udfff]/;

/** May `s` be written without quotes here? */
export function plainSafe(s: string, ctx: Context): boolean {
  if (s === '' || s !== s.trim() || /[\n\r\t]/.test(s) || CONTROL.test(s)) return false;
  if (BAD_FIRST.has(s[0]) || s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  if (ctx === 'flow' && /[,[\]{}]/.test(s)) return false;
  if (RESERVED.test(s)) return false;
  // 1.2 core numbers; dates (2026-10-01) are strings there and stay plain.
  if (NUMBERISH.some((re) => re.test(s))) return false;
  return true;
}

export function singleQuoted(s: string): string | undefined {
  return /[\n\r\t]/.test(s) || CONTROL.test(s) ? undefined : `'${s.replace(/'/g, "''")}'`;
}

export function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c === 0xfeff || (c >= 0xd800 && c <= 0xdfff)) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/** Parse `text` as one value in `ctx` and tell whether it reads back as `value`. */
export function readsBackAs(text: string, ctx: Context, value: Scalar): boolean {
  const src = ctx === 'flow' ? `[${text}]` : `k: ${text}`;
  const doc = parseDocument(src, { prettyErrors: false });
  if (doc.errors.length > 0) return false;
  const js: unknown = doc.toJS();
  const got = ctx === 'flow' ? (Array.isArray(js) && js.length === 1 ? js[0] : undefined) : (js as { k?: unknown } | null)?.k;
  return got === value;
}

/** One-line YAML text for a scalar, in the quoting style `prefer` when that works. */
export function scalarText(value: Scalar, ctx: Context, prefer: QuoteStyle = 'plain'): string {
  const candidates: string[] = [];
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new EditError(`cannot write ${value}: only finite numbers are allowed.`);
    candidates.push(String(value));
  } else if (typeof value === 'boolean') {
    candidates.push(String(value));
  } else {
    const single = singleQuoted(value);
    const double = doubleQuoted(value);
    if (prefer === 'plain' && plainSafe(value, ctx)) candidates.push(value);
    if (prefer === 'single' && single) candidates.push(single);
    // Default quoting is double, unless single quotes avoid escapes.
    if (single && /["\\]/.test(value)) candidates.push(single);
    candidates.push(double);
  }
  for (const c of candidates) if (readsBackAs(c, ctx, value)) return c;
  throw new EditError(`cannot write ${JSON.stringify(value)} as YAML text.`);
}

/** Flow sequence text `[a, b]` (`[ a, b ]` when `padded`). */
export function flowSeqText(values: readonly Scalar[], padded = false): string {
  if (values.length === 0) return '[]';
  const inner = values.map((v) => scalarText(v, 'flow')).join(', ');
  const text = padded ? `[ ${inner} ]` : `[${inner}]`;
  const doc = parseDocument(`k: ${text}`, { prettyErrors: false });
  const seq = doc.errors.length === 0 && isMap(doc.contents) ? doc.get('k') : undefined;
  if (!isSeq(seq) || seq.items.length !== values.length || !seq.items.every((n, i) => isScalar(n) && n.value === values[i])) {
    throw new EditError(`cannot write ${JSON.stringify(values)} as a YAML list.`);
  }
  return text;
}

/**
 * A multi-line string as a literal block scalar: the header (`|` or `|-`)
 * and its content lines indented by `indent` spaces. Undefined when a literal
 * block cannot hold the text (control characters, leading spaces on the first line, trailing blank lines).
 */
export function literalBlock(s: string, indent: number): { header: string; lines: string[] } | undefined {
  if (/[\r]/.test(s) || CONTROL.test(s)) return undefined;
  const parts = s.split('\n');
  // Keep chomping (`|+`) would make the trailing blank lines part of the value, and those lie
  // outside an item's source range: such strings are written double-quoted instead.
  if (s.endsWith('\n\n') || s === '\n') return undefined;
  const chomp = s.endsWith('\n') ? '' : '-';
  if (s.endsWith('\n')) parts.pop();
  const firstText = parts.find((l) => l.trim() !== '');
  if (firstText === undefined || /^[ \t]/.test(firstText)) return undefined;
  // Whitespace-only lines would be read as indentation: refuse them too.
  if (parts.some((l) => l !== '' && l.trim() === '')) return undefined;
  const pad = ' '.repeat(indent);
  return { header: '|' + chomp, lines: parts.map((l) => (l === '' ? '' : pad + l)) };
}
