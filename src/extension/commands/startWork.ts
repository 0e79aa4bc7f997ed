// "Start work": check out (or create) the item's branch, then assign it to the
// git user and put it in the first doing-category state. Git goes first: if it
// refuses (uncommitted changes a checkout would overwrite), nothing changed.
import * as vscode from 'vscode';
import type { EditOp } from '../../core/edit/types';
import { effectiveState, workflowOrder } from '../../core/model';
import { branchName } from '../git/branchName';
import { GitRefusal } from '../git/repo';
import { readSettings } from '../model/config';
import { backlogFilesOf } from '../model/items';
import { Refusal } from '../errors';
import { applyOps, refuseUnwritable } from './apply';
import type { Handler } from './itemCommands';
import { argsOf, resolveTargets, whoAmI } from './services';
import { unmetDependencies } from './dependencies';

/** Waits until open, clean documents of these files show the disk text again (after a checkout changed it). */
async function settleDocuments(uris: vscode.Uri[], timeoutMs = 3000): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  const deadline = Date.now() + timeoutMs;
  for (const uri of uris) {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!doc || doc.isDirty) continue;
    for (;;) {
      let disk: string | undefined;
      try {
        disk = decoder.decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        break;
      }
      if (doc.getText() === disk || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export const startWork: Handler = async (s, args) => {
  const t = await resolveTargets(s, args, 'Start work on…', false);
  if (!t) return;
  refuseUnwritable(t.fb);
  const item = t.items[0];
  const ws = t.fb.workspace;
  const doing = workflowOrder(ws.states).find((st) => ws.states[st] === 'doing');
  if (!doing) throw new Refusal('This backlog has no doing-category state to start work in (see `states:` in the backlog file).');
  const user = await s.git.userName(t.fb);
  if (!user) throw new Refusal('git has no user.name here: set it with `git config user.name "Your Name"`, then start work again.');
  // The assignee is your handle in the backlog (./me), the branch keeps the git user.
  const me = (await whoAmI(s, t.fb))?.name ?? user;
  const unmet = unmetDependencies(ws, item);
  if (unmet.length > 0 && argsOf(args).confirm !== true) {
    const list = unmet.map((d) => `${d.id} (${effectiveState(d, ws.states)})`).join(', ');
    const ok = await vscode.window.showWarningMessage(`${item.id} depends on ${list}, not done yet. Start work anyway?`, { modal: true }, 'Start Anyway');
    if (ok !== 'Start Anyway') return;
  }
  const branch = branchName(readSettings(t.fb.folder).branchTemplate, item, user);
  const files = backlogFilesOf(ws).map((f) => vscode.Uri.joinPath(t.fb.folder.uri, f));
  const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty && files.some((u) => u.toString() === d.uri.toString()));
  const current = await s.git.currentBranch(t.fb);
  // A new branch starts from HEAD and leaves the files alone; only switching to an existing one rewrites them.
  if (dirty.length > 0 && current !== branch && (await s.git.branchExists(t.fb, branch))) {
    throw new Refusal(`Save or revert ${dirty.map((d) => vscode.workspace.asRelativePath(d.uri)).join(', ')} before starting work: switching branches with unsaved backlog changes could lose them. Nothing was changed.`);
  }
  let switched;
  try {
    switched = await s.git.switchToBranch(t.fb, branch);
  } catch (e) {
    if (e instanceof GitRefusal) throw new Refusal(e.message);
    throw e;
  }
  if (!switched.created && !switched.already) await settleDocuments(files);
  const fb = (await s.store.reloadFolder(t.fb.folder)) ?? t.fb;
  const now = s.store.findItem(item.id, fb)?.item;
  if (!now) throw new Refusal(`Checked out ${branch}, but ${item.id} is not in its backlog; nothing else was changed.`);
  const ops: EditOp[] = [];
  if (now.assignee !== me) ops.push({ kind: 'set', id: now.id, field: 'assignee', value: me });
  // Already in a doing-category state (e.g. review): leave it; todo or done items go to the first doing state.
  if (fb.workspace.states[effectiveState(now, fb.workspace.states)] !== 'doing') ops.push({ kind: 'set', id: now.id, field: 'state', value: doing });
  const applied = ops.length > 0 ? await applyOps(s.store, s.git, fb, ops) : undefined;
  const how = switched.already ? 'on' : switched.created ? 'on new branch' : 'on branch';
  void vscode.window.showInformationMessage(`Sprintlog: started ${item.id} ${how} ${branch}.`);
  return { branch, created: switched.created, applied };
};
