// Items and epics: ids, titles, states, numbers, dates, references and keys.

import { EPIC_KEYS, ITEM_KEYS, type Epic, type Item } from '../model';
import { type Context, quote, show } from './context';
import { capital, checkDate, checkNumber, checkRef, checkText, checkTextList, type Entry, type Label, type NumberRange, type RefCheck, scalarText, valueAt } from './fields';
import { checkIds, nextFreeId } from './ids';
import { checkKeys } from './keys';
import { isBefore, parseDateValue } from '../time';
import { isTimeZone } from './dates';
import { didYouMean } from './suggest';

export interface References {
  /** undefined: the sprint log did not parse, so sprint references are not checked. */
  sprintIds: Set<string> | undefined;
  /** undefined: a backlog file did not parse, so epic references are not checked. */
  epicIds: Set<string> | undefined;
  /** Message tail for an unknown sprint: "which is not in backlog/sprints.yaml" or "but there is no …". */
  sprintMissing: string;
}

export function itemLabel(item: Pick<Item, 'raw' | 'index' | 'file'>): string {
  const id = scalarText(item.raw.id);
  return id ? `item ${id}` : `item ${item.index + 1} of ${item.file}`;
}

const POINTS: NumberRange = { min: 0, what: 'a number ≥ 0', absent: 'for an unestimated item' };
const VALUE: NumberRange = { what: 'a number', absent: 'if the item has no business value set' };
const ITEM_DATES = ['created', 'started', 'finished'];
const ITEM_TEXTS = ['type', 'assignee', 'description'];

/** Checks every item; returns the first item for each id (the dependency graph uses them). */
export function checkItems(ctx: Context, refs: References): Map<string, Item> {
  const { ws } = ctx;
  let free: string | undefined | null = null;
  const suggest = (): string | undefined => (free === null ? (free = nextFreeId(ws.project, ws.items.map((i) => i.id))) : free);
  const byId = checkIds(ctx, ws.items, 'item', (i) => capital(itemLabel(i)), suggest);
  const main = ws.backlogs.find((b) => b.file === ws.backlogPath);
  const declared = main?.raw.states;
  const declaredStates = declared && typeof declared === 'object' && !Array.isArray(declared) ? (declared as Record<string, unknown>) : {};
  const stateNames = Object.keys(ws.states);
  const sprintRef: RefCheck = {
    code: 'unknown-sprint', known: refs.sprintIds, what: 'sprint', missing: refs.sprintMissing,
    remedy: `Add the sprint to ${ws.sprintsPath}, or remove \`sprint:\` to put the item back in the product backlog.`,
  };
  const epicRef: RefCheck = {
    code: 'unknown-epic', known: refs.epicIds, what: 'epic', missing: `which is not under \`epics:\` in ${ws.backlogPath}`,
    remedy: `Add the epic under \`epics:\` in ${ws.backlogPath}, or remove \`epic:\`.`,
  };
  for (const item of ws.items) {
    const label: Label = () => itemLabel(item);
    checkTitle(ctx, item, label, 'Write a short title saying what the item delivers.');
    checkState(ctx, item, label, stateNames, declaredStates);
    checkNumber(ctx, item, 'points', label, POINTS);
    checkNumber(ctx, item, 'value', label, VALUE);
    const dates = ITEM_DATES.map((key) => checkDate(ctx, item, key, label));
    checkDateOrder(ctx, item, label, dates[0], dates[1], dates[2]);
    checkRef(ctx, item, 'sprint', label, sprintRef);
    checkRef(ctx, item, 'epic', label, epicRef);
    checkBlocked(ctx, item, label);
    for (const key of ITEM_TEXTS) checkText(ctx, item, key, label);
    checkTextList(ctx, item, 'tags', label, '[frontend, payments]');
    checkTextList(ctx, item, 'depends_on', label, '[PAY-9]');
    checkKeys(ctx, item, ITEM_KEYS, label);
  }
  return byId;
}

/** `finished` before `started`, or `created` after the finish: the item's cycle or lead time would be negative. */
function checkDateOrder(ctx: Context, item: Item, label: Label, created?: string, started?: string, finished?: string): void {
  if (finished === undefined) return;
  const zone = ctx.ws.sprintLog?.timezone;
  const tz = zone !== undefined && isTimeZone(zone) ? zone : 'UTC';
  const end = parseDateValue(finished, tz);
  if (!end) return;
  const hint = 'Correct the dates, or remove the wrong one: without `started:` / `finished:` the git history dates the item.';
  const s = parseDateValue(started, tz);
  if (s && isBefore(end, s)) {
    ctx.error(valueAt(ctx, item, 'finished'), 'bad-date', `\`finished\` of ${label()} (${finished}) is before its \`started\` (${started}): its cycle time would be negative.`, hint);
  }
  const c = parseDateValue(created, tz);
  if (c && isBefore(end, c)) {
    ctx.error(valueAt(ctx, item, 'created'), 'bad-date', `\`created\` of ${label()} (${created}) is after its \`finished\` (${finished}): its lead time would be negative.`, hint);
  }
}

function checkTitle(ctx: Context, e: Entry, label: Label, what: string): void {
  const t = e.raw.title;
  if (typeof t === 'string' && t.trim() !== '') return;
  if (t === undefined) ctx.error(ctx.entryHead(e.source), 'missing-title', `${capital(label())} has no \`title\`.`, `Add a \`title:\` line. ${what}`);
  else if (!(scalarText(t) ?? '').trim()) {
    const comment = t === null ? commentAfter(ctx, e, 'title') : undefined;
    if (comment !== undefined) {
      // `title: #42 login fails`: YAML reads `#42 …` as a comment, so the title is null.
      ctx.error(valueAt(ctx, e, 'title'), 'missing-title', `The \`title\` of ${label()} is empty: \`${show(comment)}\` after \`title:\` is a YAML comment (a \`#\` after a space starts one).`,
        `Quote the title: \`title: ${show(JSON.stringify(comment))}\`.`);
    } else {
      ctx.error(valueAt(ctx, e, 'title'), 'missing-title', `The \`title\` of ${label()} is ${t === null || (typeof t === 'string' && !t.trim()) ? 'empty' : quote(t)}.`, what);
    }
  }
}

/** The comment that stands where the value of `key` should be (`key: # text` on one line), without the `# `. */
function commentAfter(ctx: Context, e: Entry, key: string): string | undefined {
  const k = e.fields[key]?.key;
  if (!k) return undefined;
  const text = ctx.text(k.file);
  let lineEnd = text.indexOf('\n', k.end);
  if (lineEnd === -1) lineEnd = text.length;
  const m = /^\s*:[ \t]+#(.*?)\r?$/.exec(text.slice(k.end, lineEnd));
  return m && m[1].trim() !== '' ? '#' + m[1].trimEnd() : undefined;
}

/**
 * The spec: "impediment; any non-empty string = blocked". `blocked: true` reads as a flag but
 * `blocked: false` would then be the reason "false", so only text is accepted (empty = not blocked).
 */
function checkBlocked(ctx: Context, item: Item, label: Label): void {
  const v = item.raw.blocked;
  if (v === undefined || v === null || typeof v === 'string') return;
  ctx.error(valueAt(ctx, item, 'blocked'), 'bad-state', `\`blocked\` of ${label()} is ${quote(v)}; it must be the reason the item is blocked, as text.`,
    typeof v === 'boolean' && !v ? 'Remove `blocked:` (or leave it empty) when the item is not blocked.' : 'Write why it is blocked, e.g. `blocked: Waiting for vendor API keys`; remove the key when it is no longer blocked.');
}

function checkState(ctx: Context, item: Item, label: Label, names: string[], declared: Record<string, unknown>): void {
  const v = item.raw.state;
  if (v === undefined || v === null) return;
  const text = scalarText(v);
  // A state declared with a bad category is reported once, at its `states:` entry.
  if (text !== undefined && (Object.hasOwn(ctx.ws.states, text) || Object.hasOwn(declared, text))) return;
  const guess = text === undefined ? undefined : didYouMean(text, names);
  const add = `or declare it under \`states:\` in ${ctx.ws.backlogPath} (e.g. \`${text ?? 'name'}: doing\`).`;
  ctx.error(valueAt(ctx, item, 'state'), 'bad-state', `The state ${quote(v)} of ${label()} is not one of the states: ${names.join(', ')}.`,
    guess ? `${guess} Otherwise use one of the states, ${add}` : `Use one of the states, ${add}`);
}

export function checkEpics(ctx: Context): Set<string> {
  const { ws } = ctx;
  // Epics carry no index of their own: count them per file for labels of epics without an id.
  const position = new Map<Epic, number>();
  const perFile = new Map<string, number>();
  for (const e of ws.epics) {
    const n = (perFile.get(e.file) ?? 0) + 1;
    perFile.set(e.file, n);
    position.set(e, n);
  }
  const labelOf = (e: Epic): string => {
    const id = scalarText(e.raw.id);
    return id ? `epic ${id}` : `epic ${position.get(e)} of \`epics\` in ${e.file}`;
  };
  const byId = checkIds(ctx, ws.epics, 'epic', (e) => capital(labelOf(e)), () => undefined);
  ws.epics.forEach((epic) => {
    const label: Label = () => labelOf(epic);
    checkTitle(ctx, epic, label, 'Write a title naming the epic.');
    checkDate(ctx, epic, 'target', label);
    checkText(ctx, epic, 'owner', label);
    checkText(ctx, epic, 'description', label);
    checkKeys(ctx, epic, EPIC_KEYS, label);
  });
  return new Set(byId.keys());
}
