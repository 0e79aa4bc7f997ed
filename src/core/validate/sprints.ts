// The sprint log: calendar settings, sprint ids and days, reviews and retros.

import { ACTION_KEYS, RETRO_KEYS, REVIEW_KEYS, SPRINT_KEYS, SPRINTS_KEYS, WEEKDAYS, type Sprint, type SprintLog } from '../model';
import { type Context, quote } from './context';
import { DAY_HINT, dateProblem, isTimeZone, knownTimeZones } from './dates';
import { capital, checkDate, checkNumber, type DateOptions, type NumberRange, scalarText, valueAt } from './fields';
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
  const guess = text === undefined ? undefined : closest(text, knownTimeZones());
  ctx.error(log.fields.timezone?.value ?? fileStart(log.file), 'bad-date', `\`timezone\` is ${quote(v)}, which is not an IANA time zone name, so no day boundary can be computed.`,
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
  list.forEach((d, i) => {
    const text = scalarText(d);
    if (text !== undefined && isWeekday(text)) return;
    const where = Array.isArray(v) ? ctx.locate(at, [i])?.value ?? at : at;
    // Compare with full names too (`wendesday`), but suggest the short form the spec uses.
    const near = text === undefined ? undefined : closest(text.toLowerCase(), [...WEEKDAYS, ...FULL_DAY_NAMES]);
    const guess = near?.slice(0, 3);
    ctx.error(where, 'bad-date', `\`working_days\` lists ${quote(d)}, which is not a weekday.`,
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

function checkReview(ctx: Context, sprint: Sprint, where: string): void {
  const review = record(sprint.raw.review);
  const at = sprint.fields.review?.value;
  if (!review || !at) return;
  const label = (): string => `the review of ${where}`;
  checkKeys(ctx, { raw: review, fields: {}, source: at }, REVIEW_KEYS, label, { locateKey: (k) => ctx.locate(at, [k])?.key });
  if (review.satisfaction !== undefined && review.satisfaction !== null) {
    checkNumber(ctx, { raw: review, fields: { satisfaction: ctx.locate(at, ['satisfaction']) }, source: at }, 'satisfaction', label, SATISFACTION);
  }
}

function checkRetro(ctx: Context, sprint: Sprint, where: string): void {
  const retro = record(sprint.raw.retro);
  const at = sprint.fields.retro?.value;
  if (!retro || !at) return;
  checkKeys(ctx, { raw: retro, fields: {}, source: at }, RETRO_KEYS, () => `the retro of ${where}`, { locateKey: (k) => ctx.locate(at, [k])?.key });
  if (!Array.isArray(retro.actions)) return;
  retro.actions.forEach((action, i) => {
    const a = record(action);
    if (!a) return; // a plain string is an action's text
    checkKeys(ctx, { raw: a, fields: {}, source: at }, ACTION_KEYS, () => `retro action ${i + 1} of ${where}`, {
      locateKey: (k) => ctx.locate(at, ['actions', i, k])?.key,
    });
  });
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
