// The status bar entry of the active sprint (of the active editor's folder, else
// the first folder with a backlog). Clicking it opens the Sprint view; its tooltip links the dashboard.
import * as vscode from 'vscode';
import type { HistoryReader } from '../history/service';
import type { BacklogStore, FolderBacklog } from '../model/types';
import { sprintStatus } from './status-text';

/** The Sprint view's focus command (VS Code makes `<view id>.focus` for every view). */
export const OPEN_SPRINT_VIEW = 'sprintlog.sprint.focus';
/** Days left change at midnight in the sprint log's zone; a few minutes late is fine. */
const REFRESH_MS = 5 * 60 * 1000;

export class SprintStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('sprintlog.sprintStatus', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly timer: ReturnType<typeof setInterval>;
  /** Whether the entry is shown (StatusBarItem has no getter for it). */
  visible = false;

  constructor(private readonly store: BacklogStore, private readonly history?: HistoryReader, private readonly now: () => number = Date.now) {
    this.item.name = 'Sprintlog: active sprint';
    this.subscriptions.push(
      this.item,
      store.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.update()),
    );
    if (history) this.subscriptions.push(history.onDidChange(() => this.update()));
    // A folder that loses its backlog (file deleted or moved) fires no onDidChange: its sprint must go too.
    this.subscriptions.push(store.onDidChangeFolders(() => this.update()));
    this.timer = setInterval(() => this.update(), REFRESH_MS);
    this.update();
  }

  private folder(): FolderBacklog | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return (uri && this.store.forUri(uri)) ?? this.store.folders()[0];
  }

  update(): void {
    const fb = this.folder();
    const status = fb && sprintStatus(fb.workspace, this.now(), (id) => this.history?.sprint(fb.root, id));
    if (!fb || !status) {
      this.item.hide();
      this.visible = false;
      return;
    }
    this.item.text = status.text;
    // The click opens the Sprint view on the sprint shown here: following the active sprint (the same
    // rule picks it in both places), or on the next one when none is active.
    this.item.command = {
      title: 'Open the Sprint view',
      command: 'sprintlog.pickSprint',
      arguments: [{ folder: fb.folder.uri.toString(), sprint: status.active || !status.sprintId ? null : status.sprintId, reveal: true }],
    };
    // The tooltip adds the way into the dashboard.
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendText(this.store.folders().length > 1 ? `${fb.folder.name}: ${status.tooltip}` : status.tooltip);
    tip.appendMarkdown(`\n\n[$(graph) Open Dashboard](command:sprintlog.openDashboard?${encodeURIComponent(JSON.stringify([{ folder: fb.folder.name }]))})`);
    tip.isTrusted = { enabledCommands: ['sprintlog.openDashboard'] };
    this.item.tooltip = tip;
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const d of this.subscriptions) d.dispose();
  }
}
