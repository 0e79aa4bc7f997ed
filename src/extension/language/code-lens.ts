// One CodeLens above each item of a backlog file: `in-progress · 5 pts · age 3d`.
// Computed from the model and the history service's cache: never git per lens.
// Only for the items around what the editors show (VS Code asks again after every
// keystroke; 5,000 lenses each time were most of the typing lag at 5,000 items):
// scrolling past the covered lines asks for the lenses there.
import * as vscode from 'vscode';
import type { HistoryReader } from '../history/service';
import type { BacklogStore } from '../model/types';
import { backlogDocument, linesOf } from './files';
import { codeLensText } from './lens-text';
import { positionIn } from './text';

/** Lines above and below the visible ones that get lenses too, so a scroll shows them at once. */
export const LENS_MARGIN_LINES = 200;
/** Scrolling moves the visible ranges many times a second: re-ask once it rests. */
const SCROLL_DELAY_MS = 100;

type Span = [from: number, to: number];

/** 0-based line spans (visible ranges ± margin) of the editors showing `doc`; undefined when none shows it. */
function visibleSpans(doc: vscode.TextDocument): Span[] | undefined {
  const spans: Span[] = [];
  for (const e of vscode.window.visibleTextEditors) {
    if (e.document !== doc) continue;
    for (const r of e.visibleRanges) spans.push([r.start.line - LENS_MARGIN_LINES, r.end.line + LENS_MARGIN_LINES]);
  }
  return spans.length > 0 ? spans : undefined;
}

export class ItemCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  /** Document URI → the spans its last lenses covered (undefined: all items). */
  private readonly covered = new Map<string, Span[] | undefined>();
  private scrollTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly store: BacklogStore, private readonly history?: HistoryReader) {
    this.subscriptions = [
      this.changed,
      store.onDidChange(() => this.changed.fire()),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.onScroll(e.textEditor)),
      vscode.workspace.onDidCloseTextDocument((d) => this.covered.delete(d.uri.toString())),
      { dispose: () => clearTimeout(this.scrollTimer) },
    ];
    if (history) this.subscriptions.push(history.onDidChange(() => this.changed.fire()));
  }

  private onScroll(editor: vscode.TextEditor): void {
    const spans = this.covered.get(editor.document.uri.toString());
    if (!spans) return; // never asked, or every item has its lens
    const inside = editor.visibleRanges.every((r) => spans.some(([a, b]) => r.start.line >= a && r.end.line <= b));
    if (inside) return;
    clearTimeout(this.scrollTimer);
    this.scrollTimer = setTimeout(() => this.changed.fire(), SCROLL_DELAY_MS);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const at = backlogDocument(this.store, document.uri);
    if (!at || at.kind === 'sprints') return [];
    const ws = at.fb.workspace;
    const lines = linesOf(ws, at.rel);
    if (!lines) return []; // the file does not parse: its diagnostics say why
    const spans = visibleSpans(document);
    this.covered.set(document.uri.toString(), spans);
    const lenses: vscode.CodeLens[] = [];
    for (const item of ws.items) {
      if (item.file !== at.rel) continue;
      const first = item.source.line - 1;
      if (spans && !spans.some(([a, b]) => first >= a && first <= b)) continue;
      const p = positionIn(lines, item.source.offset);
      // Above the item's own comment lines, not between them and the item.
      let line = p.line;
      while (line > 0 && document.lineAt(line - 1).text.trimStart().startsWith('#')) line--;
      const title = codeLensText(item, ws.states, this.history?.timeline(at.fb.root, item.id));
      const character = Math.min(p.character, document.lineAt(line).text.length);
      // No command: the lens is information; an empty command id renders it as plain text.
      lenses.push(new vscode.CodeLens(new vscode.Range(line, character, line, character), { title, command: '' }));
    }
    return lenses;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
