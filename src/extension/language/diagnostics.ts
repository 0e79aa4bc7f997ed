// Validator problems → editor diagnostics, for every backlog file of every
// folder (open or not, like a compiler's project-wide errors). The store
// re-reads buffers as they are typed in (debounced) and validates, so this only
// republishes what it reports; a file that leaves the model loses its diagnostics.
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

export class BacklogDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  /** Folder URI → the file URIs we last set diagnostics on. */
  private readonly published = new Map<string, Set<string>>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly store: BacklogStore) {
    const foldersChanged = (store as Partial<{ onDidChangeFolders: vscode.Event<void> }>).onDidChangeFolders;
    this.subscriptions.push(
      this.collection,
      store.onDidChange((fb) => this.publish(fb)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reconcile()),
      // A deleted backlog file: the store drops it on its next load; clear now so nothing lingers meanwhile.
      vscode.workspace.onDidDeleteFiles((e) => {
        for (const uri of e.files) this.forget(uri);
      }),
    );
    if (foldersChanged) this.subscriptions.push(foldersChanged(() => this.reconcile()));
    for (const fb of store.folders()) this.publish(fb);
  }

  publish(fb: FolderBacklog): void {
    const byUri = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    for (const p of fb.problems) {
      const uri = uriOf(fb, p.file);
      const key = uri.toString();
      let entry = byUri.get(key);
      if (!entry) byUri.set(key, (entry = { uri, diagnostics: [] }));
      entry.diagnostics.push(toDiagnostic(fb, p));
    }
    const folderKey = fb.folder.uri.toString();
    const before = this.published.get(folderKey) ?? new Set<string>();
    for (const old of before) if (!byUri.has(old)) this.collection.delete(vscode.Uri.parse(old));
    for (const { uri, diagnostics } of byUri.values()) this.collection.set(uri, diagnostics);
    this.published.set(folderKey, new Set(byUri.keys()));
  }

  /** Drops the diagnostics of folders that no longer have a backlog. */
  reconcile(): void {
    const live = new Set(this.store.folders().map((fb) => fb.folder.uri.toString()));
    for (const [folderKey, uris] of this.published) {
      if (live.has(folderKey)) continue;
      for (const u of uris) this.collection.delete(vscode.Uri.parse(u));
      this.published.delete(folderKey);
    }
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    for (const uris of this.published.values()) {
      // A deleted folder takes its files with it.
      for (const u of [...uris]) {
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
