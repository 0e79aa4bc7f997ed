// `sprintlog move ID --to-rank N` (re-rank) or `sprintlog move ID... --sprint S`
// (plan into a sprint; `--sprint none` = back to the product backlog).

import type { EditOp } from '../../core/edit';
import { printable } from '../../core/printable';
import { type Command, type CommandContext, FORCE_FLAG, REPO_FLAG, stringFlag, UsageError, WRITE_HELP } from '../command';
import { rankFlag } from './add';
import { applyOps, checkAgainstWorkspace } from './set';

async function run(ctx: CommandContext): Promise<number> {
  const ids = ctx.positionals;
  const rank = rankFlag(ctx, 'to-rank');
  const sprintText = stringFlag(ctx, 'sprint');
  if ((rank === undefined) === (sprintText === undefined)) throw new UsageError('give exactly one of --to-rank N and --sprint S.');
  if (rank !== undefined && ids.length !== 1) throw new UsageError('--to-rank moves one item at a time.');
  const sprint = sprintText === undefined || sprintText.trim().toLowerCase() === 'none' ? null : sprintText.trim();
  const { files } = applyOps(ctx, (ws): EditOp[] => {
    if (rank !== undefined) {
      if (rank >= ws.items.length) throw new UsageError(`--to-rank ${rank + 1} is past the end: there are ${ws.items.length} items.`);
      return [{ kind: 'move', id: ids[0], toRank: rank }];
    }
    if (sprint !== null) checkAgainstWorkspace(ws, 'sprint', sprint);
    return [{ kind: 'sprint', ids, sprint }];
  });
  const where = rank !== undefined ? `rank ${rank + 1}` : sprint === null ? 'product backlog' : `sprint ${sprint}`;
  ctx.io.out(printable(`${ids.join(', ')}: ${where}${files.length > 0 ? ` (${files.join(', ')})` : ' (unchanged)'}`) + '\n');
  return 0;
}

export const moveCommand: Command = {
  name: 'move',
  summary: 'Re-rank an item, or move items into a sprint or back to the product backlog.',
  usage: 'move ID --to-rank N | move ID [ID ...] --sprint S|none [--repo DIR]',
  details: '--to-rank N: 1 = top, across the main file and then the archive files; an item stays in its own file at a file boundary.\n--sprint none removes `sprint` (product backlog).\n' + WRITE_HELP,
  flags: [
    { name: 'to-rank', type: 'string', arg: 'N', help: 'New rank of the item, 1 = most important.' },
    { name: 'sprint', type: 'string', arg: 'S', help: 'Sprint id to plan the items into, or none.' },
    FORCE_FLAG,
    REPO_FLAG,
  ],
  positionals: { min: 1, max: Infinity },
  run,
};
