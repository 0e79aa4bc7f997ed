// "Sprintlog: Create Backlog" (palette and the views' welcome button): the commented
// starter files of `sprintlog init` in a folder that has no backlog yet. Refuses
// when either file exists (nothing is overwritten), then opens the backlog file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { localZone, projectKeyOf, starterFiles } from '../../core/edit/starter';
import { EditError } from '../../core/edit/types';
import { folderByKey } from '../folders';
import { readSettings } from '../model/config';
import { Refusal } from '../errors';
import type { Handler } from './itemCommands';
import { argsOf } from './services';

async function pickWorkspaceFolder(key?: string): Promise<vscode.WorkspaceFolder | undefined> {
  const all = vscode.workspace.workspaceFolders ?? [];
  if (all.length === 0) throw new Refusal('Open a folder first: the backlog lives in a folder (a git repository) as backlog/backlog.yaml.');
  const direct = key === undefined ? undefined : folderByKey(all.map((folder) => ({ folder })), key)?.folder;
  if (direct || all.length === 1) return direct ?? all[0];
  return (await vscode.window.showQuickPick(all.map((f) => ({ label: f.name, description: f.uri.fsPath, f })), { title: 'Create Backlog', placeHolder: 'In which folder?' }))?.f;
}

export const createBacklog: Handler = async (s, args) => {
  const a = argsOf(args) as ReturnType<typeof argsOf> & { project?: string; timezone?: string };
  const folder = await pickWorkspaceFolder(a.folder);
  if (!folder) return;
  const settings = readSettings(folder);
  const paths = { backlogPath: settings.backlogFile, sprintsPath: settings.sprintsFile };
  const existing = [paths.backlogPath, paths.sprintsPath].filter((f) => fs.existsSync(path.join(folder.uri.fsPath, f)));
  // Asked before any question: the answer would be thrown away.
  if (existing.length > 0) throw new Refusal(`${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''} in ${folder.name}: Sprintlog never overwrites a backlog.`);
  const project = a.project ?? (await vscode.window.showInputBox({ title: 'Create Backlog (1/2): project key', prompt: 'Id prefix of the items: KEY-1, KEY-2, …', value: projectKeyOf(folder.uri.fsPath), validateInput: (v) => (/^[A-Za-z][A-Za-z0-9]*$/.test(v.trim()) ? undefined : 'Letters and digits, starting with a letter (e.g. PAY).') }));
  if (project === undefined) return;
  const timezone = a.timezone ?? (await vscode.window.showInputBox({ title: 'Create Backlog (2/2): time zone', prompt: 'IANA time zone of the sprint calendar', value: localZone() }));
  if (timezone === undefined) return;
  let files;
  try {
    files = starterFiles({ project: project.trim(), timezone: timezone.trim() }, paths);
  } catch (e) {
    if (e instanceof EditError) throw new Refusal(e.message);
    throw e;
  }
  // One workspace edit: created only if absent (overwrite: false), undone as one step.
  const edit = new vscode.WorkspaceEdit();
  for (const f of files) edit.createFile(vscode.Uri.joinPath(folder.uri, f.file), { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(f.text) });
  if (!(await vscode.workspace.applyEdit(edit))) throw new Refusal(`Could not create ${files.map((f) => f.file).join(' and ')} (did one appear meanwhile?). Nothing was overwritten.`);
  await s.store.reload();
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, files[0].file));
  await vscode.window.showTextDocument(doc);
  return { files: files.map((f) => f.file) };
};
