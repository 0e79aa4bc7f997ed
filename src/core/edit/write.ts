// Writing a plan's files to disk: each file atomically (a temp file in the
// same folder, then rename), and only if it still holds exactly the bytes the
// plan was computed from, so bytes outside the edits are preserved.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Workspace } from '../model';
import { applyPlanToFiles } from './apply';
import { type EditPlan, EditError } from './types';

/** Write every file the plan changes under `ws.root`; returns the repo-relative paths written. */
export function writePlan(ws: Workspace, plan: EditPlan): string[] {
  const texts = applyPlanToFiles(ws, plan);
  // Check all files first: nothing is written if any of them changed on disk.
  for (const file of texts.keys()) {
    const parsed = ws.backlogs.find((b) => b.file === file)?.text ?? ws.sprintLog?.text;
    const onDisk = fs.readFileSync(path.join(ws.root, file));
    if (parsed === undefined || !onDisk.equals(Buffer.from(parsed, 'utf8'))) {
      throw new EditError(`${file}: the file changed on disk (or is not valid UTF-8) since it was read; nothing was written. Run the command again.`);
    }
  }
  for (const [file, text] of texts) writeAtomic(path.join(ws.root, file), text);
  return [...texts.keys()];
}

export function writeAtomic(target: string, text: string): void {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const mode = fs.statSync(target).mode & 0o7777;
  try {
    const fd = fs.openSync(tmp, 'wx', mode);
    try {
      fs.writeFileSync(fd, text, 'utf8');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
