// The "Sprint" view: the active (or chosen) sprint — goal, days left, points —
// and its items grouped by state in workflow order.
import * as vscode from 'vscode';
import type { Store } from '../model/store';
import type { FolderBacklog } from '../model/types';
import { today } from './calendar';
import { folderNode, FolderRows } from './folderRows';
import type { HistoryReader } from '../history/service';
import type { Node } from './nodes';
import { sprintNodes } from './rows';
import { timelineEntries } from './timeline';
import { itemTooltipMarkdown, treeItem } from './treeItems';
import type { ViewState } from './viewState';

export class SprintTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly rows: FolderRows;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: Store, state: ViewState, private readonly history?: HistoryReader, now: () => Date = () => new Date()) {
    this.rows = new FolderRows(store, (fb) => {
      const key = fb.folder.uri.toString();
      const day = today(fb.workspace.sprintLog, now());
      const chosen = state.chosenSprint(key);
      const snap = history?.enabled ? history.snapshot(fb.root) : undefined;
      return { stamp: `${chosen ?? ''}|${day}|${snap?.asOf ?? ''}`, build: () => sprintNodes(key, fb.workspace, chosen, day, (id) => snap?.sprints.get(id)?.committed) };
    });
    this.subscriptions = [
      this.changed,
      store.onDidChange(() => this.refresh()),
      store.onDidChangeFolders(() => this.refresh()),
      state.onDidChange(() => this.refresh()),
      ...(history ? [history.onDidChange(() => this.refresh())] : []),
    ];
  }

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return treeItem(node, this.rows.folder(node.folderKey)?.workspace, 'sprint');
  }

  resolveTreeItem(item: vscode.TreeItem, node: Node): vscode.TreeItem {
    const fb = this.rows.folder(node.folderKey);
    if (node.kind !== 'item' || !fb) return item;
    const known = this.history?.enabled ? this.history.timeline(fb.root, node.item.id) : undefined;
    item.tooltip = itemTooltipMarkdown(node, fb.workspace, timelineEntries(node.item, known));
    return item;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      await this.store.ready();
      const folders = this.store.folders();
      return folders.length === 1 ? this.rows.of(folders[0]) : folders.map(folderNode);
    }
    if (node.kind === 'folder') {
      const fb = this.rows.folder(node.folderKey);
      return fb ? this.rows.of(fb) : [];
    }
    return node.kind === 'group' ? node.children : [];
  }

  folderOf(node: Node): FolderBacklog | undefined {
    return this.rows.folder(node.folderKey);
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
