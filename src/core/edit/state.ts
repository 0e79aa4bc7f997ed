// The working copy of one backlog file while a plan is built: its current
// text, where each item now sits, and the edits so far (in the original
// text's coordinates). Ops are applied one by one against this copy.

import type { BacklogFile, Item } from '../model';
import { lineEnding } from '../parse/source';
import { EditLog, lineEndAt, lineStartAt } from './text';

export interface Entry {
  id: string;
  /** From the `- ` (or `{` in a flow list) to the end of the item's last line, in the current text. */
  start: number;
  end: number;
  /** The item's keys and values as they should read now (checked after every change). */
  raw: Record<string, unknown>;
  /** The parsed item this entry started as (for error positions); undefined for added items. */
  item?: Item;
  /** Its text was checked to read the same alone as in the whole file. */
  checked: boolean;
}

/** How the file's `items` value is written, which decides how items are inserted. */
export type ItemsKind =
  | 'block' // `items:` then `- ...` lines
  | 'empty' // `items:`, `items: []`, `items: ~`
  | 'absent' // no `items` key
  | 'flow' // `items: [{...}, ...]`: only in-place key edits
  | 'invalid'; // not a list, or the file is not a block mapping

export class FileState {
  readonly original: string;
  text: string;
  readonly eol: '\n' | '\r\n';
  readonly entries: Entry[];
  readonly log = new EditLog();
  itemsKind: ItemsKind;
  /** Just after `items:`'s colon, and the end of its value when that is inline (`[]`, `~`). */
  itemsColonEnd = 0;
  itemsValueEnd = 0;
  /** Column new items' `-` go to when the list is empty. */
  emptyDashCol = 2;

  constructor(readonly file: string, readonly backlog: BacklogFile) {
    this.original = backlog.text;
    this.text = backlog.text;
    this.eol = lineEnding(backlog.text);
    this.entries = backlog.items.map((item) => ({
      id: item.id, start: item.source.offset, end: entryEnd(this.text, item), raw: item.raw, item, checked: false,
    }));
    this.itemsKind = this.classifyItems();
  }

  private classifyItems(): ItemsKind {
    const text = this.text;
    const topKeys = Object.values(this.backlog.fields);
    // Every top-level key first on its line: the root is a block mapping we can append to.
    if (topKeys.some((f) => f && text.slice(lineStartAt(text, f.key.offset), f.key.offset).trim() !== '')) return 'invalid';
    const f = this.backlog.fields.items;
    if (!f) return 'absent';
    const colon = text.indexOf(':', f.key.end);
    this.itemsColonEnd = colon + 1;
    this.emptyDashCol = f.key.column - 1 + 2;
    const raw = this.backlog.raw.items;
    if (raw === null || raw === undefined || (Array.isArray(raw) && raw.length === 0)) {
      // Only `[]`, `~`, `null` or nothing (then maybe a comment) may follow the colon on its line.
      const rest = text.slice(this.itemsColonEnd, lineEndAt(text, this.itemsColonEnd));
      const m = /^[ \t]*(\[[ \t]*\]|~|null|Null|NULL)?(?=[ \t]*(?:#.*)?$)/.exec(rest);
      if (!m) return 'invalid';
      this.itemsValueEnd = this.itemsColonEnd + (m[1] ? m[0].length : 0);
      return 'empty';
    }
    if (!Array.isArray(raw)) return 'invalid';
    if (text[f.value.offset] === '[') return 'flow';
    this.emptyDashCol = f.value.column - 1;
    return 'block';
  }

  /** Replace [start, end) of the current text; `owner` is the entry the splice lies in (it grows or shrinks). */
  splice(start: number, end: number, newText: string, owner?: Entry): void {
    const delta = newText.length - (end - start);
    this.log.record(this.text, start, end, newText);
    this.text = this.text.slice(0, start) + newText + this.text.slice(end);
    if (owner) owner.end += delta;
    if (delta === 0) return;
    for (const e of this.entries) {
      if (e !== owner && e.start >= end) {
        e.start += delta;
        e.end += delta;
      }
    }
    if (this.itemsColonEnd > end) this.itemsColonEnd += delta;
  }

  /** End of the line holding `offset`. */
  lineEnd(offset: number): number {
    return lineEndAt(this.text, offset);
  }
}

/**
 * Where an item's own text ends. The parser's range can run on over comment
 * lines after a list written at the keys' indentation (`tags:` then `- a` at
 * the same column); those belong between items, so they are cut here: full-line
 * comments no deeper than the keys cannot be block-scalar content. An item in
 * a flow list ends at its `}`.
 */
function entryEnd(text: string, item: Item): number {
  const start = item.source.offset;
  let end = item.source.end;
  if (text[start] === '{') {
    let last = start;
    for (const f of Object.values(item.fields)) if (f) last = Math.max(last, f.key.end, f.value.end);
    const close = text.indexOf('}', last);
    return close === -1 ? end : close + 1;
  }
  if (text[start] !== '-') return end;
  let k = start + 1;
  while (text[k] === ' ') k++;
  const keyCol = text[k] === '\n' || text[k] === '\r' ? start - lineStartAt(text, start) + 1 : k - lineStartAt(text, start);
  for (;;) {
    const ls = lineStartAt(text, end);
    if (ls <= start) return end;
    const line = text.slice(ls, end);
    const body = line.trimStart();
    if (body !== '' && !(body.startsWith('#') && line.length - body.length <= keyCol)) return end;
    end = ls - 1;
    if (text[end - 1] === '\r') end--;
  }
}
