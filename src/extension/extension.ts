// Composition root: activate() builds the services and registers everything.
// Feature modules export a `register…(context, services)` function; add one line here per module.
import * as vscode from 'vscode';
import { registerAgent } from './agent';
import { registerCommands } from './commands';
import { registerDashboard } from './dashboard';
import { GitService } from './git/service';
import { registerHealthDecorations } from './health/decorations';
import { createHistoryService } from './history';
import { registerLanguageFeatures } from './language';
import { Store } from './model/store';
import type { BacklogStore } from './model/types';
import { registerViews, type Views } from './views';
import { ViewState } from './views/viewState';

/** What activate() returns: for integration tests (and other extensions) to look inside. */
export interface SprintlogApi {
  store: BacklogStore;
  views: Views;
  [feature: string]: unknown;
}

export function activate(context: vscode.ExtensionContext): SprintlogApi {
  const started = Date.now();
  const output = vscode.window.createOutputChannel('Sprintlog', { log: true });
  context.subscriptions.push(output);
  // -- services --
  // The store parses nothing here: the first load runs after activate() returns.
  const store = new Store(output);
  const state = new ViewState(context.workspaceState);
  const history = createHistoryService(context, store, output);
  const git = new GitService(history.engine);
  context.subscriptions.push(store, state);
  const services = { store, state, git, log: output };
  // -- views and commands --
  const views = registerViews(context, services, history);
  const health = registerHealthDecorations(context, store, history);
  registerCommands(context, services);
  const api: SprintlogApi = { store, views, history, health };
  // -- language features --
  api.language = registerLanguageFeatures(context, { store, history });
  api.dashboard = registerDashboard(context, { store, history, log: output });
  // -- coding agents --
  api.agent = registerAgent(context, services);
  store.start();
  output.info(`Sprintlog activated in ${Date.now() - started} ms`);
  return api;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
