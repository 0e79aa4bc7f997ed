// Reading `yaml` Document nodes into plain values plus source ranges.

import { type Document, isAlias, isMap, isScalar, isSeq, type Node, type Pair, parseDocument as parseYaml, type ParsedNode, visit, type YAMLMap } from 'yaml';
import type { FieldSource, Problem } from '../model';
import { findConflictMarkers, LineIndex } from './source';
import { explainYamlError } from './yaml-hints';
import { checkAliases, MAX_DEPTH, tooDeep } from './yaml-limits';

export interface ParsedYaml {
  doc?: Document.Parsed;
  lines: LineIndex;
  problems: Problem[];
}

/**
 * Parse one file's text, reporting binary content, conflict markers, YAML errors, too deep nesting and
 * alias bombs at their line. `depth`: nesting levels around the text (an item chunk is inside the top mapping).
 */
export function parseYamlText(text: string, file: string, opts: { depth?: number } = {}): ParsedYaml {
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
  const deep = tooDeep(text, opts.depth);
  if (deep !== undefined) {
    return {
      lines,
      problems: [problem(deep, `The YAML here is nested more than ${MAX_DEPTH} levels deep; Sprintlog does not read files nested that deeply.`, 'Flatten this value: a backlog file needs only a few levels of nesting.')],
    };
  }
  const doc = parseDocument(text);
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const e of doc.errors) {
    const x = explainYamlError(e, text, lines, doc);
    const key = `${lines.position(x.offset).line}:${x.message}`;
    if (!seen.has(key)) problems.push(problem(x.offset, x.message, x.hint));
    seen.add(key);
  }
  if (problems.length > 0) return { lines, problems };
  const alias = checkAliases(doc, text);
  if (alias && 'name' in alias) {
    return { lines, problems: [problem(alias.offset, `The alias \`*${alias.name}\` refers to no anchor \`&${alias.name}\` before it.`, `Define \`&${alias.name}\` on a value above this line, or write the value out here.`)] };
  }
  if (alias) {
    return {
      lines,
      problems: [problem(alias.offset,
        `The aliases of this file expand it to ${alias.expanded === Infinity ? 'an astronomical number of' : Math.round(alias.expanded).toLocaleString('en-US')} values from ${alias.written.toLocaleString('en-US')} written; Sprintlog reads at most ${alias.limit.toLocaleString('en-US')} (a "billion laughs" file?).`,
        'Use fewer aliases (`*name`) of anchors that themselves contain aliases, or write the values out; sharing defaults with `<<: *name` is fine.')],
    };
  }
  const merge = badMergeSource(doc);
  if (merge !== undefined) {
    return { lines, problems: [problem(merge, 'A merge key `<<` takes a mapping or an alias of one, such as `<<: *defaults`.', 'Put an anchor on a mapping above (`defaults: &defaults`) and write `<<: *defaults`, or remove the `<<` line.')] };
  }
  return { doc, lines, problems };
}

/**
 * Where a `<<:` merge key has a value yaml cannot merge (a scalar, or a list holding one):
 * yaml only finds out when it converts the map, and throws there (one typed `-` did it).
 */
function badMergeSource(doc: Document.Parsed): number | undefined {
  let at: number | undefined;
  const mergeable = (v: unknown): boolean => isMap(v) || (isAlias(v) && isMap(v.resolve(doc)));
  visit(doc, {
    Pair(_key, pair) {
      if (!isMergeKey(pair.key)) return undefined;
      const v = pair.value;
      if (mergeable(v) || (isSeq(v) && v.items.every(mergeable))) return undefined;
      at = (v as ParsedNode | null)?.range?.[0] ?? (pair.key as ParsedNode).range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return at;
}

/**
 * `yaml` options of every parse whose document is then read as data.
 * `merge`: `<<: *defaults` merge keys (YAML 1.1, read so by most YAML tools) merge into the map.
 * `yaml`'s default 1.2 core schema keeps dates as strings, so `2026-10-01` stays text.
 */
export const PARSE_OPTIONS = { prettyErrors: false, merge: true } as const;

/** toJS of a document that passed checkAliases, whose expansion is bounded already (yaml's own guard counts merge keys as an attack). */
export const CHECKED_TO_JS = { maxAliasCount: -1 } as const;

function parseDocument(text: string): Document.Parsed {
  return parseYaml(text, PARSE_OPTIONS);
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
  let merges: Pair[] | undefined;
  for (const pair of node.items) {
    const key = pair.key as ParsedNode | null;
    if (isMergeKey(key)) {
      (merges ??= []).push(pair);
      continue;
    }
    const name = isScalar(key) ? String(key.value) : String(key);
    const value = pair.value as ParsedNode | null;
    const keyRange = key?.range ?? [0, 0, 0];
    let vStart: number;
    let vEnd: number;
    if (value?.range) [vStart, vEnd] = value.range;
    else vStart = vEnd = keyRange[1] + 1;
    setOwn(fields, name, { key: lines.range(file, keyRange[0], keyRange[1]), value: lines.range(file, vStart, vEnd) });
    setOwn(nodes, name, value);
    setOwn(raw, name, value === null ? null : isScalar(value) ? value.value : value.toJS(doc, CHECKED_TO_JS));
  }
  if (merges) {
    // Keys a `<<:` merge brings in that the map does not set itself; their place is the merge's value (`*defaults`).
    for (const [name, value] of Object.entries(mergedValues(doc, node))) {
      if (Object.prototype.hasOwnProperty.call(raw, name)) continue;
      const pair = merges[0];
      const k = (pair.key as ParsedNode).range ?? [0, 0, 0];
      const v = (pair.value as ParsedNode | null)?.range ?? k;
      setOwn(fields, name, { key: lines.range(file, k[0], k[1]), value: lines.range(file, v[0], v[1]) });
      setOwn(nodes, name, null);
      setOwn(raw, name, value);
    }
  }
  return { raw, nodes, fields };
}

/** `<<` in a document parsed with merge keys on. */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol';
}

/** A map's own value with its `<<:` merges applied (yaml's rules: own keys win, earlier merge sources win). */
export function mergedValues(doc: Document.Parsed, node: YAMLMap): Record<string, unknown> {
  const js: unknown = node.toJS(doc, CHECKED_TO_JS);
  return js !== null && typeof js === 'object' && !Array.isArray(js) && !(js instanceof Map) ? (js as Record<string, unknown>) : {};
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
