// Validator problems → editor diagnostics, for every backlog file of every
// folder (open or not, like a compiler's project-wide errors). The store
// re-reads buffers as they are typed in (debounced) and validates, so this only
// republishes what it reports; a file that leaves the model loses its diagnostics.
// Incremental: only files whose problems changed are sent to VS Code again (typing
// in the main file leaves the archive files' and the sprint log's diagnostics alone).
// Bursts of keystrokes are already one model each (the store's debounce).
import * as vscode from 'vscode';
import type { Problem } from '../../core/model';
import type { BacklogStore, FolderBacklog } from '../model/types';
import { linesOf, toRange, uriOf } from './files';

export const DIAGNOSTIC_SOURCE = 'sprintlog';

/** The editor range of a problem: exact offsets on the model text, else its line/column. */
export function problemRange(fb: FolderBacklog, problem: Problem): vscode.Range {
  const lines = linesOf(fb.workspace, problem.file);
  if (lines && problem.offset !== undefined) {
    let end = problem.end ?? problem.offset;
    // A zero-width range is hard to see and to hover: cover the rest of the line instead.
    if (end <= problem.offset) end = Math.max(problem.offset, lines.lineEnd(problem.offset));
    return toRange(lines, problem.offset, end);
  }
  // The file did not parse, so the model has no text; the store read it without a BOM,
  // like the editor, so its line/column are the editor's (1-based).
  const line = Math.max(0, problem.line - 1);
  const character = Math.max(0, problem.column - 1);
  const width = problem.offset !== undefined && problem.end !== undefined ? Math.max(0, problem.end - problem.offset) : 0;
  return new vscode.Range(line, character, line, character + width);
}

export function toDiagnostic(fb: FolderBacklog, problem: Problem): vscode.Diagnostic {
  const message = problem.hint ? `${problem.message}\n${problem.hint}` : problem.message;
  const severity = problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const d = new vscode.Diagnostic(problemRange(fb, problem), message, severity);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = problem.code;
  return d;
}

/** Identity of a file's problem list (offsets and line/column: the ranges they make): unchanged → nothing to send. */
function problemsKey(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.code}:${p.severity}:${p.offset}:${p.end}:${p.line}:${p.column}:${p.message}:${p.hint ?? ''}`).join('\n');
}

export class BacklogDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  /** Folder URI → (file URI → key of the problems last set on it). */
  private readonly published = new Map<string, Map<string, string>>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly store: BacklogStore) {
    this.subscriptions.push(
      this.collection,
      store.onDidChange((fb) => this.publish(fb)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reconcile()),
      // A deleted backlog file: the store drops it on its next load; clear now so nothing lingers meanwhile.
      vscode.workspace.onDidDeleteFiles((e) => {
        for (const uri of e.files) this.forget(uri);
      }),
    );
    this.subscriptions.push(store.onDidChangeFolders(() => this.reconcile()));
    for (const fb of store.folders()) this.publish(fb);
  }

  /** Sets the diagnostics of every file of the folder whose problems changed since the last publication. */
  publish(fb: FolderBacklog): void {
    const byFile = new Map<string, Problem[]>();
    for (const p of fb.problems) {
      let list = byFile.get(p.file);
      if (!list) byFile.set(p.file, (list = []));
      list.push(p);
    }
    const folderKey = fb.folder.uri.toString();
    const before = this.published.get(folderKey) ?? new Map<string, string>();
    const now = new Map<string, string>();
    for (const [file, problems] of byFile) {
      const uri = uriOf(fb, file);
      const key = problemsKey(problems);
      now.set(uri.toString(), key);
      if (before.get(uri.toString()) !== key) this.collection.set(uri, problems.map((p) => toDiagnostic(fb, p)));
    }
    for (const old of before.keys()) if (!now.has(old)) this.collection.delete(vscode.Uri.parse(old));
    this.published.set(folderKey, now);
  }

  /** Drops the diagnostics of folders that no longer have a backlog. */
  reconcile(): void {
    const live = new Set(this.store.folders().map((fb) => fb.folder.uri.toString()));
    for (const [folderKey, uris] of this.published) {
      if (live.has(folderKey)) continue;
      for (const u of uris.keys()) this.collection.delete(vscode.Uri.parse(u));
      this.published.delete(folderKey);
    }
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    for (const uris of this.published.values()) {
      // A deleted folder takes its files with it.
      for (const u of [...uris.keys()]) {
        if (u === key || u.startsWith(key.endsWith('/') ? key : key + '/')) {
          this.collection.delete(vscode.Uri.parse(u));
          uris.delete(u);
        }
      }
    }
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.published.clear();
  }
}
