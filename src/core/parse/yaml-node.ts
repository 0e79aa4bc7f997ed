// Reading `yaml` Document nodes into plain values plus source ranges.

import { type Document, isMap, isScalar, isSeq, type Node, parseDocument as parseYaml, type ParsedNode, type YAMLMap } from 'yaml';
import type { FieldSource, Problem } from '../model';
import { findConflictMarkers, LineIndex } from './source';

export interface ParsedYaml {
  doc?: Document.Parsed;
  lines: LineIndex;
  problems: Problem[];
}

/** Parse one file's text, reporting binary content, conflict markers and YAML errors at their line. */
export function parseYamlText(text: string, file: string): ParsedYaml {
  const lines = new LineIndex(text);
  const problem = (offset: number, message: string, hint?: string, code: Problem['code'] = 'yaml-syntax'): Problem => ({
    ...lines.position(offset),
    file,
    offset,
    end: lines.lineEnd(offset),
    severity: 'error',
    code,
    message,
    hint,
  });
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    return { lines, problems: [problem(nul, 'The file is binary (it contains a NUL byte), not YAML.', 'Restore the file from git: `git checkout -- ' + file + '`.')] };
  }
  const markers = findConflictMarkers(text);
  if (markers.length > 0) {
    return {
      lines,
      problems: markers.map((at) =>
        problem(at, 'Unresolved git merge conflict marker.', 'Resolve the conflict: keep the lines you want, delete the `<<<<<<<`, `=======` and `>>>>>>>` lines.', 'merge-conflict'),
      ),
    };
  }
  const doc = parseDocument(text);
  const problems = doc.errors.map((e) => {
    const at = Math.min(e.pos[0], text.length);
    const tab = /tab/i.test(e.message) || text.slice(lines.lineStart(lines.position(at).line), at + 1).includes('\t');
    const hint = tab ? 'YAML does not allow tabs for indentation: indent with spaces.' : 'Fix the YAML syntax at this position; nothing is written while the file does not parse.';
    return problem(at, firstLine(e.message), hint);
  });
  return problems.length > 0 ? { lines, problems } : { doc, lines, problems };
}

function parseDocument(text: string): Document.Parsed {
  // `yaml`'s default 1.2 core schema keeps dates as strings, so `2026-10-01` stays text.
  return parseYaml(text, { prettyErrors: false });
}

function firstLine(message: string): string {
  const line = message.split('\n')[0].trim();
  return line.endsWith('.') ? line : line + '.';
}

export interface MapEntries {
  raw: Record<string, unknown>;
  nodes: Record<string, Node | null>;
  fields: Record<string, FieldSource>;
}

/**
 * `o[k] = v` that stays an own data property even for `__proto__`: keys are data.
 * (A plain assignment of `__proto__` would replace the object's prototype, and the
 * item would then seem to have every key of that value: `__proto__: {state: done}`.)
 */
export function setOwn<T>(o: Record<string, T>, k: string, v: T): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/** The entries of a block or flow map, with each key's and value's source range. */
export function readMap(doc: Document.Parsed, node: YAMLMap, lines: LineIndex, file: string): MapEntries {
  const raw: Record<string, unknown> = {};
  const nodes: Record<string, Node | null> = {};
  const fields: Record<string, FieldSource> = {};
  for (const pair of node.items) {
    const key = pair.key as ParsedNode | null;
    const name = isScalar(key) ? String(key.value) : String(key);
    const value = pair.value as ParsedNode | null;
    const keyRange = key?.range ?? [0, 0, 0];
    let vStart: number;
    let vEnd: number;
    if (value?.range) [vStart, vEnd] = value.range;
    else vStart = vEnd = keyRange[1] + 1;
    setOwn(fields, name, { key: lines.range(file, keyRange[0], keyRange[1]), value: lines.range(file, vStart, vEnd) });
    setOwn(nodes, name, value);
    setOwn(raw, name, value === null ? null : isScalar(value) ? value.value : value.toJS(doc));
  }
  return { raw, nodes, fields };
}

export { isMap, isSeq, isScalar };

/**
 * The document's top-level mapping: its entries, `null` for an empty document,
 * or a problem when the top level is a list or a scalar.
 */
export function readTopMap(doc: Document.Parsed, lines: LineIndex, file: string, what: { message: string; hint: string }): MapEntries | null | Problem {
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return null;
  if (!isMap(root)) {
    const at = root.range?.[0] ?? 0;
    return { ...lines.position(at), file, offset: at, end: root.range?.[1], severity: 'error', code: 'yaml-syntax', ...what };
  }
  return readMap(doc, root, lines, file);
}

/** A scalar as text (`id: 12` is the id "12"); undefined for null, maps and sequences. */
export function asText(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function asNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A list of scalars; a single scalar counts as a one-element list (`depends_on: PAY-9`). */
export function asTextList(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.map(asText).filter((s): s is string => s !== undefined);
  const s = asText(v);
  return s === undefined ? [] : [s];
}

/** `YYYY-MM-DD` or ISO date-time text (yaml 1.2 keeps both as strings). */
export function asDateText(v: unknown): string | undefined {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return asText(v);
}
