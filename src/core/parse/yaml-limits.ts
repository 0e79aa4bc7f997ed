// Limits that keep hostile YAML from exhausting the stack or memory, checked
// around `yaml`'s parse so that such a file is a located `yaml-syntax` problem
// and never a crash:
// - Nesting depth, checked on the text before parsing: `yaml` composes nodes
//   recursively, so a few thousand `[` overflow the stack, and near that limit
//   V8 can even abort the process. A backlog nests about 6 levels
//   (top → items → item → retro → actions → action); MAX_DEPTH allows 100.
// - Alias expansion, checked on the parsed document: `yaml`'s own guard
//   (maxAliasCount, default 100) refuses 150 items that share defaults through
//   `<<: *d`, valid YAML that other tools read. Instead the size of the data
//   with every alias expanded may be at most ALIAS_HEADROOM times the number of
//   nodes written, plus ALIAS_SLACK: sharing defaults expands a file about 2×,
//   while a "billion laughs" file (9 levels of 9 aliases) expands a
//   hundred-million-fold. The expanded size bounds what later steps (toJS,
//   JSON of values, comparisons) can cost.

import { type Document, isAlias, isCollection, isPair, type Node } from 'yaml';

export const MAX_DEPTH = 100;
export const ALIAS_HEADROOM = 10;
export const ALIAS_SLACK = 100_000;

/**
 * Offset at which nesting first goes deeper than MAX_DEPTH, or undefined.
 * `base` counts levels outside `text` (an item chunk sits inside the top
 * mapping), so a chunk and the whole document give the same answer.
 */
export function tooDeep(text: string, base = 0): number | undefined {
  // Every block level is indented further, so a line's depth is at most its
  // leading run of indentation and indicators plus one, and each flow level
  // needs a `[` or `{`: most files are far below the limit on this bound alone.
  let flow = 0;
  for (let i = text.indexOf('['); i !== -1; i = text.indexOf('[', i + 1)) flow++;
  for (let i = text.indexOf('{'); i !== -1; i = text.indexOf('{', i + 1)) flow++;
  const room = MAX_DEPTH - base - flow - 1;
  if (room > 0 && !leadingRun(room).test(text)) return undefined;
  return scanDepth(text, base);
}

const runs = new Map<number, RegExp>();
/** A line starting with `n` characters of indentation and indicators (cached: one per chunk otherwise). */
function leadingRun(n: number): RegExp {
  let re = runs.get(n);
  if (!re) runs.set(n, (re = new RegExp(`^[ ?:-]{${n}}`, 'm')));
  return re;
}

/** The precise(-enough) scan: block levels by an indentation stack, flow levels by brackets outside quotes and comments. */
function scanDepth(text: string, base: number): number | undefined {
  const stack: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | undefined;
  let blockScalarAt = -1; // lines indented deeper than this column belong to a `|` / `>` scalar
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    let i = pos;
    if (!quote && flow === 0) {
      while (i < end && text[i] === ' ') i++;
      const col = i - pos;
      const blank = i >= end || text[i] === '#' || text[i] === '\r';
      if (blockScalarAt >= 0 && (blank || col > blockScalarAt)) {
        pos = end + 1;
        continue;
      }
      blockScalarAt = -1;
      if (blank) {
        pos = end + 1;
        continue;
      }
      while (stack.length > 0 && stack[stack.length - 1] >= col) stack.pop();
      // `- - key:` / `? `: each indicator opens one more block level on this line.
      for (;;) {
        stack.push(i - pos);
        if (stack.length + base > MAX_DEPTH) return i;
        const c = text[i];
        if ((c === '-' || c === '?' || c === ':') && (i + 1 >= end || text[i + 1] === ' ' || text[i + 1] === '\r')) {
          i++;
          while (i < end && text[i] === ' ') i++;
          if (i >= end || text[i] === '#') break;
          continue;
        }
        break;
      }
    }
    let valueStart = true;
    for (; i < end; i++) {
      const c = text[i];
      if (quote) {
        if (quote === '"' && c === '\\') i++;
        else if (c === quote) {
          if (quote === "'" && text[i + 1] === "'") i++;
          else quote = undefined;
        }
        continue;
      }
      if (c === ' ' || c === '\t') continue;
      if (c === '#' && (i === pos || text[i - 1] === ' ' || text[i - 1] === '\t')) break;
      const tokenStart = valueStart || (flow > 0 && /[[{,:\s]/.test(text[i - 1] ?? ' '));
      if ((c === '"' || c === "'") && tokenStart) quote = c;
      else if ((c === '[' || c === '{') && (flow > 0 || tokenStart)) {
        flow++;
        if (stack.length + flow + base > MAX_DEPTH) return i;
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
      else if ((c === '|' || c === '>') && flow === 0 && valueStart) {
        blockScalarAt = stack.length > 0 ? stack[stack.length - 1] : 0;
        break;
      }
      valueStart = c === ':' && (i + 1 >= end || text[i + 1] === ' ' || text[i + 1] === '\r');
      if (c === '-' && flow === 0 && text[i + 1] === ' ') valueStart = true;
    }
    pos = end + 1;
  }
  return undefined;
}

export interface AliasExcess {
  /** Offset of the alias at which the expanded size passed the limit. */
  offset: number;
  expanded: number;
  written: number;
  limit: number;
}

export interface UnresolvedAlias {
  offset: number;
  name: string;
}

/** Checks the document's aliases: one that names no earlier anchor, or an expansion past the limit. */
export function checkAliases(doc: Document.Parsed, text: string): AliasExcess | UnresolvedAlias | undefined {
  if (!text.includes('*')) return undefined; // no alias can be written without one
  const first = walkAliases(doc, Infinity);
  if ('unresolved' in first) return first.unresolved;
  const limit = ALIAS_SLACK + ALIAS_HEADROOM * first.written;
  if (first.expanded <= limit) return undefined;
  const second = walkAliases(doc, limit);
  const offset = ('crossedAt' in second ? second.crossedAt : undefined) ?? 0;
  return { offset, expanded: first.expanded, written: first.written, limit };
}

type Walk = { expanded: number; written: number; crossedAt?: number } | { unresolved: UnresolvedAlias };

/**
 * The document's size with aliases expanded (each alias counts as its
 * anchor's expanded size, memoised) and as written, in document order; with a
 * finite `limit`, stops at the alias where the running expanded size passes it.
 */
function walkAliases(doc: Document.Parsed, limit: number): Walk {
  const anchors = new Map<string, number>();
  let expanded = 0;
  let written = 0;
  let crossedAt: number | undefined;
  let unresolved: UnresolvedAlias | undefined;
  const walk = (node: unknown): number => {
    if (crossedAt !== undefined || unresolved) return 0;
    if (node === null || node === undefined) return 0;
    written++;
    if (isAlias(node)) {
      const size = anchors.get(node.source);
      if (size === undefined) {
        unresolved = { offset: node.range?.[0] ?? 0, name: node.source };
        return 0;
      }
      expanded += size;
      if (expanded > limit) crossedAt = node.range?.[0] ?? 0;
      return size;
    }
    expanded++;
    let size = 1;
    if (isPair(node)) size += walk(node.key) + walk(node.value);
    else if (isCollection(node)) for (const item of node.items) size += walk(item);
    const anchor = (node as Node).anchor;
    if (anchor) anchors.set(anchor, size);
    return size;
  };
  walk(doc.contents);
  if (unresolved) return { unresolved };
  return { expanded, written, crossedAt };
}
