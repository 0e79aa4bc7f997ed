// Review and retro commands (issue 11): a sprint review's rating and notes, a retro
// note or action, closing (or reopening) an action. Each is one sprint-log op of the
// edit engine (core/edit/sprint-log.ts) applied through applyOps, like every other
// command: one undo step, unsaved buffers respected, one line of diff. Every value can
// come as an argument instead of a question (keybindings, tests, other extensions).
import type { SprintLogOp } from '../../core/edit/sprint-log';
import { parseRating } from '../../core/edit/sprint-log';
import { describeOp } from '../../core/edit/describe';
import type { Workspace } from '../../core/model';
import { sprintById } from '../../core/lookup';
import { today } from '../../core/sprint';
import * as vscode from 'vscode';
import { Refusal } from '../errors';
import type { FolderBacklog } from '../model/types';
import { peopleInFiles } from '../views/grouping';
import { pickSprint } from '../views/sprintSummary';
import { applyOps, refuseUnwritable, type Applied } from './apply';
import { ceremonySprintChoices, retroActionChoices, type ActionRef } from './ceremonyChoices';
import type { Handler } from './itemCommands';
import { choose, askText } from './pickers';
import { argsOf, isNode, pickFolder, type CommandArgs, type Services } from './services';

/** What these commands accept as arguments (beyond the folder and sprint of every command). */
interface CeremonyArgs extends CommandArgs {
  satisfaction?: number;
  notes?: string;
  list?: 'went_well' | 'to_improve';
  text?: string;
  /** Retro action owner; `null` = none. */
  owner?: string | null;
  /** 1-based retro action, with `sprint`. */
  index?: number;
  /** Close Retro Action: false reopens (default true). */
  done?: boolean;
}

const dayOf = (ws: Workspace): string => today(ws.sprintLog, Date.now());

/**
 * The folder and sprint: a sprint row (the Sprint view's header, a sprint group of the
 * Backlog view), the `sprint` argument, or a pick focused on the active / last closed sprint.
 */
async function sprintTarget(s: Services, args: unknown[], title: string): Promise<{ fb: FolderBacklog; sprint: string; a: CeremonyArgs } | undefined> {
  const first = args[0];
  const node = isNode(first) ? first : undefined;
  const a = argsOf(args) as CeremonyArgs;
  const fb = await pickFolder(s.store, node?.folderKey ?? a.folder);
  if (!fb) return undefined;
  refuseUnwritable(fb);
  let sprint: string | null | undefined = a.sprint;
  if (node?.kind === 'group' && node.group.field === 'sprint') sprint = node.group.value;
  if (node?.kind === 'info' && node.key === 'sprint') sprint = pickSprint(fb.workspace, s.state.chosenSprint(node.folderKey), dayOf(fb.workspace))?.id;
  if (sprint === undefined || sprint === null) {
    if ((fb.workspace.sprintLog?.sprints.length ?? 0) === 0) throw new Refusal(`${fb.workspace.sprintsPath} has no sprints yet.`);
    sprint = await choose(ceremonySprintChoices(fb.workspace, dayOf(fb.workspace), title));
    if (sprint === undefined) return undefined;
  }
  if (!sprintById(fb.workspace.sprintLog, sprint)) throw new Refusal(`${sprint} is not a sprint of ${fb.workspace.sprintsPath}.`);
  return { fb, sprint, a };
}

async function apply(s: Services, fb: FolderBacklog, op: SprintLogOp): Promise<Applied | undefined> {
  const applied = await applyOps(s.store, s.git, fb, [op]);
  if (applied && applied.plan.edits.length > 0) vscode.window.setStatusBarMessage(`Sprintlog: ${describeOp(op)}${applied.commit ? ' (committed)' : ''}`, 4000);
  return applied;
}

const RATING_HINT = 'A number from 1 to 5, e.g. 4 or 4.5.';

export const addReviewRating: Handler = async (s, args) => {
  const t = await sprintTarget(s, args, 'Add a review rating to which sprint?');
  if (!t) return;
  const { fb, sprint, a } = t;
  const review = sprintById(fb.workspace.sprintLog, sprint)?.review;
  let text: string | undefined = a.satisfaction === undefined ? undefined : String(a.satisfaction);
  if (text === undefined) {
    text = await askText(`Stakeholder satisfaction of the ${sprint} review, 1 to 5`, review?.satisfaction?.toString() ?? '', (v) => (parseRating(v) === undefined ? RATING_HINT : undefined), `Review of ${sprint}`);
    if (text === undefined) return;
  }
  // An argument goes through the same rule as the typed text.
  const satisfaction = parseRating(text);
  if (satisfaction === undefined) throw new Refusal(`The rating must be ${RATING_HINT.toLowerCase()}`);
  let notes = a.notes;
  // Notes are asked only when the rating was (an argument-driven call gives what it wants).
  if (notes === undefined && a.satisfaction === undefined) {
    notes = await askText(`Review notes for ${sprint} (optional: leave empty for none)`, review?.notes ?? '', undefined, `Review of ${sprint}`);
    if (notes === undefined) return;
  }
  const keepNotes = notes === undefined || notes.trim() === '' || notes === review?.notes;
  return apply(s, fb, { kind: 'review', sprint, satisfaction, ...(keepNotes ? {} : { notes }) });
};

export const addRetroNote: Handler = async (s, args) => {
  const t = await sprintTarget(s, args, 'Add a retro note to which sprint?');
  if (!t) return;
  const { fb, sprint, a } = t;
  const list = a.list ?? (await choose({
    title: `Retro of ${sprint}`, placeholder: 'What kind of note?', active: 0,
    choices: [{ label: 'Went well', description: 'went_well', value: 'went_well' as const }, { label: 'To improve', description: 'to_improve', value: 'to_improve' as const }],
  }));
  if (list === undefined) return;
  if (list !== 'went_well' && list !== 'to_improve') throw new Refusal(`list must be went_well or to_improve, got ${JSON.stringify(list)}.`);
  const text = a.text ?? (await askText(list === 'went_well' ? 'What went well?' : 'What should improve?', '', (v) => (v.trim() === '' ? 'Write the note.' : undefined), `Retro of ${sprint}`));
  if (text === undefined) return;
  return apply(s, fb, { kind: 'retro-note', sprint, list, text: text.trim() });
};

export const addRetroAction: Handler = async (s, args) => {
  const t = await sprintTarget(s, args, 'Add a retro action to which sprint?');
  if (!t) return;
  const { fb, sprint, a } = t;
  const text = a.text ?? (await askText('The action the team agreed on', '', (v) => (v.trim() === '' ? 'Write the action.' : undefined), `Retro action of ${sprint}`));
  if (text === undefined) return;
  let owner = a.owner;
  if (owner === undefined) {
    const people = peopleInFiles(fb.workspace).map((name) => ({ label: name, description: 'in the backlog', value: name as string | null }));
    owner = await choose(
      { title: `Owner of "${text.trim()}"`, placeholder: 'Who follows it up? (pick or type a name)', active: 0, choices: [{ label: 'No owner', value: null }, ...people] },
      (typed) => ({ label: typed, description: 'new name', value: typed }),
    );
    if (owner === undefined) return;
  }
  return apply(s, fb, { kind: 'retro-action', sprint, text: text.trim(), ...(owner ? { owner } : {}) });
};

export const closeRetroAction: Handler = async (s, args) => {
  const a = argsOf(args) as CeremonyArgs;
  const first = args[0];
  const fb = await pickFolder(s.store, isNode(first) ? first.folderKey : a.folder);
  if (!fb) return;
  refuseUnwritable(fb);
  let ref: ActionRef | undefined;
  if (a.sprint && a.index !== undefined) ref = { sprint: a.sprint, index: a.index, done: a.done ?? true };
  else {
    const model = retroActionChoices(fb.workspace, dayOf(fb.workspace));
    if (model.choices.length === 0) throw new Refusal(`No retro actions in ${fb.workspace.sprintsPath} yet: add one with "Sprintlog: Add Retro Action…".`);
    ref = await choose(model);
  }
  if (!ref) return;
  return apply(s, fb, { kind: 'retro-done', sprint: ref.sprint, index: ref.index, done: ref.done });
};
