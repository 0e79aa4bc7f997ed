// `sprintlog set ID field=value [...]`: change keys of one item in place,
// keeping every other byte of the file. Also holds the `field=value` parsing
// and the plan-and-write step that `add` and `move` share.

import { parse as parseYaml } from 'yaml';
import { type EditOp, planEdits } from '../../core/edit';
import { editWorkspace, InvalidEditError } from '../../core/edit/write';
import type { Workspace } from '../../core/model';
import { tooDeep } from '../../core/parse/yaml-limits';
import { printable } from '../../core/printable';
import { type Command, type CommandContext, FORCE_FLAG, REPO_FLAG, UsageError, WRITE_HELP } from '../command';
import { repoRoot } from '../repo';

const NUMBER_KEYS = new Set(['points', 'value']);
const LIST_KEYS = new Set(['tags', 'depends_on']);
/** Spec keys whose values are always text (`title=42` is the title "42"). */
const TEXT_KEYS = new Set(['id', 'title', 'type', 'state', 'sprint', 'assignee', 'epic', 'blocked', 'created', 'started', 'finished', 'description']);

export const ASSIGNMENT_HELP = [
  'Values: points and value are numbers; tags and depends_on are lists, written',
  '`[a, b]` or `a,b`; other spec keys are text as given. Keys the spec does not',
  'define take a YAML scalar (`estimate=3` is a number, `flag=true` a boolean).',
  'An empty value (`blocked=`) removes the key.',
].join('\n');

export interface Assignment {
  field: string;
  /** undefined = remove the key. */
  value: unknown;
}

export function parseAssignment(arg: string): Assignment {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new UsageError(`'${arg}' is not field=value (e.g. points=5, tags=[ui,api], blocked= to remove).`);
  const field = arg.slice(0, eq).trim();
  const text = arg.slice(eq + 1);
  if (text.trim() === '') return { field, value: undefined };
  if (NUMBER_KEYS.has(field)) {
    const n = Number(text.trim());
    if (!/^\s*[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?\s*$/.test(text) || !Number.isFinite(n)) throw new UsageError(`${field} must be a number >= 0, got '${text}'.`);
    return { field, value: n };
  }
  if (LIST_KEYS.has(field)) {
    const inner = text.trim().replace(/^\[(.*)\]$/s, '$1');
    return { field, value: inner.split(',').map((s) => s.trim()).filter((s) => s !== '') };
  }
  if (TEXT_KEYS.has(field)) return { field, value: text };
  return { field, value: yamlScalar(text) };
}

function yamlScalar(text: string): unknown {
  // A value nested deeper than any file may be is text (and never reaches yaml's recursive parser).
  if (tooDeep(text) !== undefined) return text;
  try {
    const v: unknown = parseYaml(text);
    const scalar = (x: unknown): boolean => typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x));
    if (scalar(v) || (Array.isArray(v) && v.every(scalar))) return v;
  } catch {
    // not YAML: the text itself
  }
  return text;
}

/** Refuse values the rest of the workspace says are wrong (unknown state, sprint or epic), with the known ones listed. */
export function checkAgainstWorkspace(ws: Workspace, field: string, value: unknown): void {
  if (typeof value !== 'string') return;
  const known = (what: string, names: string[]): void => {
    if (!names.includes(value)) throw new UsageError(`unknown ${what} '${value}'. Known: ${names.join(', ') || '(none)'}.`);
  };
  if (field === 'state') known('state', Object.keys(ws.states));
  if (field === 'sprint' && ws.sprintLog) known('sprint', ws.sprintLog.sprints.map((s) => s.id));
  if (field === 'epic') known('epic', ws.epics.map((e) => e.id));
}

/**
 * Plan the ops on the repository's files and write them, holding the backlog's
 * lock from reading to writing (ids in `reservedIds` are never handed out); returns the plan's new ids and the files written.
 */
export function applyOps(ctx: CommandContext, ops: (ws: Workspace) => EditOp[], reservedIds?: Iterable<string>): { ws: Workspace; newIds: string[]; files: string[] } {
  try {
    const { ws, plan, files } = editWorkspace(repoRoot(ctx), (w) => planEdits(w, ops(w), { reservedIds }), { force: ctx.flags.force === true });
    return { ws, newIds: plan.newIds, files };
  } catch (e) {
    if (e instanceof InvalidEditError) throw new InvalidEditError(`${e.message}\nFix the value, or pass --force to write it anyway.`, e.problems);
    throw e;
  }
}

async function run(ctx: CommandContext): Promise<number> {
  const [id, ...args] = ctx.positionals;
  const assignments = args.map(parseAssignment);
  const { files } = applyOps(ctx, (ws) => assignments.map(({ field, value }): EditOp => {
    checkAgainstWorkspace(ws, field, value);
    return value === undefined ? { kind: 'remove', id, field } : { kind: 'set', id, field, value };
  }));
  const what = assignments.map((a) => (a.value === undefined ? `-${a.field}` : a.field)).join(', ');
  ctx.io.out(printable(files.length > 0 ? `${id}: ${what} (${files.join(', ')})` : `${id}: unchanged`) + '\n');
  return 0;
}

export const setCommand: Command = {
  name: 'set',
  summary: 'Set or remove keys of an item, keeping comments and layout.',
  usage: 'set ID field=value [field=value ...] [--repo DIR]',
  details: ASSIGNMENT_HELP + '\n' + WRITE_HELP,
  flags: [FORCE_FLAG, REPO_FLAG],
  positionals: { min: 2, max: Infinity },
  run,
};
