// Turning a plan into new file texts.

import type { Workspace } from '../model';
import { applyEdits } from './text';
import type { EditPlan, TextEdit } from './types';
import { EditError } from './types';

/** New text of every file the plan changes (file → text), computed from the texts the workspace was parsed from. */
export function applyPlanToFiles(ws: Workspace, plan: EditPlan): Map<string, string> {
  const byFile = new Map<string, TextEdit[]>();
  for (const e of plan.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  const out = new Map<string, string>();
  for (const [file, edits] of byFile) {
    const backlog = ws.backlogs.find((b) => b.file === file);
    const text = backlog?.text ?? (ws.sprintLog?.file === file ? ws.sprintLog.text : undefined);
    if (text === undefined) throw new EditError(`${file}: the plan edits a file the workspace does not hold.`);
    out.set(file, applyEdits(text, edits));
  }
  return out;
}
