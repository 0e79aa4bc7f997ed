// Shared state of one validation run: the problems found so far and how to
// turn source ranges (or paths to nested nodes) into problems.

import { isMap, isScalar, isSeq, parseDocument, visit, type Node } from 'yaml';
import type { FieldSource, Problem, ProblemCode, Severity, SourceRange, Workspace } from '../model';
import { printable } from '../printable';

export type PathSegment = string | number;

export class Context {
  readonly problems: Problem[] = [];
  private readonly texts = new Map<string, string>();

  constructor(readonly ws: Workspace) {
    for (const b of ws.backlogs) this.texts.set(b.file, b.text);
    if (ws.sprintLog) this.texts.set(ws.sprintLog.file, ws.sprintLog.text);
  }

  report(at: SourceRange, severity: Severity, code: ProblemCode, message: string, hint?: string): void {
    const p: Problem = { file: at.file, line: at.line, column: at.column, offset: at.offset, end: at.end, severity, code, message };
    if (hint !== undefined) p.hint = hint;
    this.problems.push(p);
  }

  error(at: SourceRange, code: ProblemCode, message: string, hint?: string): void {
    this.report(at, 'error', code, message, hint);
  }

  warning(at: SourceRange, code: ProblemCode, message: string, hint?: string): void {
    this.report(at, 'warning', code, message, hint);
  }

  text(file: string): string {
    return this.texts.get(file) ?? '';
  }

  /** The first line of an entry (from its `- ` to the end of that line), for problems about a whole entry. */
  entryHead(source: SourceRange): SourceRange {
    const text = this.texts.get(source.file) ?? '';
    let nl = text.indexOf('\n', source.offset);
    if (nl === -1) nl = text.length;
    if (nl > 0 && text[nl - 1] === '\r') nl--;
    return { ...source, end: Math.min(source.end, nl) };
  }

  /**
   * Where a node nested inside `container` (a collection's value range) sits,
   * e.g. `['actions', 0, 'txet']` inside a sprint's `retro:` value. The parser
   * keeps ranges only one level deep, so we re-parse just the container's
   * lines; this runs only when a problem was found, never on the happy path.
   * Returns undefined when the path is not there (callers fall back to the container).
   */
  locate(container: SourceRange, path: PathSegment[]): FieldSource | undefined {
    const text = this.texts.get(container.file);
    if (text === undefined) return undefined;
    const base = container.offset - (container.column - 1);
    const doc = parseDocument(text.slice(base, container.end));
    const rel = container.offset - base;
    let node: Node | null | undefined;
    visit(doc, {
      Collection(_k, n) {
        if (n.range?.[0] === rel) {
          node = n;
          return visit.BREAK;
        }
        return undefined;
      },
    });
    let keyRange: [number, number] | undefined;
    for (const seg of path) {
      if (typeof seg === 'number' && isSeq(node)) {
        node = node.items[seg] as Node | null | undefined;
        keyRange = undefined;
      } else if (typeof seg === 'string' && isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
        if (!pair) return undefined;
        const k = pair.key as Node | null;
        keyRange = k?.range ? [k.range[0], k.range[1]] : undefined;
        node = pair.value as Node | null;
      } else {
        return undefined;
      }
    }
    const valueRange: [number, number] | undefined = node?.range ? [node.range[0], node.range[1]] : keyRange ? [keyRange[1] + 1, keyRange[1] + 1] : undefined;
    if (!valueRange) return undefined;
    // Positions are counted from the container's own line, so no index of the whole file is needed.
    const at = (start: number, end: number): SourceRange => {
      let line = container.line;
      let lineStart = base;
      for (let i = text.indexOf('\n', base); i !== -1 && i < base + start; i = text.indexOf('\n', i + 1)) {
        line++;
        lineStart = i + 1;
      }
      return { file: container.file, line, column: base + start - lineStart + 1, offset: base + start, end: base + end };
    };
    const value = at(valueRange[0], valueRange[1]);
    return { key: keyRange ? at(keyRange[0], keyRange[1]) : value, value };
  }
}

/** A scalar as it reads in a message: `five`, `[a, b]`, `null`. */
export function show(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (typeof v === 'string') return printable(v.length > 60 ? v.slice(0, 57) + '...' : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return Array.isArray(v) ? 'a list' : 'a mapping';
}

/** A value quoted for a message: `` `five` ``, but `empty`, `a list`, `a mapping` unquoted. */
export function quote(v: unknown): string {
  const s = show(v);
  return typeof v === 'object' || v === undefined ? s : `\`${s}\``;
}
