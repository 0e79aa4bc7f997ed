// The dashboard panels: one per workspace folder (a second "Open Dashboard"
// reveals it), restored after a reload by the serializer (activation event
// onWebviewPanel:sprintlog.dashboard). Restored panels get their options set again:
// the saved localResourceRoots can name an older extension folder after an update.

import * as vscode from 'vscode';
import type { HistoryReader } from '../history';
import type { BacklogStore } from '../model/types';
import { isSavedState, type ViewChoice } from '../../shared/protocol';
import { DashboardController, defaultView } from './controller';
import { dashboardHtml, makeNonce } from './html';
import { PortfolioInputs } from './portfolio';

export const VIEW_TYPE = 'sprintlog.dashboard';

export interface PanelDeps {
  extensionUri: vscode.Uri;
  store: BacklogStore;
  history: HistoryReader;
  log?: vscode.LogOutputChannel;
  /** The workspace's memento: what each folder's page last said of its charts (controller.ts). */
  state?: vscode.Memento;
}

export class DashboardPanels implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private readonly controllers = new Map<string, DashboardController>();
  private readonly built: vscode.Uri;
  private readonly portfolio: PortfolioInputs;

  constructor(private readonly deps: PanelDeps) {
    this.built = vscode.Uri.joinPath(deps.extensionUri, 'media', 'dist');
    this.portfolio = new PortfolioInputs(deps.store, deps.history);
  }

  /** Scripts on, and nothing loadable but the built webview folder. */
  private options(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: [this.built], enableFindWidget: false };
  }

  controller(folder: vscode.WorkspaceFolder): DashboardController | undefined {
    return this.controllers.get(folder.uri.toString());
  }

  all(): DashboardController[] {
    return [...this.controllers.values()];
  }

  /** Opens (or reveals) the folder's dashboard. */
  open(folder: vscode.WorkspaceFolder): DashboardController {
    const existing = this.controller(folder);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, this.title(folder), vscode.ViewColumn.Active, this.options());
    return this.attach(panel, folder, defaultView(folder));
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    panel.webview.options = this.options();
    const saved = isSavedState(state) ? state : undefined;
    const folders = vscode.workspace.workspaceFolders ?? [];
    const folder = folders.find((f) => f.name === saved?.folder) ?? folders.find((f) => this.deps.store.forUri(f.uri)) ?? folders[0];
    if (!folder || this.controller(folder)) {
      panel.dispose();
      return;
    }
    this.attach(panel, folder, saved?.view ?? defaultView(folder));
  }

  private title(folder: vscode.WorkspaceFolder): string {
    return (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? `Dashboard: ${folder.name}` : 'Sprintlog Dashboard';
  }

  private attach(panel: vscode.WebviewPanel, folder: vscode.WorkspaceFolder, view: ViewChoice): DashboardController {
    const key = folder.uri.toString();
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'sprintlog.svg');
    const webview = panel.webview;
    webview.html = dashboardHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.built, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.built, 'dashboard.css')).toString(),
      nonce: makeNonce(),
      title: this.title(folder),
    });
    const cli = vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'cli.js').fsPath;
    const controller = new DashboardController(panel, folder, view, { ...this.deps, cli, portfolio: this.portfolio });
    this.controllers.set(key, controller);
    panel.onDidDispose(() => {
      controller.dispose();
      if (this.controllers.get(key) === controller) this.controllers.delete(key);
    });
    return controller;
  }

  dispose(): void {
    for (const c of this.controllers.values()) c.panel.dispose();
    this.controllers.clear();
    this.portfolio.dispose();
  }
}
