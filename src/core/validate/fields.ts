// Checks on single values that items, epics and sprints share: dates, numbers, references.
// They run 20,000 times per validation, so messages (labels, fallback ranges) are
// only built when a problem is found.

import type { FieldSource, ProblemCode, SourceRange } from '../model';
import { type Context, quote } from './context';
import { DATE_HINT, DAY_HINT, dateProblem } from './dates';
import { didYouMean } from './suggest';

export type Fields = Partial<Record<string, FieldSource>>;

/** An item, epic, sprint or nested mapping: its parsed values, their ranges, and where it starts. */
export interface Entry {
  raw: Record<string, unknown>;
  fields: Fields;
  source: SourceRange;
}

/** `item PAY-12`, built on demand. */
export type Label = () => string;

/** A scalar as text the way the parser reads it (`sprint: 12` is the sprint "12"). */
export function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** The value of `key`, or the entry's first line when the key is absent. */
export function valueAt(ctx: Context, e: Entry, key: string): SourceRange {
  return e.fields[key]?.value ?? ctx.entryHead(e.source);
}

export interface DateOptions {
  dayOnly?: boolean;
  required?: boolean;
}

/** An optional date (`created`, `target`, ...); `required` for a sprint's `start` / `end`. Returns the valid text. */
export function checkDate(ctx: Context, e: Entry, key: string, label: Label, opts: DateOptions = {}): string | undefined {
  const v = e.raw[key];
  if (v === undefined || v === null) {
    if (opts.required) ctx.error(valueAt(ctx, e, key), 'bad-date', `${capital(label())} has no \`${key}\` day; it is required.`, `Add \`${key}: YYYY-MM-DD\`.`);
    return undefined;
  }
  const text = scalarText(v);
  const why = text === undefined ? 'which is not a date' : dateProblem(text, opts.dayOnly ?? false);
  if (!why) return text;
  ctx.error(valueAt(ctx, e, key), 'bad-date', `\`${key}\` of ${label()} is ${quote(v)}, ${why}.`, opts.dayOnly ? DAY_HINT : DATE_HINT);
  return undefined;
}

export interface NumberRange {
  min?: number;
  max?: number;
  /** `a number ≥ 0`, for the message. */
  what: string;
  /** When the key may be left out: `for an unestimated item`. */
  absent: string;
}

/** Points, capacity, business value and satisfaction: finite numbers, within a range. */
export function checkNumber(ctx: Context, e: Entry, key: string, label: Label, range: NumberRange): void {
  const v = e.raw[key];
  if (v === undefined || v === null) return;
  if (typeof v === 'number' && Number.isFinite(v) && (range.min === undefined || v >= range.min) && (range.max === undefined || v <= range.max)) return;
  const hint = typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
    ? `Write \`${key}: ${v.trim()}\` without quotes.`
    : `Use ${range.what}, or remove \`${key}\` ${range.absent}.`;
  ctx.error(valueAt(ctx, e, key), 'bad-points', `\`${key}\` of ${label()} is ${quote(v)}; it must be ${range.what}.`, hint);
}

/**
 * Free text (`assignee`, `description`, a sprint's `goal`, ...): any scalar reads as text, empty
 * means absent, but a list or mapping cannot be read at all. The spec has no code for a value
 * of the wrong shape, so it is `yaml-syntax`, like \`items:\` that is not a list (decisions: index.ts).
 */
export function checkText(ctx: Context, e: Entry, key: string, label: Label): void {
  const v = e.raw[key];
  if (v === undefined || v === null || scalarText(v) !== undefined) return;
  ctx.error(valueAt(ctx, e, key), 'yaml-syntax', `\`${key}\` of ${label()} is ${quote(v)}; it must be text.`,
    `Write the text on the \`${key}:\` line (quote it if it contains \`: \` or starts with \`[\`, \`{\` or \`#\`).`);
}

/** A list of scalars or a single scalar (`tags`, `depends_on`, a retro's `went_well`): not a mapping, no nested lists or mappings. */
export function checkTextList(ctx: Context, e: Entry, key: string, label: Label, example: string): void {
  const v = e.raw[key];
  if (v === undefined || v === null || scalarText(v) !== undefined) return;
  const bad = Array.isArray(v) ? v.findIndex((x) => scalarText(x) === undefined) : -1;
  if (Array.isArray(v) && bad === -1) return;
  const at = valueAt(ctx, e, key);
  const where = bad >= 0 ? ctx.locate(at, [bad])?.value ?? at : at;
  ctx.error(where, 'yaml-syntax', bad >= 0
    ? `Entry ${bad + 1} of \`${key}\` of ${label()} is ${quote((v as unknown[])[bad])}; each entry must be a single word or text.`
    : `\`${key}\` of ${label()} is ${quote(v)}; it must be a list like \`${key}: ${example}\` or a single value.`,
  `Write \`${key}: ${example}\`.`);
}

export interface RefCheck {
  code: ProblemCode;
  /** undefined: the file holding the targets did not parse, so stay quiet. */
  known: Set<string> | undefined;
  what: string;
  /** `which is not in backlog/sprints.yaml`. */
  missing: string;
  remedy: string;
}

/** A reference to a sprint / epic by id. */
export function checkRef(ctx: Context, e: Entry, key: string, label: Label, ref: RefCheck): void {
  const v = e.raw[key];
  if (v === undefined || v === null || !ref.known) return;
  const text = scalarText(v);
  if (text !== undefined && ref.known.has(text)) return;
  const guess = text === undefined ? undefined : didYouMean(text, ref.known, true);
  ctx.error(valueAt(ctx, e, key), ref.code, `${capital(label())} names ${ref.what} ${quote(v)}, ${ref.missing}.`, guess ?? ref.remedy);
}

export function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
