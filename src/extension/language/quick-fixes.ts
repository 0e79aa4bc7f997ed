// Quick fixes for validator problems, as text replacements at exact offsets of
// the model's text (the editor glue turns them into a WorkspaceEdit). Only the
// value or key that is wrong is replaced, so comments and layout stay.

import {
  ACTION_KEYS, ARCHIVE_KEYS, BACKLOG_KEYS, EPIC_KEYS, ITEM_KEYS, REVIEW_KEYS, RETRO_KEYS, SPRINT_KEYS, SPRINTS_KEYS,
  type FieldSource, type Problem, type SourceRange, type Workspace,
} from '../../core/model';
import { LineIndex } from '../../core/parse/source';
import { closest } from '../../core/validate/suggest';
import { scalarText } from '../../core/edit/scalar';

export interface TextReplacement {
  /** Repo-relative file, as in the model. */
  file: string;
  offset: number;
  end: number;
  newText: string;
}

export interface QuickFix {
  title: string;
  edits: TextReplacement[];
  /** The single most likely fix (VS Code offers it on Ctrl+. / auto-fix). */
  isPreferred?: boolean;
}

export interface QuickFixDeps {
  /** The next free item id (the edit engine's `nextId`). */
  nextId: (ws: Workspace) => string;
}

/** Codes that have fixes; the editor asks only for these. */
export const FIXABLE_CODES = ['unknown-key', 'bad-state', 'duplicate-id', 'unknown-sprint', 'unknown-epic'] as const;

/** The problem's start and end offsets in `text` (from line/column when the validator gave none). */
export function problemSpan(problem: Problem, text: string): { offset: number; end: number } {
  if (problem.offset !== undefined) return { offset: problem.offset, end: problem.end ?? problem.offset };
  const lines = new LineIndex(text);
  const offset = Math.min(text.length, lines.lineStart(problem.line) + problem.column - 1);
  return { offset, end: offset };
}

function contains(range: SourceRange, offset: number): boolean {
  return offset >= range.offset && offset < Math.max(range.end, range.offset + 1);
}

/** The field of the item/epic/sprint entry the problem points into. */
function fieldAt(ws: Workspace, file: string, offset: number, key: string): FieldSource | undefined {
  const entries = [
    ...ws.items.filter((i) => i.file === file),
    ...ws.epics.filter((e) => e.file === file),
    ...(ws.sprintLog?.file === file ? ws.sprintLog.sprints : []),
  ];
  for (const e of entries) {
    const f = e.fields[key];
    if (f && (contains(f.value, offset) || contains(f.key, offset))) return f;
  }
  for (const e of entries) if (contains(e.source, offset)) return e.fields[key];
  return undefined;
}

const MEANT = /did you mean `([^`]+)`/i;

/** The value as the edit engine writes it (parsed back before use); flow rules, which also hold in a block, since the value may sit in `{…}`. */
function replaceValue(problem: Problem, field: FieldSource, value: string): TextReplacement {
  return { file: problem.file, offset: field.value.offset, end: field.value.end, newText: scalarText(value, 'flow') };
}

/** The fixes for one problem; empty when the problem has none or cannot be located in `text`. */
export function computeQuickFixes(problem: Problem, ws: Workspace, text: string, deps: QuickFixDeps): QuickFix[] {
  const { offset, end } = problemSpan(problem, text);
  const hinted = MEANT.exec(problem.hint ?? '')?.[1] ?? MEANT.exec(problem.message)?.[1];
  switch (problem.code) {
    case 'unknown-key': {
      const key = text.slice(offset, end);
      if (!key || /[\s:]/.test(key)) return [];
      const to = hinted ?? closest(key, knownKeysAt(ws, problem.file, offset));
      if (!to || to === key) return [];
      return [{ title: `Rename \`${key}\` to \`${to}\``, isPreferred: true, edits: [{ file: problem.file, offset, end, newText: to }] }];
    }
    case 'bad-state': {
      const field = fieldAt(ws, problem.file, offset, 'state');
      if (field && contains(field.value, offset)) {
        const states = Object.keys(ws.states);
        const current = text.slice(field.value.offset, field.value.end).replace(/^["']|["']$/g, '');
        const best = hinted && states.includes(hinted) ? hinted : closest(current, states);
        return states.map((s) => ({ title: `Change state to \`${s}\``, isPreferred: s === best, edits: [replaceValue(problem, field, s)] }));
      }
      // A category of the `states:` mapping itself (`review: doin`).
      const main = ws.backlogs.find((b) => b.file === problem.file);
      const statesField = main?.fields.states;
      if (!statesField || !contains(statesField.value, offset) || end <= offset) return [];
      const current = text.slice(offset, end);
      if (/[\s:]/.test(current)) return [];
      const best = closest(current, ['todo', 'doing', 'done']);
      return ['todo', 'doing', 'done'].map((c) => ({
        title: `Change category to \`${c}\``, isPreferred: c === best, edits: [{ file: problem.file, offset, end, newText: c }],
      }));
    }
    case 'duplicate-id': {
      const field = fieldAt(ws, problem.file, offset, 'id');
      if (!field) return [];
      const id = deps.nextId(ws);
      return [{ title: `Change id to \`${id}\` (next free id)`, isPreferred: true, edits: [replaceValue(problem, field, id)] }];
    }
    case 'unknown-sprint':
    case 'unknown-epic': {
      const key = problem.code === 'unknown-sprint' ? 'sprint' : 'epic';
      const field = fieldAt(ws, problem.file, offset, key);
      if (!field) return [];
      const ids = key === 'sprint' ? (ws.sprintLog?.sprints ?? []).map((s) => s.id) : ws.epics.map((e) => e.id);
      const unique = [...new Set(ids.filter(Boolean))];
      const current = text.slice(field.value.offset, field.value.end).replace(/^["']|["']$/g, '');
      const best = hinted && unique.includes(hinted) ? hinted : closest(current, unique);
      return unique.map((id) => ({ title: `Change ${key} to \`${id}\``, isPreferred: id === best, edits: [replaceValue(problem, field, id)] }));
    }
    default:
      return [];
  }
}

/** The keys allowed where `offset` is, for a did-you-mean when the validator gave no hint. */
function knownKeysAt(ws: Workspace, file: string, offset: number): readonly string[] {
  if (ws.sprintLog?.file === file) {
    const sprint = ws.sprintLog.sprints.find((s) => contains(s.source, offset));
    if (!sprint) return SPRINTS_KEYS;
    const review = sprint.fields.review?.value;
    if (review && contains(review, offset)) return REVIEW_KEYS;
    const retro = sprint.fields.retro?.value;
    if (retro && contains(retro, offset)) return isInsideActions(retro, ws.sprintLog.text, offset) ? ACTION_KEYS : RETRO_KEYS;
    return SPRINT_KEYS;
  }
  if (ws.items.some((i) => i.file === file && contains(i.source, offset))) return ITEM_KEYS;
  if (ws.epics.some((e) => e.file === file && contains(e.source, offset))) return EPIC_KEYS;
  return file === ws.backlogPath ? BACKLOG_KEYS : [...ARCHIVE_KEYS, 'epics'];
}

/** Whether `offset` is below an `actions:` line inside a retro block. */
function isInsideActions(retro: SourceRange, text: string, offset: number): boolean {
  const before = text.slice(retro.offset, offset);
  const at = before.lastIndexOf('actions:');
  return at !== -1 && /\n\s*-/.test(before.slice(at));
}
