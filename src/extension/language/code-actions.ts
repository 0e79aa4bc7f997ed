// Quick fixes for the sprintlog diagnostics of a backlog file. Fixes are computed
// on the model's text, so they are offered only while the buffer is that text
// (the store catches up within its debounce); otherwise offsets could be stale.
import * as vscode from 'vscode';
import { nextId } from '../../core/edit';
import type { HistoryReader } from '../history/service';
import type { BacklogStore, FolderBacklog } from '../model/types';
import { DIAGNOSTIC_SOURCE, problemRange } from './diagnostics';
import { modelText } from '../../core/parse/workspace';
import { backlogDocument, linesOf, toRange, uriOf } from './files';
import { computeQuickFixes, FIXABLE_CODES, type QuickFix } from './quick-fixes';

const fixable = new Set<string>(FIXABLE_CODES);

export class BacklogCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly store: BacklogStore, private readonly history?: HistoryReader) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string' && fixable.has(d.code));
    if (ours.length === 0) return [];
    const at = backlogDocument(this.store, document.uri);
    if (!at) return [];
    const { fb, rel } = at;
    const text = modelText(fb.workspace, rel);
    if (text === undefined || text !== document.getText()) return [];
    const actions: vscode.CodeAction[] = [];
    // Ids of deleted items stay taken (the history names them); other branches are not read here (no git on a keystroke).
    const used = this.history?.snapshot(fb.root)?.usedIds ?? [];
    const next = (ws: Parameters<typeof nextId>[0]): string => nextId(ws, used);
    for (const diagnostic of ours) {
      const problem = fb.problems.find((p) => p.file === rel && p.code === diagnostic.code && problemRange(fb, p).isEqual(diagnostic.range));
      if (!problem) continue;
      for (const fix of computeQuickFixes(problem, fb.workspace, text, { nextId: next })) actions.push(toAction(fb, fix, diagnostic));
    }
    return actions;
  }
}

function toAction(fb: FolderBacklog, fix: QuickFix, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = fix.isPreferred === true;
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) {
    const lines = linesOf(fb.workspace, e.file);
    if (lines) edit.replace(uriOf(fb, e.file), toRange(lines, e.offset, e.end), e.newText);
  }
  action.edit = edit;
  return action;
}
