// The dashboard feature for the composition root: the panels, their serializer,
// the open command (the table's sprintlog.openDashboard calls it) and the
// read-only commit documents the scope-change diff shows.
import * as vscode from 'vscode';
import type { HistoryReader } from '../history';
import type { BacklogStore } from '../model/types';
import { COMMIT_SCHEME, CommitFiles } from './actions';
import type { DashboardController } from './controller';
import { DashboardPanels, VIEW_TYPE } from './panel';

/** The command behind "Sprintlog: Open Dashboard" (args: optional `{ folder: name or uri }`). */
export const OPEN_DASHBOARD = 'sprintlog.dashboard.open';

/** For integration tests: the panels' controllers. */
export interface DashboardApi {
  open(folder?: string): Promise<DashboardController | undefined>;
  controllers(): DashboardController[];
}

export function registerDashboard(context: vscode.ExtensionContext, deps: { store: BacklogStore; history: HistoryReader; log?: vscode.LogOutputChannel }): DashboardApi {
  const panels = new DashboardPanels({ ...deps, extensionUri: context.extensionUri, state: context.workspaceState });
  const open = async (folder?: string): Promise<DashboardController | undefined> => {
    const target = await pickFolder(deps.store, folder);
    return target ? panels.open(target) : undefined;
  };
  context.subscriptions.push(
    panels,
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, panels),
    vscode.workspace.registerTextDocumentContentProvider(COMMIT_SCHEME, new CommitFiles(deps.history.engine)),
    vscode.commands.registerCommand(OPEN_DASHBOARD, async (args?: { folder?: string }) => {
      await open(typeof args?.folder === 'string' ? args.folder : undefined);
    }),
  );
  return { open, controllers: () => panels.all() };
}

/** The named folder, else the active editor's, else the only one with a backlog, else the user's pick. */
async function pickFolder(store: BacklogStore, name?: string): Promise<vscode.WorkspaceFolder | undefined> {
  const withBacklog = store.folders();
  const named = withBacklog.find((f) => f.folder.name === name || f.folder.uri.toString() === name);
  if (named) return named.folder;
  const uri = vscode.window.activeTextEditor?.document.uri;
  const active = uri && store.forUri(uri);
  if (active) return active.folder;
  if (withBacklog.length === 1) return withBacklog[0].folder;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (withBacklog.length === 0) return folders[0];
  const pick = await vscode.window.showQuickPick(withBacklog.map((f) => ({ label: f.folder.name, description: f.root, f })), { placeHolder: 'Open the dashboard of which folder?' });
  return pick?.f.folder;
}
