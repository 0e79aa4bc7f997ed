// `sprintlog retro`: the open actions of past retrospectives (owner, age), and
// with a sprint: add a note (went well / to improve) or an action, or close one.

import { openRetroActions } from '../../core/kpis';
import { loadWorkspace } from '../../core/parse/workspace';
import { printable } from '../../core/printable';
import { dayOf, isValidTimeZone } from '../../core/time';
import type { SprintLogOp } from '../../core/edit';
import { describeOp } from '../../core/edit/describe';
import { type Command, type CommandContext, FORCE_FLAG, now, REPO_FLAG, stringFlag, UsageError, WRITE_HELP } from '../command';
import { repoRoot } from '../repo';
import { writeSprintLogOp } from './review';

function list(ctx: CommandContext): number {
  const ws = loadWorkspace(repoRoot(ctx));
  const zone = ws.sprintLog?.timezone ?? 'UTC';
  const open = openRetroActions(ws, dayOf(now(ctx), isValidTimeZone(zone) ? zone : 'UTC'));
  if (open.length === 0) ctx.io.out('No open retro actions of past sprints.\n');
  for (const a of open) ctx.io.out(printable(`${a.sprint}#${a.index}  ${a.text}  (owner ${a.owner ?? 'nobody'}, ${a.ageDays} days open)`) + '\n');
  return 0;
}

function editOf(ctx: CommandContext, sprint: string): SprintLogOp {
  const asked: SprintLogOp[] = [];
  const text = (flag: string): string | undefined => {
    const v = stringFlag(ctx, flag);
    if (v !== undefined && v.trim() === '') throw new UsageError(`--${flag} needs a text.`);
    return v;
  };
  const wentWell = text('went-well');
  const toImprove = text('to-improve');
  const action = text('action');
  const close = stringFlag(ctx, 'close');
  const reopen = stringFlag(ctx, 'reopen');
  if (wentWell !== undefined) asked.push({ kind: 'retro-note', sprint, list: 'went_well', text: wentWell });
  if (toImprove !== undefined) asked.push({ kind: 'retro-note', sprint, list: 'to_improve', text: toImprove });
  if (action !== undefined) asked.push({ kind: 'retro-action', sprint, text: action, owner: stringFlag(ctx, 'owner') });
  for (const [v, done] of [[close, true], [reopen, false]] as const) {
    if (v === undefined) continue;
    if (!/^[1-9]\d*$/.test(v)) throw new UsageError(`--${done ? 'close' : 'reopen'} takes the action's number (1 = the first), got '${v}'.`);
    asked.push({ kind: 'retro-done', sprint, index: Number(v), done });
  }
  if (asked.length !== 1) throw new UsageError('give one of --went-well TEXT, --to-improve TEXT, --action TEXT [--owner NAME], --close N, --reopen N.');
  if (stringFlag(ctx, 'owner') !== undefined && action === undefined) throw new UsageError('--owner goes with --action.');
  return asked[0];
}

async function run(ctx: CommandContext): Promise<number> {
  const [sprint] = ctx.positionals;
  if (sprint === undefined) return list(ctx);
  const e = editOf(ctx, sprint);
  const files = writeSprintLogOp(ctx, e);
  ctx.io.out(printable(`${describeOp(e)} (${files.join(', ') || 'unchanged'})`) + '\n');
  return 0;
}

export const retroCommand: Command = {
  name: 'retro',
  summary: 'Open retro actions (owner, age); add a retro note or action to a sprint, or close an action.',
  usage: 'retro [SPRINT (--went-well TEXT | --to-improve TEXT | --action TEXT [--owner NAME] | --close N | --reopen N)] [--repo DIR]',
  details: [
    'Without SPRINT: the open actions of past sprints, oldest first, as SPRINT#N (N counts from 1).',
    'With SPRINT: one change of its `retro:` in backlog/sprints.yaml, one line of diff.',
    WRITE_HELP,
  ].join('\n'),
  flags: [
    { name: 'went-well', type: 'string', arg: 'TEXT', help: 'Add to retro.went_well.' },
    { name: 'to-improve', type: 'string', arg: 'TEXT', help: 'Add to retro.to_improve.' },
    { name: 'action', type: 'string', arg: 'TEXT', help: 'Add an open action to retro.actions.' },
    { name: 'owner', type: 'string', arg: 'NAME', help: 'Owner of the new action.' },
    { name: 'close', type: 'string', arg: 'N', help: 'Mark action N (1 = the first) done.' },
    { name: 'reopen', type: 'string', arg: 'N', help: 'Mark action N not done.' },
    FORCE_FLAG,
    REPO_FLAG,
  ],
  positionals: { min: 0, max: 1 },
  run,
};
