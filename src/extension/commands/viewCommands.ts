// Commands that change what the views show or navigate: refresh, sprint
// picker, grouping, filter, reveal in YAML, copy id, go to error. None writes.
import * as vscode from 'vscode';
import type { Problem } from '../../core/model';
import { sprintDescription, sprintsByStart, today } from '../../core/sprint';
import { folderByKey } from '../folders';
import { OPEN_SPRINT_VIEW } from '../status/status-bar';
import { describeFilter, isFilterEmpty, type ItemFilter } from '../views/filter';
import { GROUPINGS, isGrouping, sprintLabel, tagsInFiles, peopleInFiles } from '../views/grouping';
import { Refusal } from '../errors';
import type { Handler } from './itemCommands';
import { argsOf, isNode, pickFolder, resolveTargets, whoAmI } from './services';

export const refresh: Handler = async (s) => {
  await s.store.reload();
};

export const pickSprint: Handler = async (s, args) => {
  const a = argsOf(args);
  const fb = await pickFolder(s.store, isNode(args[0]) ? args[0].folderKey : a.folder);
  if (!fb) return;
  const key = fb.folder.uri.toString();
  if (a.sprint !== undefined) {
    await s.state.chooseSprint(key, a.sprint ?? undefined);
    if (a.reveal === true) await vscode.commands.executeCommand(OPEN_SPRINT_VIEW);
    return;
  }
  const day = today(fb.workspace.sprintLog, Date.now());
  const sprints = sprintsByStart(fb.workspace.sprintLog).reverse();
  const picks = [
    { label: 'Active sprint', description: 'follow the sprint running today', id: undefined as string | undefined },
    ...sprints.map((x) => ({ label: sprintLabel(x.id, x.name), description: sprintDescription(x, day), detail: x.goal, id: x.id as string | undefined })),
  ];
  const pick = await vscode.window.showQuickPick(picks, { placeHolder: 'Show which sprint?' });
  if (pick) await s.state.chooseSprint(key, pick.id);
};

export const groupBy: Handler = async (s, args) => {
  const wanted = argsOf(args).grouping;
  if (wanted !== undefined) {
    if (!isGrouping(wanted)) throw new Refusal(`Group by one of: ${GROUPINGS.join(', ')}.`);
    return s.state.setGrouping(wanted);
  }
  const pick = await vscode.window.showQuickPick(
    GROUPINGS.map((g) => ({ label: `Group by ${g}`, description: g === s.state.grouping ? 'current' : undefined, g })),
    { placeHolder: 'Group the backlog by' },
  );
  if (pick) await s.state.setGrouping(pick.g);
};

export const filter: Handler = async (s, args) => {
  const given = argsOf(args).filter;
  if (given !== undefined) return s.state.setFilter(given);
  const f: ItemFilter = { ...s.state.filter };
  const fb = await pickFolder(s.store);
  const picks = [
    { label: '$(search) Text…', description: f.text, key: 'text' },
    { label: '$(person) Assignee…', description: f.assignee, key: 'assignee' },
    { label: '$(tag) Tag…', description: f.tag, key: 'tag' },
    { label: `$(account) Mine${f.mine ? ' ✓' : ''}`, description: f.mine ? `assigned to ${f.mine}` : 'assigned to me (sprintlog.me, else my git identity)', key: 'mine' },
    { label: `$(circle-slash) Blocked${f.blocked ? ' ✓' : ''}`, description: 'only blocked items', key: 'blocked' },
    // Offered only when there is something to clear.
    ...(isFilterEmpty(f) ? [] : [{ label: '$(clear-all) Clear filter', description: describeFilter(f), key: 'clear' }]),
  ];
  const pick = await vscode.window.showQuickPick(picks, { placeHolder: 'Filter the backlog' });
  if (!pick) return;
  switch (pick.key) {
    case 'text': {
      const text = await vscode.window.showInputBox({ prompt: 'Show items whose id, title, description or tags contain', value: f.text ?? '' });
      if (text === undefined) return;
      f.text = text.trim() || undefined;
      break;
    }
    case 'assignee':
    case 'tag': {
      const options = fb ? (pick.key === 'tag' ? tagsInFiles(fb.workspace) : peopleInFiles(fb.workspace)) : [];
      const chosen = await vscode.window.showQuickPick([{ label: '(any)' }, ...options.map((label) => ({ label }))], { placeHolder: pick.key === 'tag' ? 'Tag' : 'Assignee' });
      if (!chosen) return;
      f[pick.key] = chosen.label === '(any)' ? undefined : chosen.label;
      break;
    }
    case 'mine': {
      if (f.mine) f.mine = undefined;
      else {
        const me = fb && (await whoAmI(s, fb))?.name;
        if (!me) throw new Refusal(s.git.available ? 'Sprintlog does not know who you are here: set `sprintlog.me` to your handle, or git\'s user.name.' : '"Mine" needs `sprintlog.me` in a restricted workspace (Sprintlog runs no git there). Set it, or filter by assignee.');
        f.mine = me;
      }
      break;
    }
    case 'blocked':
      f.blocked = f.blocked ? undefined : true;
      break;
    case 'clear':
      return s.state.setFilter({});
  }
  await s.state.setFilter(f);
};

export const clearFilter: Handler = async (s) => s.state.setFilter({});

/** Opens the backlog file with the cursor on the item's id. */
export const revealInYaml: Handler = async (s, args) => {
  const t = await resolveTargets(s, args, 'Reveal which item?', false);
  if (!t) return;
  const item = t.items[0];
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(t.fb.folder.uri, item.file));
  const at = doc.positionAt(item.fields.id?.value.offset ?? item.source.offset);
  const editor = await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at), preserveFocus: false });
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
};

export const copyId: Handler = async (s, args) => {
  const t = await resolveTargets(s, args, 'Copy the id of…');
  if (!t) return;
  const text = t.items.map((i) => i.id).join(', ');
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`Sprintlog: copied ${text}`, 3000);
  return text;
};

export const goToError: Handler = async (s, args) => {
  const node = args[0];
  let problem: Problem | undefined = isNode(node) && node.kind === 'error' ? node.problem : undefined;
  let folderKey = isNode(node) ? node.folderKey : argsOf(args).folder;
  if (!problem) {
    const fb = await pickFolder(s.store, folderKey);
    problem = fb?.workspace.parseProblems[0];
    folderKey = fb?.folder.uri.toString();
    if (!problem) return;
  }
  const fb = folderByKey(s.store.folders(), folderKey);
  if (!fb) return;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(fb.folder.uri, problem.file));
  const at = problem.offset !== undefined ? doc.positionAt(problem.offset) : new vscode.Position(problem.line - 1, problem.column - 1);
  return vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at) });
};
