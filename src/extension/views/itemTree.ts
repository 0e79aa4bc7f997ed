// What the Backlog and Sprint views share: folder sections, item rows with a
// lazily built tooltip, refresh on store, view-state and history changes.
// Each view supplies only how a folder's rows are built. A reload refreshes only
// the rows it changed (folderRows.ts), and while a backlog file is being typed in
// (a dirty buffer) once the typing pauses: the rows follow the text, not each key.
import * as vscode from 'vscode';
import type { BacklogStore, FolderBacklog } from '../model/types';
import type { HistoryReader } from '../history/service';
import { backlogDocument } from '../language/files';
import { folderNode, FolderRows, type RowRecipe } from './folderRows';
import { healthOfItem, withHealth } from '../health/decorations';
import type { Node } from './nodes';
import { timelineEntries } from './timeline';
import { itemTooltipMarkdown, treeItem } from './treeItems';
import type { ViewState } from './viewState';

/** While typing: the rows follow once the keys pause this long (the store's own debounce comes first). */
const TYPING_DELAY_MS = 300;

export abstract class ItemTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | Node[] | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly rows: FolderRows;
  private readonly subscriptions: vscode.Disposable[];
  private timer?: ReturnType<typeof setTimeout>;

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
      store.onDidChange((fb) => this.onModel(fb)),
      store.onDidChangeFolders(() => this.refresh()),
      state.onDidChange(() => this.refresh()),
      ...(history ? [history.onDidChange(() => this.update())] : []),
      { dispose: () => clearTimeout(this.timer) },
    ];
  }

  /** Everything again (the view's options changed, or folders came or went). */
  refresh(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.rows.takeChanges();
    this.changed.fire();
  }

  private onModel(fb: FolderBacklog): void {
    // A command's own edit leaves the buffer dirty while VS Code saves it: its rows are shown at once.
    const typing = fb.typed === true && vscode.workspace.textDocuments.some((d) => d.isDirty && backlogDocument(this.store, d.uri)?.fb.root === fb.root);
    if (!typing) {
      this.update();
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), TYPING_DELAY_MS);
  }

  /** Rebuilds the rows VS Code has asked for and re-reads only those that changed. */
  private update(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const fb of this.store.folders()) if (this.rows.has(fb)) this.rows.of(fb);
    const changes = this.rows.takeChanges();
    if (changes === 'all') this.changed.fire();
    else if (changes.length > 0) this.changed.fire(changes);
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
