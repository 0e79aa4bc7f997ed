// Checks on each file as a whole: version, top-level keys, `states`, and the
// shape of the `items` / `epics` / `sprints` lists.

import { ARCHIVE_KEYS, BACKLOG_KEYS, SUPPORTED_VERSION, type BacklogFile, type FieldSource, type SourceRange } from '../model';
import { type Context, quote } from './context';
import { checkKeys } from './keys';
import { closest } from './suggest';

const CATEGORIES = ['todo', 'doing', 'done'];

/** Archive files may hold finished epics too (the workspace reads them), but `states` only counts in the main file. */
const ARCHIVE_KNOWN = [...ARCHIVE_KEYS, 'epics'];

/** Missing (or empty) `version` is fine: it means version 1 (files written before `version` existed, or by hand). */
export function checkVersion(ctx: Context, raw: Record<string, unknown>, fields: Partial<Record<string, FieldSource>>, file: string): void {
  const v = raw.version;
  if (v === undefined || v === null || v === SUPPORTED_VERSION) return;
  const at = fields.version?.value ?? fileStart(file);
  const hint = typeof v === 'string' && v.trim() === String(SUPPORTED_VERSION)
    ? `Write \`version: ${SUPPORTED_VERSION}\` without quotes.`
    : typeof v === 'number' && v > SUPPORTED_VERSION
      ? 'This file was written for a newer Sprintlog: update the extension / CLI. Nothing is written to the file meanwhile.'
      : `Set \`version: ${SUPPORTED_VERSION}\`, or remove the key.`;
  ctx.error(at, 'version-unsupported', `\`version\` is ${quote(v)}, but this Sprintlog reads format version ${SUPPORTED_VERSION}.`, hint);
}

export function fileStart(file: string): SourceRange {
  return { file, line: 1, column: 1, offset: 0, end: 0 };
}

export function checkBacklogFile(ctx: Context, b: BacklogFile): void {
  const main = b.file === ctx.ws.backlogPath;
  checkVersion(ctx, b.raw, b.fields, b.file);
  checkKeys(ctx, { raw: b.raw, fields: b.fields, source: fileStart(b.file) }, main ? BACKLOG_KEYS : ARCHIVE_KNOWN,
    () => (main ? 'the backlog file' : `the archive file ${b.file}`),
    { misplaced: main ? undefined : { states: `\`states\` only counts in ${ctx.ws.backlogPath}: move it there.` } });
  checkProject(ctx, b);
  if (main) checkStates(ctx, b);
  for (const [key, what] of [['items', 'items'], ['epics', 'epics']] as const) checkList(ctx, b.raw, b.fields, key, what);
}

const ID = /^[A-Za-z0-9._-]+$/;

/** `project` is the start of every new id (`PAY` → PAY-1), so it must be usable in an id: `missing-id`, like a bad id. */
function checkProject(ctx: Context, b: BacklogFile): void {
  const v = b.raw.project;
  if (v === undefined || v === null) return;
  const text = typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
  if (text !== undefined && ID.test(text)) return;
  ctx.error(b.fields.project?.value ?? fileStart(b.file), 'missing-id', `\`project\` is ${quote(v)}, which cannot start an id: new items would get no usable id.`,
    text === undefined ? 'Write the project key as one word, e.g. `project: PAY`.' : `Use only letters, digits, \`.\`, \`_\` and \`-\`, e.g. \`project: ${text.replace(/[^A-Za-z0-9._-]+/g, '-') || 'PAY'}\`.`);
}

function checkStates(ctx: Context, b: BacklogFile): void {
  const states = b.raw.states;
  const at = b.fields.states?.value;
  if (states === undefined || states === null || !at) return;
  if (typeof states !== 'object' || Array.isArray(states)) {
    ctx.error(at, 'bad-state', '`states` must be a mapping of state name to category (todo, doing or done).',
      'Write one `name: category` line per state, e.g. `in-progress: doing`.');
    return;
  }
  for (const [name, cat] of Object.entries(states as Record<string, unknown>)) {
    // `review ` is not `review`: an item's `state: review` would never match it.
    if (!/^\S(.*\S)?$/.test(name)) {
      ctx.error(ctx.locate(at, [name])?.key ?? at, 'bad-state', `State name ${name.trim() ? quote(name) : 'is empty or blank and'} ${name.trim() ? 'starts or ends with a space' : 'cannot be used by any item'}.`,
        name.trim() ? `Write it without the surrounding spaces: \`${name.trim()}: ${typeof cat === 'string' ? cat : 'doing'}\`.` : 'Give the state a name, e.g. `in-progress: doing`.');
      continue;
    }
    if (typeof cat === 'string' && CATEGORIES.includes(cat)) continue;
    const where = ctx.locate(at, [name]);
    const guess = typeof cat === 'string' ? closest(cat, CATEGORIES) : undefined;
    ctx.error(where?.value ?? at, 'bad-state', `State \`${name}\` has category ${quote(cat)}; a category must be todo, doing or done.`,
      guess ? `Did you mean \`${guess}\`?` : 'Use todo for not started, doing for in progress, done for finished.');
  }
}

/** A top-level list key whose value is not a list (`items: PAY-1`), and entries that are not mappings. */
export function checkList(ctx: Context, raw: Record<string, unknown>, fields: Partial<Record<string, FieldSource>>, key: string, what: string): void {
  const v = raw[key];
  const at = fields[key]?.value;
  if (v === undefined || v === null || !at) return;
  if (!Array.isArray(v)) {
    // Not a syntax error, but the document's structure is wrong in the same way a non-mapping file is (see parse/backlog.ts).
    ctx.error(at, 'yaml-syntax', `\`${key}\` must be a list of ${what} (lines starting with \`- \`), not ${quote(v)}.`,
      `Write each entry on its own \`- \` line under \`${key}:\`.`);
    return;
  }
  v.forEach((entry, i) => {
    if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) return;
    const where = ctx.locate(at, [i]);
    ctx.error(where?.value ?? at, 'missing-id', `Entry ${i + 1} of \`${key}\` is ${quote(entry)}, not a mapping with an \`id\`.`,
      `Write it as a mapping, e.g. \`- id: …\` followed by \`title: …\`, or delete the line.`);
  });
}
