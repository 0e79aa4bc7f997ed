// What the user chose in the views: grouping, filter, sprint per folder.
// Kept in workspaceState so a reload of the window keeps it.
import * as vscode from 'vscode';
import { readSettings } from '../model/config';
import { describeFilter, isFilterEmpty, type ItemFilter } from './filter';
import { isGrouping, type Grouping } from './grouping';

const GROUPING_KEY = 'sprintlog.grouping';
const FILTER_KEY = 'sprintlog.filter';
const SPRINTS_KEY = 'sprintlog.chosenSprints';

export class ViewState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {
    void this.updateContext();
  }

  get grouping(): Grouping {
    const g = this.memento.get<string>(GROUPING_KEY);
    return isGrouping(g) ? g : readSettings().defaultGrouping;
  }

  get filter(): ItemFilter {
    return this.memento.get<ItemFilter>(FILTER_KEY) ?? {};
  }

  get filterText(): string {
    return describeFilter(this.filter);
  }

  chosenSprint(folderKey: string): string | undefined {
    return this.memento.get<Record<string, string>>(SPRINTS_KEY)?.[folderKey];
  }

  async setGrouping(g: Grouping): Promise<void> {
    await this.memento.update(GROUPING_KEY, g);
    await this.fire();
  }

  async setFilter(f: ItemFilter): Promise<void> {
    await this.memento.update(FILTER_KEY, isFilterEmpty(f) ? undefined : f);
    await this.fire();
  }

  /** undefined = follow the active sprint again. */
  async chooseSprint(folderKey: string, sprintId: string | undefined): Promise<void> {
    const all = { ...(this.memento.get<Record<string, string>>(SPRINTS_KEY) ?? {}) };
    if (sprintId === undefined) delete all[folderKey];
    else all[folderKey] = sprintId;
    await this.memento.update(SPRINTS_KEY, all);
    await this.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async fire(): Promise<void> {
    await this.updateContext();
    this.changed.fire();
  }

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'sprintlog.filtered', !isFilterEmpty(this.filter));
    await vscode.commands.executeCommand('setContext', 'sprintlog.grouping', this.grouping);
  }
}
