// What `set` and `add` accept for each key: the engine refuses values the
// format cannot hold (so no client can write `points: "five"`), and leaves the
// semantic checks (known state, sprint, epic) to the validator.

import { EditError, type EditValue } from './types';
import { ID_PATTERN } from './ids';

/** Keys written without quotes only: letters, digits, `_` and `-`. */
const KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const LISTS = new Set(['tags', 'depends_on']);
const NUMBERS = new Set(['points', 'value']);
const DATES = new Set(['created', 'started', 'finished']);

export function checkField(field: string): void {
  if (!KEY_PATTERN.test(field)) {
    throw new EditError(`'${field}' is not a key the editor writes: use letters, digits, '_' and '-' (starting with a letter).`);
  }
}

/** The value to write for `field`, or undefined for "remove the key" (`null`/`undefined`). */
export function checkValue(field: string, value: unknown): EditValue | undefined {
  if (value === null || value === undefined) return undefined;
  const v = plainValue(field, value);
  const bad = (what: string): never => {
    throw new EditError(`'${field}' must be ${what}, got ${JSON.stringify(value)}.`);
  };
  if (field === 'id' && (typeof v !== 'string' || !ID_PATTERN.test(v))) bad('an id of letters, digits, ".", "_" and "-"');
  if (field === 'title' && (typeof v !== 'string' || v.trim() === '')) bad('non-empty text');
  if (NUMBERS.has(field) && (typeof v !== 'number' || v < 0)) bad('a number >= 0');
  if (LISTS.has(field) && !Array.isArray(v) && typeof v !== 'string') bad('a list of ids or words');
  if (DATES.has(field) && (typeof v !== 'string' || !DATE.test(v))) bad('a date YYYY-MM-DD or an ISO date-time');
  return v;
}

function plainValue(field: string, value: unknown): EditValue {
  const ok = (x: unknown): x is string | number | boolean =>
    typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x));
  if (ok(value)) return value;
  if (Array.isArray(value) && value.every(ok)) return [...value];
  throw new EditError(`'${field}' must be text, a finite number, true/false or a list of those, got ${JSON.stringify(value)}.`);
}
