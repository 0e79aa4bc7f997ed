// Language features of backlog files and item ids: diagnostics, quick fixes,
// completion, hover, CodeLens, plus the active-sprint status bar entry.
import * as vscode from 'vscode';
import type { HistoryReader } from '../history/service';
import type { BacklogStore } from '../model/types';
import { SprintStatusBar } from '../status/status-bar';
import { BacklogCodeActions } from './code-actions';
import { BacklogCompletion, TRIGGER_CHARACTERS } from './completion';
import { BacklogDiagnostics } from './diagnostics';
import { HOVER_SELECTOR, ItemHover } from './hover';
import { ItemCodeLens } from './code-lens';

/** Backlog files are recognised by path inside the provider (settings may move them); these are only the candidates. */
export const YAML_SELECTOR: vscode.DocumentSelector = [{ pattern: '**/*.{yaml,yml}' }];

export interface LanguageServices {
  store: BacklogStore;
  /** Absent or disabled in an untrusted workspace: everything works, without history figures. */
  history?: HistoryReader;
}

/** What tests (via activate's return value) may look at. */
export interface LanguageApi {
  diagnostics: vscode.DiagnosticCollection;
  /** The status bar entry's current text (empty while hidden). */
  statusText(): string;
  /** What clicking the status bar entry runs. */
  statusCommand(): vscode.Command | undefined;
  /** Recompute the status bar now. */
  refreshStatus(): void;
}

export function registerLanguageFeatures(context: vscode.ExtensionContext, services: LanguageServices): LanguageApi {
  const { store, history } = services;
  const diagnostics = new BacklogDiagnostics(store);
  const lenses = new ItemCodeLens(store, history);
  const status = new SprintStatusBar(store, history);
  context.subscriptions.push(
    diagnostics,
    lenses,
    status,
    vscode.languages.registerCodeActionsProvider(YAML_SELECTOR, new BacklogCodeActions(store, history), BacklogCodeActions.metadata),
    vscode.languages.registerCompletionItemProvider(YAML_SELECTOR, new BacklogCompletion(store), ...TRIGGER_CHARACTERS),
    vscode.languages.registerHoverProvider(HOVER_SELECTOR, new ItemHover(store, history)),
    vscode.languages.registerCodeLensProvider(YAML_SELECTOR, lenses),
  );
  return {
    diagnostics: diagnostics.collection,
    statusText: () => (status.visible ? status.item.text : ''),
    statusCommand: () => (typeof status.item.command === 'object' ? status.item.command : undefined),
    refreshStatus: () => status.update(),
  };
}
