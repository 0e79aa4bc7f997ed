// What the Backlog and Sprint views share: folder sections, item rows with a
// lazily built tooltip, refresh on store, view-state and history changes.
// Each view supplies only how a folder's rows are built.
import * as vscode from 'vscode';
import type { BacklogStore, FolderBacklog } from '../model/types';
import type { HistoryReader } from '../history/service';
import { folderNode, FolderRows, type RowRecipe } from './folderRows';
import { healthOfItem, withHealth } from '../health/decorations';
import type { Node } from './nodes';
import { timelineEntries } from './timeline';
import { itemTooltipMarkdown, treeItem } from './treeItems';
import type { ViewState } from './viewState';

export abstract class ItemTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly rows: FolderRows;
  private readonly subscriptions: vscode.Disposable[];

  protected constructor(
    private readonly store: BacklogStore,
    state: ViewState,
    private readonly history: HistoryReader | undefined,
    private readonly view: 'backlog' | 'sprint',
    recipe: (fb: FolderBacklog) => RowRecipe,
  ) {
    this.rows = new FolderRows(store, recipe);
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
    return treeItem(node, this.rows.folder(node.folderKey)?.workspace, this.view);
  }

  resolveTreeItem(item: vscode.TreeItem, node: Node): vscode.TreeItem {
    const fb = this.rows.folder(node.folderKey);
    if (node.kind !== 'item' || !fb) return item;
    const snap = this.history?.enabled ? this.history.snapshot(fb.root) : undefined;
    const known = snap?.items.get(node.item.id);
    item.tooltip = withHealth(itemTooltipMarkdown(node, fb.workspace, timelineEntries(node.item, known)), healthOfItem(snap, node.item.id));
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
