// The multi-root portfolio section: one row per workspace folder with a backlog
// (core/portfolio, the same rows as `sprintlog portfolio`). A panel's own folder
// gives its row from the snapshot it just made; the other folders' inputs are
// kept here until their backlog or history changes, and made with the window's
// history engine (what it analysed stays in memory: no second walk of a history
// already read). Shared by every panel of the window.

import * as vscode from 'vscode';
import { portfolioOf, portfolioTables, type TeamInput } from '../../core/portfolio';
import type { DashboardBody } from '../../shared/protocol';
import type { HistoryReader } from '../history';
import { readSettings } from '../model/config';
import type { BacklogStore, FolderBacklog } from '../model/types';
import { folderTeamInput, type PortfolioAt } from './pmo';

export class PortfolioInputs implements vscode.Disposable {
  private readonly inputs = new Map<string, { at: PortfolioAt; input: TeamInput }>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: BacklogStore, private readonly history: HistoryReader) {
    this.subscriptions = [
      store.onDidChange((fb) => this.inputs.delete(fb.root)),
      history.onDidChange((s) => this.inputs.delete(s.root)),
      store.onDidChangeFolders(() => this.inputs.clear()),
    ];
  }

  /** More than one folder with a backlog: the panels show the portfolio. */
  get multiRoot(): boolean {
    return this.store.folders().length > 1;
  }

  /** The portfolio with `own` as its folder's row; undefined in a workspace with one backlog folder. */
  async portfolio(own: { root: string; at: PortfolioAt; input: TeamInput }, signal?: AbortSignal): Promise<Extract<DashboardBody, { kind: 'charts' }>['portfolio']> {
    const folders = this.store.folders();
    if (folders.length < 2) return undefined;
    this.inputs.set(own.root, { at: own.at, input: own.input });
    const inputs: TeamInput[] = [];
    for (const fb of folders) {
      const kept = this.inputs.get(fb.root);
      if (kept && kept.at === own.at) {
        inputs.push(kept.input);
        continue;
      }
      const input = await this.compute(fb, own.at, signal);
      signal?.throwIfAborted();
      this.inputs.set(fb.root, { at: own.at, input });
      inputs.push(input);
    }
    const data = portfolioOf(inputs);
    return { data, tables: portfolioTables(data) };
  }

  private compute(fb: FolderBacklog, at: PortfolioAt, signal?: AbortSignal): Promise<TeamInput> {
    const s = readSettings(fb.folder);
    return folderTeamInput({
      team: fb.folder.name, root: fb.root, workspace: fb.workspace, at, engine: this.history.engine, signal,
      settings: { velocityWindow: s.velocityWindow, cycleTimeWindowDays: s.cycleTimeWindow },
    });
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.inputs.clear();
  }
}
