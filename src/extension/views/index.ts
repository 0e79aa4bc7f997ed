// Registers the two tree views of the `sprintlog` activity-bar container.
import * as vscode from 'vscode';
import type { Services } from '../commands/services';
import { BacklogTreeProvider } from './backlogTree';
import { ItemDragAndDrop } from './dragAndDrop';
import type { HistoryReader } from '../history/service';
import type { Node } from './nodes';
import { SprintTreeProvider } from './sprintTree';

export interface Views {
  sprint: SprintTreeProvider;
  backlog: BacklogTreeProvider;
  sprintView: vscode.TreeView<Node>;
  backlogView: vscode.TreeView<Node>;
  dragAndDrop: ItemDragAndDrop;
}

export function registerViews(context: vscode.ExtensionContext, s: Services, history?: HistoryReader): Views {
  const sprint = new SprintTreeProvider(s.store, s.state, history);
  const backlog = new BacklogTreeProvider(s.store, s.state, history);
  const dragAndDrop = new ItemDragAndDrop(s);
  const sprintView = vscode.window.createTreeView('sprintlog.sprint', { treeDataProvider: sprint, canSelectMany: true, dragAndDropController: dragAndDrop, showCollapseAll: true });
  const backlogView = vscode.window.createTreeView('sprintlog.backlog', { treeDataProvider: backlog, canSelectMany: true, dragAndDropController: dragAndDrop, showCollapseAll: true });
  const describe = (): void => {
    const f = s.state.filterText;
    backlogView.description = [`by ${s.state.grouping}`, f && `filter: ${f}`].filter(Boolean).join(' · ');
  };
  describe();
  const setActive = (): void => {
    void vscode.commands.executeCommand('setContext', 'sprintlog.active', s.store.folders().length > 0);
  };
  context.subscriptions.push(sprint, backlog, sprintView, backlogView, s.state.onDidChange(describe), s.store.onDidChangeFolders(setActive), s.store.onDidChange(setActive));
  return { sprint, backlog, sprintView, backlogView, dragAndDrop };
}
