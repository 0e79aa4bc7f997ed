// What the review and retro commands offer (pure: no vscode, unit-tested): which
// sprint a review or retro is about, and the retro actions to close or reopen.
import type { Sprint, Workspace } from '../../core/model';
import { openRetroActions } from '../../core/kpis/retro';
import { sprintDescription, sprintsByStart, sprintStatus } from '../../core/sprint';
import { sprintLabel } from '../views/grouping';
import type { Choice, ChoiceModel } from './choices';

/**
 * Sprints for a review or retro: the active one and the closed ones (newest first), then
 * planned ones. Focused: the active sprint (its review is at its end), else the last closed.
 */
export function ceremonySprintChoices(ws: Workspace, day: string, title: string): ChoiceModel<string> {
  const sprints = sprintsByStart(ws.sprintLog);
  const by = (status: string): Sprint[] => sprints.filter((s) => sprintStatus(s, day) === status);
  const ordered = [...by('active').reverse(), ...by('closed').reverse(), ...by('planned'), ...sprints.filter((s) => sprintStatus(s, day) === null)];
  const choices = ordered.map((s): Choice<string> => {
    const facts = [sprintDescription(s, day)];
    if (s.review?.satisfaction !== undefined) facts.push(`rated ${s.review.satisfaction}`);
    const open = (s.retro?.actions ?? []).filter((a) => !a.done).length;
    if (open > 0) facts.push(`${open} open retro action${open === 1 ? '' : 's'}`);
    return { label: sprintLabel(s.id, s.name), description: facts.join(' · '), detail: s.goal, value: s.id };
  });
  return { title, placeholder: 'Which sprint?', choices, active: 0 };
}

export interface ActionRef {
  sprint: string;
  /** 1-based, as `sprintlog retro --close N` and the edit op take it. */
  index: number;
  /** What picking it sets `done` to: an open action is closed, a closed one reopened. */
  done: boolean;
}

/** `5 days` / `1 day` / `this sprint` (the sprint has not ended). */
function age(days: number | null | undefined): string {
  if (days === null || days === undefined) return 'sprint not over';
  return days === 1 ? '1 day old' : `${days} days old`;
}

/**
 * Every retro action: open ones first (past sprints oldest first, with owner and age as
 * `sprintlog retro` lists them, then those of sprints not over yet), then done ones to reopen.
 */
export function retroActionChoices(ws: Workspace, day: string): ChoiceModel<ActionRef> {
  const aged = openRetroActions(ws, day);
  const ageOf = new Map(aged.map((a) => [`${a.sprint}#${a.index}`, a.ageDays]));
  const open: Choice<ActionRef>[] = [];
  const done: Choice<ActionRef>[] = [];
  for (const s of ws.sprintLog?.sprints ?? []) {
    (s.retro?.actions ?? []).forEach((a, i) => {
      const key = `${s.id}#${i + 1}`;
      const owner = a.owner ? `owner ${a.owner}` : 'no owner';
      if (a.done) done.push({ label: `$(check) ${a.text}`, description: `${s.id} · ${owner} · done: pick to reopen`, value: { sprint: s.id, index: i + 1, done: false } });
      else open.push({ label: a.text, description: `${s.id} · ${owner} · ${age(ageOf.get(key))}`, value: { sprint: s.id, index: i + 1, done: true } });
    });
  }
  // Past sprints' open actions in `sprintlog retro`'s order (oldest first), then the rest in file order.
  const rank = (c: Choice<ActionRef>): number => {
    const at = aged.findIndex((a) => a.sprint === c.value.sprint && a.index === c.value.index);
    return at < 0 ? aged.length : at;
  };
  open.sort((a, b) => rank(a) - rank(b));
  return { title: 'Close a retro action (or reopen a done one)', placeholder: 'Pick an open action to close it; a done one to reopen it', choices: [...open, ...done], active: 0 };
}
