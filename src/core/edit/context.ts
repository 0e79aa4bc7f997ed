// Shared state of one planEdits call: the working copy of each touched file,
// where every id currently lives, and lookups that refuse with a position.

import type { Problem, Workspace } from '../model';
import { type EntryInfo, readEntry } from './entry';
import { deepEqual } from './equal';
import { type Entry, FileState } from './state';
import { EditError, type TextEdit } from './types';

export interface Located {
  st: FileState;
  entry: Entry;
  /** The item read from its current text. */
  info: EntryInfo;
}

export class PlanContext {
  private readonly states = new Map<string, FileState>();
  /** Current file of each id (ids of deleted items removed, added and renamed ones added). */
  readonly where = new Map<string, string>();
  private readonly duplicates = new Map<string, string[]>();
  readonly newIds: string[] = [];
  /** Working text of the sprint log once an op edited it. */
  sprintLogText?: string;

  constructor(readonly ws: Workspace, readonly reserved: ReadonlySet<string>) {
    for (const item of ws.items) {
      if (this.where.has(item.id)) {
        const at = `${item.file}:${item.source.line}:${item.source.column}`;
        this.duplicates.set(item.id, [...(this.duplicates.get(item.id) ?? []), at]);
      } else {
        this.where.set(item.id, item.file);
      }
    }
  }

  /** The working copy of a backlog file; refuses files that did not parse. */
  state(file: string): FileState {
    let st = this.states.get(file);
    if (st) return st;
    const problem = this.ws.parseProblems.find((p) => p.file === file && p.severity === 'error');
    if (problem) throw fileError(problem);
    const backlog = this.ws.backlogs.find((b) => b.file === file);
    if (!backlog) throw new EditError(`${file}: no such backlog file.`);
    st = new FileState(file, backlog);
    this.states.set(file, st);
    return st;
  }

  /** Files in rank order with their current item counts. */
  files(): Array<{ file: string; count: number }> {
    return this.ws.backlogs.map((b) => ({ file: b.file, count: this.states.get(b.file)?.entries.length ?? b.items.length }));
  }

  total(): number {
    return this.files().reduce((n, f) => n + f.count, 0);
  }

  /** Global rank → file and position in it; at a boundary between files, `own` wins, else the earlier file. */
  resolveRank(rank: number, own: string): { file: string; k: number } {
    let first: { file: string; k: number } | undefined;
    let a = 0;
    for (const { file, count } of this.files()) {
      if (rank >= a && rank <= a + count) {
        if (file === own) return { file, k: rank - a };
        first ??= { file, k: rank - a };
      }
      a += count;
    }
    if (!first) throw new EditError(`rank ${rank} is outside 0..${a}.`);
    return first;
  }

  /** Global rank of an entry now. */
  rankOf(file: string, k: number): number {
    let a = 0;
    for (const f of this.files()) {
      if (f.file === file) return a + k;
      a += f.count;
    }
    return a + k;
  }

  locate(id: string): Located {
    const dup = this.duplicates.get(id);
    if (dup) {
      throw new EditError(`${dup[0]}: id '${id}' is used by more than one item; give each a unique id before editing it.`, {
        ...parseAt(dup[0]), severity: 'error', code: 'duplicate-id', message: `Duplicate id '${id}'.`,
      });
    }
    const file = this.where.get(id);
    if (file === undefined) throw this.unknownId(id);
    const st = this.state(file);
    const entry = st.entries.find((e) => e.id === id);
    if (!entry) throw this.unknownId(id);
    const info = readEntry(st.text, entry.start, entry.end);
    const fine = info && (entry.checked || deepEqual(info.raw, entry.raw));
    if (!info || !fine || info.hasAnchor) {
      throw new EditError(`${where(st, entry)}: item '${id}' uses YAML features (anchors, aliases, keep-chomping blocks) whose meaning depends on the rest of the file; edit it by hand.`);
    }
    entry.checked = true;
    return { st, entry, info };
  }

  unknownId(id: string): EditError {
    const broken = this.ws.parseProblems.find((p) => p.severity === 'error' && p.file !== this.ws.sprintsPath);
    const note = broken ? ` (${broken.file}:${broken.line}:${broken.column} does not parse, so its items are unknown: ${broken.message})` : '';
    return new EditError(`unknown item id '${id}'${note}.`, broken);
  }

  /** The sprint log's working text; refuses a missing log or one that did not parse. */
  sprintLog(): { file: string; text: string } {
    const log = this.ws.sprintLog;
    const problem = this.ws.parseProblems.find((p) => p.file === this.ws.sprintsPath && p.severity === 'error');
    if (problem) throw fileError(problem);
    if (!log) throw new EditError(`no sprint log: ${this.ws.sprintsPath} does not exist.`);
    return { file: log.file, text: this.sprintLogText ?? log.text };
  }

  finish(): { edits: TextEdit[]; newIds: string[] } {
    const edits = this.ws.backlogs.flatMap((b) => this.states.get(b.file)?.log.edits(b.file) ?? []);
    const log = this.ws.sprintLog;
    if (log && this.sprintLogText !== undefined && this.sprintLogText !== log.text) edits.push(spanEdit(log.file, log.text, this.sprintLogText));
    return { edits, newIds: [...this.newIds] };
  }
}

/** One edit turning `before` into `after`: the span between their common prefix and suffix. */
function spanEdit(file: string, before: string, after: string): TextEdit {
  let a = 0;
  while (a < before.length && a < after.length && before[a] === after[a]) a++;
  let b = 0;
  while (b < before.length - a && b < after.length - a && before[before.length - 1 - b] === after[after.length - 1 - b]) b++;
  return { file, offset: a, length: before.length - a - b, newText: after.slice(a, after.length - b) };
}

/** `file:line:col` of an entry: its parsed position, or just the file for an item added in this plan. */
export function where(st: FileState, entry: Entry): string {
  return entry.item ? `${st.file}:${entry.item.source.line}:${entry.item.source.column}` : st.file;
}

export function fileError(p: Problem): EditError {
  return new EditError(`${p.file}:${p.line}:${p.column}: ${p.message} Nothing is written while the file has errors.`, p);
}

function parseAt(at: string): { file: string; line: number; column: number } {
  const m = /^(.*):(\d+):(\d+)$/.exec(at);
  return m ? { file: m[1], line: Number(m[2]), column: Number(m[3]) } : { file: at, line: 1, column: 1 };
}
