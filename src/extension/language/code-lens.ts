// One CodeLens above each item of a backlog file: `in-progress · 5 pts · age 3d`.
// Computed from the model and the history service's cache: never git per lens.
import * as vscode from 'vscode';
import type { HistoryReader } from '../history/service';
import type { BacklogStore } from '../model/types';
import { backlogDocument, linesOf } from './files';
import { codeLensText } from './lens-text';
import { positionIn } from './text';

export class ItemCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: BacklogStore, private readonly history?: HistoryReader) {
    this.subscriptions = [this.changed, store.onDidChange(() => this.changed.fire())];
    if (history) this.subscriptions.push(history.onDidChange(() => this.changed.fire()));
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const at = backlogDocument(this.store, document.uri);
    if (!at || at.kind === 'sprints') return [];
    const ws = at.fb.workspace;
    const lines = linesOf(ws, at.rel);
    if (!lines) return []; // the file does not parse: its diagnostics say why
    const lenses: vscode.CodeLens[] = [];
    for (const item of ws.items) {
      if (item.file !== at.rel) continue;
      const p = positionIn(lines, item.source.offset);
      // Above the item's own comment lines, not between them and the item.
      let line = p.line;
      while (line > 0 && document.lineAt(line - 1).text.trimStart().startsWith('#')) line--;
      const title = codeLensText(item, ws.states, this.history?.timeline(at.fb.root, item.id));
      // No command: the lens is information; an empty command id renders it as plain text.
      lenses.push(new vscode.CodeLens(new vscode.Range(line, Math.min(p.character, document.lineAt(line).text.length), line, Math.min(p.character, document.lineAt(line).text.length)), { title, command: '' }));
    }
    return lenses;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
