// Completion of values in backlog files: states, sprint ids, epic ids,
// dependency ids and assignees, from the folder's model.
import * as vscode from 'vscode';
import type { BacklogStore } from '../model/types';
import { completionContext, type CompletionKind } from './completion-context';
import { completionCandidates } from './completion-items';
import { today as sprintToday } from '../../core/sprint';
import { backlogDocument } from './files';

/** How many lines above the cursor to look at for the `depends_on:` of a block list. */
const LOOKBACK = 60;

const ICONS: Record<CompletionKind, vscode.CompletionItemKind> = {
  state: vscode.CompletionItemKind.EnumMember,
  sprint: vscode.CompletionItemKind.Event,
  epic: vscode.CompletionItemKind.Module,
  dependency: vscode.CompletionItemKind.Reference,
  assignee: vscode.CompletionItemKind.User,
};

/** Typing these after a key (`state: `, `[`, `, `, `- `) opens the list without Ctrl+Space. */
export const TRIGGER_CHARACTERS = [' ', '[', ',', '"', "'"];

export class BacklogCompletion implements vscode.CompletionItemProvider {
  constructor(private readonly store: BacklogStore) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    const at = backlogDocument(this.store, document.uri);
    if (!at || at.kind === 'sprints') return undefined;
    const linePrefix = document.lineAt(position.line).text.slice(0, position.character);
    const above: string[] = [];
    for (let l = Math.max(0, position.line - LOOKBACK); l < position.line; l++) above.push(document.lineAt(l).text);
    const ctx = completionContext(linePrefix, above);
    if (!ctx) return undefined;
    const ws = at.fb.workspace;
    const offset = document.offsetAt(position);
    const self = ws.items.find((i) => i.file === at.rel && i.source.offset <= offset && offset <= i.source.end);
    const today = ws.sprintLog ? sprintToday(ws.sprintLog, Date.now()) : undefined;
    const range = new vscode.Range(position.line, position.character - ctx.partial.length, position.line, position.character);
    return completionCandidates(ctx, ws, today, self?.id).map((c) => {
      const item = new vscode.CompletionItem(c.label, ICONS[ctx.kind]);
      item.insertText = c.insertText;
      item.detail = c.detail;
      item.sortText = c.sortText;
      item.filterText = c.label;
      item.range = range;
      return item;
    });
  }
}
