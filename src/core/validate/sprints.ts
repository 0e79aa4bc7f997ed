// The sprint log: calendar settings, sprint ids and days, reviews and retros.

import { ACTION_KEYS, RETRO_KEYS, REVIEW_KEYS, SPRINT_KEYS, SPRINTS_KEYS, WEEKDAYS, type SourceRange, type Sprint, type SprintLog } from '../model';
import { type Context, quote } from './context';
import { DAY_HINT, dateProblem, isTimeZone, knownTimeZones } from './dates';
import { capital, checkDate, checkNumber, checkText, checkTextList, type DateOptions, type Entry, type NumberRange, scalarText, valueAt } from './fields';
import { fileStart, checkList, checkVersion } from './files';
import { checkIds } from './ids';
import { checkKeys } from './keys';
import { closest } from './suggest';

const DAY_REQUIRED: DateOptions = { dayOnly: true, required: true };
const CAPACITY: NumberRange = { min: 0, what: 'a number of points ≥ 0', absent: 'if no capacity is planned' };
const SATISFACTION: NumberRange = { min: 1, max: 5, what: 'a rating from 1 to 5', absent: 'until the stakeholders have rated the sprint' };
const FULL_DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Returns the ids of the sprints (valid, first occurrences). */
export function checkSprintLog(ctx: Context, log: SprintLog): Set<string> {
  checkVersion(ctx, log.raw, log.fields, log.file);
  checkKeys(ctx, { raw: log.raw, fields: log.fields, source: fileStart(log.file) }, SPRINTS_KEYS, () => 'the sprint log');
  checkTimeZone(ctx, log);
  checkWorkingDays(ctx, log);
  checkHolidays(ctx, log);
  checkList(ctx, log.raw, log.fields, 'sprints', 'sprints');
  const label = (s: Sprint): string => (scalarText(s.raw.id) ? `sprint ${scalarText(s.raw.id)}` : `sprint ${s.index + 1}`);
  const byId = checkIds(ctx, log.sprints, 'sprint', (s) => capital(label(s)), () => undefined);
  const spans: { sprint: Sprint; start: string; end: string }[] = [];
  for (const sprint of log.sprints) {
    const where = label(sprint);
    const start = checkDate(ctx, sprint, 'start', () => where, DAY_REQUIRED);
    const end = checkDate(ctx, sprint, 'end', () => where, DAY_REQUIRED);
    if (start && end) {
      if (end < start) {
        ctx.error(valueAt(ctx, sprint, 'end'), 'end-before-start', `${capital(where)} ends on ${end}, before it starts on ${start}.`,
          '`end` is the last day of the sprint (inclusive) and must be on or after `start`: swap them or fix the typo.');
      } else {
        spans.push({ sprint, start, end });
      }
    }
    checkNumber(ctx, sprint, 'capacity', () => where, CAPACITY);
    checkText(ctx, sprint, 'name', () => where);
    checkText(ctx, sprint, 'goal', () => where);
    checkKeys(ctx, sprint, SPRINT_KEYS, () => where);
    checkReview(ctx, sprint, where);
    checkRetro(ctx, sprint, where);
  }
  checkOverlaps(ctx, spans, label);
  return new Set(byId.keys());
}

function checkTimeZone(ctx: Context, log: SprintLog): void {
  const v = log.raw.timezone;
  if (v === undefined || v === null) return;
  const text = scalarText(v);
  if (text !== undefined && isTimeZone(text)) return;
  // The spec has no code for time zones; a zone decides which day every date falls
  // on, so `bad-date` is the closest of its codes (decisions: validate/index.ts).
  const at = log.fields.timezone?.value ?? fileStart(log.file);
  if (text !== undefined && /^(UTC|GMT)?[+-]\d/i.test(text)) {
    ctx.error(at, 'bad-date', `\`timezone\` is ${quote(v)}, an offset, not a time zone name: an offset does not follow daylight saving time.`,
      'Use the IANA name of the place, e.g. `Europe/Berlin` (or `UTC`).');
    return;
  }
  const guess = text === undefined ? undefined : closest(text, knownTimeZones());
  ctx.error(at, 'bad-date', `\`timezone\` is ${quote(v)}, which is not an IANA time zone name, so no day boundary can be computed.`,
    guess ? `Did you mean \`${guess}\`?` : 'Use a name like `Europe/Berlin`, `America/New_York` or `UTC` (the default when `timezone` is absent).');
}

function isWeekday(text: string): boolean {
  const d = text.toLowerCase();
  // The parser reads the first three letters, so `Monday` and `mon` both work.
  return (WEEKDAYS as readonly string[]).includes(d) || FULL_DAY_NAMES.includes(d);
}

function checkWorkingDays(ctx: Context, log: SprintLog): void {
  const v = log.raw.working_days;
  const at = log.fields.working_days?.value;
  if (v === undefined || v === null || !at) return;
  const list = Array.isArray(v) ? v : [v];
  const seen = new Map<string, number>();
  list.forEach((d, i) => {
    const text = scalarText(d);
    const where = (): SourceRange => (Array.isArray(v) ? ctx.locate(at, [i])?.value ?? at : at);
    if (text !== undefined && isWeekday(text)) {
      // `mon` and `Monday` are the same day: the parser reads the first three letters.
      const day = text.slice(0, 3).toLowerCase();
      const first = seen.get(day);
      if (first === undefined) seen.set(day, i);
      else ctx.error(where(), 'bad-date', `\`working_days\` lists ${quote(d)} again (entry ${first + 1} is the same day).`, 'List each working day once, e.g. `working_days: [mon, tue, wed, thu, fri]`.');
      return;
    }
    // Compare with full names too (`wendesday`), but suggest the short form the spec uses.
    const near = text === undefined ? undefined : closest(text.toLowerCase(), [...WEEKDAYS, ...FULL_DAY_NAMES]);
    const guess = near?.slice(0, 3);
    ctx.error(where(), 'bad-date', `\`working_days\` lists ${quote(d)}, which is not a weekday.`,
      guess ? `Did you mean \`${guess}\`?` : 'Use mon, tue, wed, thu, fri, sat, sun, e.g. `working_days: [mon, tue, wed, thu, fri]`.');
  });
}

function checkHolidays(ctx: Context, log: SprintLog): void {
  const v = log.raw.holidays;
  const at = log.fields.holidays?.value;
  if (v === undefined || v === null || !at) return;
  const list = Array.isArray(v) ? v : [v];
  list.forEach((d, i) => {
    const text = scalarText(d);
    const why = text === undefined ? 'which is not a date' : dateProblem(text, true);
    if (!why) return;
    const where = Array.isArray(v) ? ctx.locate(at, [i])?.value ?? at : at;
    ctx.error(where, 'bad-date', `\`holidays\` lists ${quote(d)}, ${why}.`, DAY_HINT);
  });
}

function record(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** `review:` / `retro:` must be mappings (empty = none); the spec has no code for a wrong shape, so `yaml-syntax` (decisions: index.ts). */
function nested(ctx: Context, sprint: Sprint, key: 'review' | 'retro', where: string): { map: Record<string, unknown>; at: SourceRange } | undefined {
  const v = sprint.raw[key];
  const at = sprint.fields[key]?.value;
  if (v === undefined || v === null || !at) return undefined;
  const map = record(v);
  if (!map) {
    ctx.error(at, 'yaml-syntax', `\`${key}\` of ${where} is ${quote(v)}; it must be a mapping.`,
      key === 'review' ? 'Write `satisfaction:` and `notes:` on their own lines, indented under `review:`.' : 'Write `went_well:`, `to_improve:` and `actions:` on their own lines, indented under `retro:`.');
    return undefined;
  }
  return { map, at };
}

/**
 * An entry of a nested mapping. The parser keeps ranges one level deep, so each key's range is
 * found (by re-parsing the container) only when a message reads it: never on the happy path.
 */
function nestedEntry(ctx: Context, raw: Record<string, unknown>, at: SourceRange, path: (string | number)[], keys: readonly string[]): Entry {
  const fields: Entry['fields'] = {};
  for (const k of keys) if (raw[k] !== undefined) Object.defineProperty(fields, k, { get: () => ctx.locate(at, [...path, k]), enumerable: true });
  return { raw, fields, source: at };
}

function checkReview(ctx: Context, sprint: Sprint, where: string): void {
  const review = nested(ctx, sprint, 'review', where);
  if (!review) return;
  const { map, at } = review;
  const label = (): string => `the review of ${where}`;
  checkKeys(ctx, { raw: map, fields: {}, source: at }, REVIEW_KEYS, label, { locateKey: (k) => ctx.locate(at, [k])?.key });
  const e = nestedEntry(ctx, map, at, [], REVIEW_KEYS);
  checkNumber(ctx, e, 'satisfaction', label, SATISFACTION);
  checkText(ctx, e, 'notes', label);
}

function checkRetro(ctx: Context, sprint: Sprint, where: string): void {
  const retro = nested(ctx, sprint, 'retro', where);
  if (!retro) return;
  const { map, at } = retro;
  const label = (): string => `the retro of ${where}`;
  checkKeys(ctx, { raw: map, fields: {}, source: at }, RETRO_KEYS, label, { locateKey: (k) => ctx.locate(at, [k])?.key });
  const e = nestedEntry(ctx, map, at, [], RETRO_KEYS);
  checkTextList(ctx, e, 'went_well', label, '[Pairing on the API client]');
  checkTextList(ctx, e, 'to_improve', label, '[Smaller stories]');
  const actions = map.actions;
  if (actions === undefined || actions === null) return;
  if (!Array.isArray(actions) && scalarText(actions) === undefined) {
    ctx.error(e.fields.actions?.value ?? at, 'yaml-syntax', `\`actions\` of ${label()} is ${quote(actions)}; it must be a list of actions.`,
      'Write each action on its own `- ` line: a text, or `text:`, `owner:` and `done:`.');
    return;
  }
  (Array.isArray(actions) ? actions : [actions]).forEach((action, i) => {
    const path = Array.isArray(actions) ? ['actions', i] : ['actions'];
    checkAction(ctx, action, at, path, () => `retro action ${i + 1} of ${where}`);
  });
}

/** A retro action: its text (plain, or `text:` of a mapping) is required like a title; `done` is true or false. */
function checkAction(ctx: Context, action: unknown, at: SourceRange, path: (string | number)[], label: () => string): void {
  const a = record(action);
  const textHint = 'Write what will be done, e.g. `- text: WIP limit of 3 in review`.';
  if (!a) {
    const text = scalarText(action);
    if (text !== undefined && text.trim()) return; // a plain string is the action's text
    const where = ctx.locate(at, path)?.value ?? at;
    if (text === undefined && action !== null) ctx.error(where, 'yaml-syntax', `${capital(label())} is ${quote(action)}; it must be a text or a mapping with \`text\`.`, textHint);
    else ctx.error(where, 'missing-title', `${capital(label())} is empty.`, textHint);
    return;
  }
  checkKeys(ctx, { raw: a, fields: {}, source: at }, ACTION_KEYS, label, { locateKey: (k) => ctx.locate(at, [...path, k])?.key });
  const e = nestedEntry(ctx, a, at, path, ACTION_KEYS);
  const text = a.text === undefined || a.text === null ? undefined : scalarText(a.text);
  if (a.text === undefined) ctx.error(ctx.locate(at, path)?.value ?? at, 'missing-title', `${capital(label())} has no \`text\`.`, textHint);
  else if (!text?.trim()) ctx.error(valueAt(ctx, e, 'text'), text === undefined && a.text !== null ? 'yaml-syntax' : 'missing-title', `The \`text\` of ${label()} is ${quote(a.text)}.`, textHint);
  checkText(ctx, e, 'owner', label);
  if (a.done !== undefined && a.done !== null && typeof a.done !== 'boolean') {
    ctx.error(valueAt(ctx, e, 'done'), 'yaml-syntax', `\`done\` of ${label()} is ${quote(a.done)}; it must be true or false.`,
      typeof a.done === 'string' ? `Write \`done: ${/^(y|yes|on|done)$/i.test(a.done.trim()) ? 'true' : 'false'}\` without quotes.` : 'Write `done: true` once the action is done, `done: false` until then.');
  }
}

/** Sorted by start, each sprint is compared with the one ending latest before it: O(n log n), one report per overlapping sprint. */
function checkOverlaps(ctx: Context, spans: { sprint: Sprint; start: string; end: string }[], label: (s: Sprint) => string): void {
  const sorted = [...spans].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.sprint.index - b.sprint.index));
  let latest: (typeof spans)[number] | undefined;
  for (const s of sorted) {
    if (latest && s.start <= latest.end) {
      const sharedEnd = s.end < latest.end ? s.end : latest.end;
      const shared = s.start === sharedEnd ? s.start : `${s.start} to ${sharedEnd}`;
      ctx.error(valueAt(ctx, s.sprint, 'start'), 'sprint-overlap',
        `${capital(label(s.sprint))} (${s.start} to ${s.end}) overlaps ${label(latest.sprint)} (${latest.start} to ${latest.end}): ${shared} would be in both.`,
        `Sprints must not share days: start ${label(s.sprint)} after ${latest.end}, or end ${label(latest.sprint)} before ${s.start}.`);
    }
    if (!latest || s.end > latest.end) latest = s;
  }
}
