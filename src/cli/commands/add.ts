// `sprintlog add "title" [field=value ...] [--rank N]`: a new item, by
// default at the end of the main backlog file; prints its id.

import type { EditOp } from '../../core/edit';
import { HistoryEngine } from '../../core/history';
import { idsEverUsed } from '../../core/history/used-ids';
import { printable } from '../../core/printable';
import { type Command, type CommandContext, FORCE_FLAG, REPO_FLAG, stringFlag, UsageError, WRITE_HELP } from '../command';
import { repoRoot } from '../repo';
import { applyOps, ASSIGNMENT_HELP, checkAgainstWorkspace, parseAssignment } from './set';

/** `--rank N`/`--to-rank N` (1-based) → 0-based. */
export function rankFlag(ctx: CommandContext, name: string): number | undefined {
  const text = stringFlag(ctx, name);
  if (text === undefined) return undefined;
  if (!/^\s*[1-9][0-9]*\s*$/.test(text)) throw new UsageError(`--${name} must be a whole number from 1, got '${text}'.`);
  return Number(text) - 1;
}

async function run(ctx: CommandContext): Promise<number> {
  const [title, ...args] = ctx.positionals;
  if (title.trim() === '') throw new UsageError('the title must not be empty.');
  const fields: Record<string, unknown> = { title };
  for (const { field, value } of args.map(parseAssignment)) if (value !== undefined) fields[field] = value;
  const rank = rankFlag(ctx, 'rank');
  // A deleted item's id stays taken: the history still names it (commits, branches, events).
  const used = await idsEverUsed(new HistoryEngine(), repoRoot(ctx));
  const { newIds } = applyOps(ctx, (ws): EditOp[] => {
    for (const [field, value] of Object.entries(fields)) checkAgainstWorkspace(ws, field, value);
    if (rank !== undefined && rank > ws.items.length) throw new UsageError(`--rank ${rank + 1} is past the end: there are ${ws.items.length} items (use 1..${ws.items.length + 1}).`);
    return [{ kind: 'add', fields, rank }];
  }, used);
  ctx.io.out(printable(newIds[0]) + '\n');
  return 0;
}

export const addCommand: Command = {
  name: 'add',
  summary: 'Add an item (default: last in the main backlog file) and print its id.',
  usage: 'add "title" [field=value ...] [--rank N] [--repo DIR]',
  details: '--rank N puts the item at rank N (1 = top) across all backlog files.\n' + ASSIGNMENT_HELP + '\n' + WRITE_HELP,
  flags: [{ name: 'rank', type: 'string', arg: 'N', help: 'Rank of the new item, 1 = most important (default: last in the main file).' }, FORCE_FLAG, REPO_FLAG],
  positionals: { min: 1, max: Infinity },
  run,
};
