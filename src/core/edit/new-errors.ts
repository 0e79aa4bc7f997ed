// Refusing an edit whose result has validation errors the files did not have
// (pure: the disk writer and the VS Code/agent paths share it).

import type { Problem, Workspace } from '../model';
import { buildWorkspace } from '../parse/workspace';
import { validateWorkspace } from '../validate';
import { EditError } from './types';

/** An edit refused because its result has errors the files did not have; `problems` are those errors. */
export class InvalidEditError extends EditError {
  constructor(message: string, readonly problems: Problem[]) {
    super(message, problems[0]);
    this.name = 'InvalidEditError';
  }
}

export function at(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}`;
}

/** Throw InvalidEditError when the files with `texts` have errors (by file, code and message) that `before` (default: the workspace's own) did not. */
export function refuseNewErrors(ws: Workspace, texts: Map<string, string>, before: Problem[] = validateWorkspace(ws)): void {
  const key = (p: Problem): string => `${p.file}\0${p.code}\0${p.message}`;
  const had = new Map<string, number>();
  for (const p of before) if (p.severity === 'error') had.set(key(p), (had.get(key(p)) ?? 0) + 1);
  const after = buildWorkspace(
    ws.root,
    ws.backlogs.map((b) => ({ file: b.file, text: texts.get(b.file) ?? b.text })),
    ws.sprintLog && { file: ws.sprintLog.file, text: texts.get(ws.sprintLog.file) ?? ws.sprintLog.text },
    { backlogPath: ws.backlogPath, sprintsPath: ws.sprintsPath },
  );
  const added: Problem[] = [];
  for (const p of validateWorkspace(after)) {
    if (p.severity !== 'error') continue;
    const n = had.get(key(p)) ?? 0;
    if (n > 0) had.set(key(p), n - 1);
    else added.push(p);
  }
  if (added.length === 0) return;
  const lines = added.map((p) => `${at(p)}: error ${p.code}: ${p.message}${p.hint ? ` ${p.hint}` : ''}`);
  throw new InvalidEditError(`the edit would make the backlog invalid; nothing was written.\n${lines.join('\n')}`, added);
}
