// The "Backlog" view: every item in rank order, grouped by sprint, state, epic
// or assignee, filtered as chosen; one section per folder in multi-root.
import * as vscode from 'vscode';
import type { Store } from '../model/store';
import type { FolderBacklog } from '../model/types';
import { today } from './calendar';
import { folderNode, FolderRows } from './folderRows';
import type { HistoryReader } from '../history/service';
import type { Node } from './nodes';
import { backlogNodes } from './rows';
import { timelineEntries } from './timeline';
import { itemTooltipMarkdown, treeItem } from './treeItems';
import type { ViewState } from './viewState';

export class BacklogTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly rows: FolderRows;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: Store, private readonly state: ViewState, private readonly history?: HistoryReader, now: () => Date = () => new Date()) {
    this.rows = new FolderRows(store, (fb) => {
      const day = today(fb.workspace.sprintLog, now());
      const stamp = `${state.grouping}|${JSON.stringify(state.filter)}|${day}`;
      return { stamp, build: () => backlogNodes(fb.folder.uri.toString(), fb.workspace, { grouping: state.grouping, filter: state.filter, day }) };
    });
    this.subscriptions = [
      this.changed,
      store.onDidChange(() => this.refresh()),
      store.onDidChangeFolders(() => this.refresh()),
      state.onDidChange(() => this.refresh()),
    ];
  }

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return treeItem(node, this.rows.folder(node.folderKey)?.workspace, 'backlog');
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

  /** For tests and commands: the folder a node belongs to. */
  folderOf(node: Node): FolderBacklog | undefined {
    return this.rows.folder(node.folderKey);
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
