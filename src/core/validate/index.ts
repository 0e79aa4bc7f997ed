// validateWorkspace: every problem of a team's backlog files, errors first.
//
// Decisions where the spec is silent (kept here so code and docs agree):
// - A missing `version` means version 1; any other value is `version-unsupported` (an error:
//   a newer format must not be read, and so not edited, as if it were version 1).
// - Codes are only those of the spec. Problems it has no code for use the closest one:
//   `timezone` not an IANA name and bad `working_days` → `bad-date` (they decide which day
//   every date is); `capacity`, `value` and review `satisfaction` → `bad-points` (the
//   numeric-field code); an id with characters outside [A-Za-z0-9._-] and a list entry that
//   is not a mapping → `missing-id` (there is no usable id); `items:` / `epics:` /
//   `sprints:` not being a list → `yaml-syntax` (a document-structure error, like the
//   parser's "the file must be a mapping").
// - Sprint `start` / `end` and `holidays` must be plain days (YYYY-MM-DD); other dates may
//   also be ISO date-times, which need an offset.
// - Duplicate ids are checked per kind: items (all backlog files), epics, sprints.
// - When a file did not parse, references into it are not checked, so one syntax error
//   does not cascade into dozens of unknown-sprint / unknown-dependency errors.
// - Archive files may hold `epics` (the workspace reads them); `states` there is an
//   unknown-key warning (only the main file's states count).
// - A state declared under `states:` with a bad category is reported there, not again at
//   every item using it. A dependency cycle is reported once per strongly connected group.
// - "Did you mean" for ids (sprints, epics, dependencies) only proposes ids with the same
//   digits: S13 → S12 is another sprint, not a typo; s12 → S12 is.
// - `working_days` accepts what the parser reads (mon…sun, or full English day names).
//   A day listed twice (also `mon` and `Monday`) is `bad-date`.
// - Empty values (`points:`, `version:`) mean absent, as the parser reads them; the JSON Schemas
//   agree (test/unit/schema-agreement.test.ts runs both on one corpus).
// - A value of the wrong shape where the spec has no closer code (a list or mapping for a text
//   field, `tags: {a: 1}`, `review: great`, an action's `done: "no"`) is `yaml-syntax`, like
//   `items:` that is not a list. Text fields take any scalar (`assignee: 42`).
// - `blocked` that is not text (`blocked: true`) is `bad-state`: `false` would read as the reason
//   "false". A state name starting or ending with a space is `bad-state` (no item can match it).
// - `project` that cannot start an id (`PAY X`) is `missing-id`, like an id with bad characters.
// - A retro action without text (or blank) is `missing-title`: its text is its title.

import type { Problem, Workspace } from '../model';
import { Context } from './context';
import { checkDependencies } from './deps';
import { checkBacklogFile } from './files';
import { checkEpics, checkItems } from './items';
import { checkSprintLog } from './sprints';

export function validateWorkspace(ws: Workspace): Problem[] {
  const ctx = new Context(ws);
  ctx.problems.push(...ws.parseProblems);
  const parsed = new Set([...ws.backlogs.map((b) => b.file), ...(ws.sprintLog ? [ws.sprintLog.file] : [])]);
  const failed = new Set(ws.parseProblems.map((p) => p.file).filter((f) => !parsed.has(f)));
  const backlogFailed = [...failed].some((f) => f !== ws.sprintsPath);
  for (const b of ws.backlogs) checkBacklogFile(ctx, b);
  const sprintIds = ws.sprintLog ? checkSprintLog(ctx, ws.sprintLog) : failed.has(ws.sprintsPath) ? undefined : new Set<string>();
  const epicIds = checkEpics(ctx);
  const byId = checkItems(ctx, {
    sprintIds,
    epicIds: backlogFailed ? undefined : epicIds,
    sprintMissing: ws.sprintLog ? `which is not in ${ws.sprintsPath}` : `but there is no sprint log (${ws.sprintsPath})`,
  });
  checkDependencies(ctx, byId, !backlogFailed);
  return sortProblems(ctx.problems);
}

/** Errors first, then by file, line and column (stable otherwise). */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) =>
      (a.p.severity === b.p.severity ? 0 : a.p.severity === 'error' ? -1 : 1)
      || (a.p.file < b.p.file ? -1 : a.p.file > b.p.file ? 1 : 0)
      || a.p.line - b.p.line
      || a.p.column - b.p.column
      || a.i - b.i)
    .map(({ p }) => p);
}

export { closest, didYouMean, editDistance } from './suggest';
export { dateProblem, isTimeZone } from './dates';
export { problemJson, type ProblemJson } from './json';
