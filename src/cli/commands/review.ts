// `sprintlog review SPRINT --rating N [--notes TEXT]`: the sprint review's
// stakeholder satisfaction (1..5) and notes, written into backlog/sprints.yaml.

import { editWorkspace } from '../../core/edit/write';
import { printable } from '../../core/printable';
import { planEdits, type SprintLogOp } from '../../core/edit';
import { describeOp } from '../../core/edit/describe';
import { parseRating } from '../../core/edit/sprint-log';
import { type Command, type CommandContext, FORCE_FLAG, REPO_FLAG, stringFlag, UsageError, WRITE_HELP } from '../command';
import { repoRoot } from '../repo';

/** One sprint edit through the edit engine's writer (lock, validation, atomic write); the files written. */
export function writeSprintLogOp(ctx: CommandContext, e: SprintLogOp): string[] {
  return editWorkspace(repoRoot(ctx), (ws) => planEdits(ws, [e]), { force: ctx.flags.force === true }).files;
}

async function run(ctx: CommandContext): Promise<number> {
  const [sprint] = ctx.positionals;
  const ratingText = stringFlag(ctx, 'rating');
  const notes = stringFlag(ctx, 'notes');
  if (ratingText === undefined && notes === undefined) throw new UsageError('give --rating N (1 to 5) and/or --notes TEXT.');
  let satisfaction: number | undefined;
  if (ratingText !== undefined) {
    satisfaction = parseRating(ratingText);
    if (satisfaction === undefined) throw new UsageError(`--rating must be a number from 1 to 5, got '${ratingText}'.`);
  }
  const op: SprintLogOp = { kind: 'review', sprint, satisfaction, notes };
  const files = writeSprintLogOp(ctx, op);
  ctx.io.out(printable(`${describeOp(op)} (${files.join(', ') || 'unchanged'})`) + '\n');
  return 0;
}

export const reviewCommand: Command = {
  name: 'review',
  summary: "Record a sprint review's stakeholder satisfaction (1 to 5) and notes.",
  usage: 'review SPRINT [--rating N] [--notes TEXT] [--repo DIR]',
  details: ['Writes `review: {satisfaction, notes}` of the sprint in backlog/sprints.yaml, changing one line.', WRITE_HELP].join('\n'),
  flags: [
    { name: 'rating', type: 'string', arg: 'N', help: 'Stakeholder satisfaction, 1 to 5 (decimals allowed).' },
    { name: 'notes', type: 'string', arg: 'TEXT', help: 'Review notes.' },
    FORCE_FLAG,
    REPO_FLAG,
  ],
  positionals: { min: 1, max: 1 },
  run,
};
