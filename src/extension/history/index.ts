// The history service for the composition root: off (no git at all) until the workspace is trusted.
import * as vscode from 'vscode';
import { affectsMetrics, metricsSettings } from '../health/settings';
import type { BacklogStore } from '../model/types';
import { HistoryService } from './service';

export type { HistoryReader } from './service';
export { HistoryService } from './service';
export type { HistorySnapshot, ItemTimeline, SprintFigures } from './types';

export function createHistoryService(context: vscode.ExtensionContext, store: BacklogStore, log?: vscode.LogOutputChannel): HistoryService {
  const service = new HistoryService(store, {
    log,
    settings: metricsSettings,
  });
  context.subscriptions.push(service, vscode.workspace.onDidChangeConfiguration((e) => {
    if (affectsMetrics(e)) service.settingsChanged();
  }));
  return service;
}
