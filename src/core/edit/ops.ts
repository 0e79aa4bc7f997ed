// The ops themselves, each applied to the working copies in a PlanContext and
// checked before it is kept: the changed item's text alone must read back as
// exactly the intended keys and values.

import { ITEM_KEYS } from '../model';
import { assertStructural, chunkLines, chunkOf, chunkText, dashColFor, insertChunk, keyOffsetFor, removeChunk } from './chunks';
import { type PlanContext, where } from './context';
import { readEntry } from './entry';
import { deepEqual } from './equal';
import { pairLines, removeField, setField, type Splice } from './field-edit';
import { nextId } from './ids';
import { lineEndAt, lineStartAt } from './text';
import { EditError, type EditValue } from './types';
import { checkField, checkValue } from './values';

/** Set (value defined) or remove (undefined) one key of one item. */
export function editField(ctx: PlanContext, id: string, field: string, value: EditValue | undefined): void {
  checkField(field);
  if (value === undefined && (field === 'id' || field === 'title')) {
    throw new EditError(`cannot remove '${field}' from ${id}: every item needs one.`);
  }
  const { st, entry, info } = ctx.locate(id);
  if (value !== undefined ? deepEqual(entry.raw[field], value) : !(field in entry.raw)) return;
  if (field === 'id') {
    const other = ctx.where.get(value as string);
    if (other !== undefined || ctx.reserved.has(value as string)) throw new EditError(`${where(st, entry)}: cannot rename ${id} to '${value as string}': that id is taken.`);
  }
  const splice: Splice | undefined = value === undefined ? removeField(st.text, info, field) : setField(st.text, info, field, value, st.eol);
  if (!splice) return;
  const expected = { ...entry.raw };
  if (value === undefined) delete expected[field];
  else expected[field] = value;
  // Check the item's new text alone before touching the file's text.
  const lineStart = lineStartAt(st.text, entry.start);
  const candidate = st.text.slice(lineStart, splice.start) + splice.text + st.text.slice(splice.end, entry.end);
  const after = readEntry(candidate, entry.start - lineStart, candidate.length);
  if (!after || !deepEqual(after.raw, expected)) {
    throw new EditError(`${where(st, entry)}: writing ${field} of ${id} would not read back as ${JSON.stringify(value ?? null)}; edit it by hand.`);
  }
  st.splice(splice.start, splice.end, splice.text, entry);
  entry.raw = expected;
  if (field === 'id') {
    ctx.where.delete(id);
    ctx.where.set(value as string, st.file);
    entry.id = value as string;
  }
}

export function addItem(ctx: PlanContext, fields: Record<string, unknown>, rank: number | undefined): string {
  const values: Record<string, EditValue> = {};
  for (const [key, raw] of Object.entries(fields)) {
    checkField(key);
    const v = checkValue(key, raw);
    if (v !== undefined) values[key] = v;
  }
  if (typeof values.title !== 'string') throw new EditError('a new item needs a non-empty title.');
  const main = ctx.ws.backlogPath;
  ctx.state(main); // refuses a main file that does not parse before anything else
  const taken = [...ctx.where.keys(), ...ctx.reserved, ...ctx.newIds];
  const id = (values.id as string | undefined) ?? nextId(ctx.ws, taken);
  if (ctx.where.has(id) || (values.id !== undefined && ctx.reserved.has(id))) throw new EditError(`cannot add '${id}': that id is taken.`);
  values.id = id;
  const target = rank === undefined ? { file: main, k: ctx.state(main).entries.length } : ctx.resolveRank(checkRank(rank, ctx.total()), main);
  const st = ctx.state(target.file);
  assertStructural(st);
  const dashCol = dashColFor(st, target.k);
  const keyCol = dashCol + keyOffsetFor(st, target.k);
  const order = [...ITEM_KEYS.filter((k) => k in values), ...Object.keys(values).filter((k) => !(ITEM_KEYS as readonly string[]).includes(k))];
  const lines = order.flatMap((k) => pairLines(k, values[k], keyCol, st.eol));
  lines[0] = ' '.repeat(dashCol) + '-' + ' '.repeat(keyCol - dashCol - 1) + lines[0].trimStart();
  const text = lines.join(st.eol);
  const check = readEntry(text, dashCol, text.length);
  if (!check || !deepEqual(check.raw, values)) throw new EditError(`cannot write the new item ${id} so that it reads back as given; check its values.`);
  insertChunk(st, target.k, text, dashCol, text.length - dashCol, { id, raw: values, checked: true });
  ctx.where.set(id, st.file);
  ctx.newIds.push(id);
  return id;
}

function checkRank(rank: number, max: number): number {
  if (!Number.isInteger(rank) || rank < 0 || rank > max) throw new EditError(`rank ${rank} is outside 0..${max}.`);
  return rank;
}

export function deleteItem(ctx: PlanContext, id: string): void {
  const { st, entry } = ctx.locate(id);
  assertStructural(st);
  removeChunk(st, st.entries.indexOf(entry));
  ctx.where.delete(id);
}

export function moveItem(ctx: PlanContext, id: string, toRank: number): void {
  const { st, entry } = ctx.locate(id);
  const k = st.entries.indexOf(entry);
  checkRank(toRank, ctx.total() - 1);
  if (ctx.rankOf(st.file, k) === toRank) return;
  assertStructural(st);
  const c = chunkOf(st, k);
  const cl = chunkLines(st, entry, c);
  const rawText = st.text.slice(c.start, c.end);
  removeChunk(st, k);
  const target = ctx.resolveRank(toRank, st.file);
  const dst = ctx.state(target.file);
  assertStructural(dst);
  // Within a file the chunk's bytes move unchanged; into another file it takes that file's layout.
  const dashCol = dst === st ? cl.dashCol : dashColFor(dst, target.k);
  const text = dst === st ? rawText : chunkText(cl, dashCol, keyOffsetFor(dst, target.k), dst.eol);
  const itemLine = lineOffset(text, cl.itemAt);
  const lastLine = lineOffset(text, cl.itemAt + cl.itemLines - 1);
  const itemOffset = itemLine + dashCol;
  const itemLength = lineEndAt(text, lastLine) - itemOffset;
  const moved = insertChunk(dst, target.k, text, itemOffset, itemLength, { id, raw: entry.raw, item: entry.item, checked: true });
  const check = readEntry(dst.text, moved.start, moved.end);
  if (!check || !deepEqual(check.raw, entry.raw)) throw new EditError(`${where(st, entry)}: moving ${id} to ${dst.file} would change how it reads; move it by hand.`);
  ctx.where.set(id, dst.file);
}

/** Offset of the start of 0-based line `n` of `text`. */
function lineOffset(text: string, n: number): number {
  let pos = 0;
  for (let i = 0; i < n; i++) pos = text.indexOf('\n', pos) + 1;
  return pos;
}
