// Recognising item ids in any text (code, comments, commit messages) by the
// project's id prefixes: `PAY-12` is an id, `x-12` or `PAY-12x` are not.

import type { Workspace } from '../../core/model';

/** `PAY` from `PAY-12`: ids end in `-<digits>`; epics (`PAY-E1`) share the prefix. */
const NUMBERED = /^(.+)-\d+$/;

/** The project prefix plus every prefix the existing item ids use (archives may carry older ones). */
export function idPrefixes(ws: Pick<Workspace, 'project' | 'items'>): string[] {
  const found = new Set<string>();
  if (ws.project && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(ws.project)) found.add(ws.project);
  for (const item of ws.items) {
    const m = NUMBERED.exec(item.id);
    if (m && /^[A-Za-z][A-Za-z0-9._-]*$/.test(m[1])) found.add(m[1]);
  }
  return [...found].sort();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A global regex that finds `<prefix>-<digits>` for the given prefixes, not inside a longer
 * word (`XPAY-1`, `PAY-12a`) nor after `team:`, but fine next to punctuation (`feature/PAY-12-login`, `(PAY-9)`).
 * Undefined when there is no prefix: we never treat every word as a possible id.
 */
export function buildIdRegex(prefixes: readonly string[]): RegExp | undefined {
  if (prefixes.length === 0) return undefined;
  // Longest first so `PAY` does not shadow `PAYX` in the alternation.
  const alt = [...prefixes].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(escapeRegExp).join('|');
  // Not after `team:` either: `shop:PAY-4` is another team's item (core/team-ref.ts), not this backlog's PAY-4.
  return new RegExp(`(?<![A-Za-z0-9_]|[A-Za-z0-9._-]:)(?:${alt})-\\d+(?![A-Za-z0-9_])`, 'g');
}

export interface IdMatch {
  id: string;
  /** 0-based start and end (exclusive) in the line. */
  start: number;
  end: number;
}

/** The id under (or right after) `character` in `line`, if any. */
export function findIdAt(line: string, character: number, regex: RegExp): IdMatch | undefined {
  const re = new RegExp(regex.source, regex.flags.includes('g') ? regex.flags : regex.flags + 'g');
  for (const m of line.matchAll(re)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (character >= start && character <= end) return { id: m[0], start, end };
    if (start > character) break;
  }
  return undefined;
}

/** Every id occurrence in a text, in order. */
export function findIds(text: string, regex: RegExp): IdMatch[] {
  const re = new RegExp(regex.source, regex.flags.includes('g') ? regex.flags : regex.flags + 'g');
  return [...text.matchAll(re)].map((m) => ({ id: m[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
}
