// Hover on an item id in any text: code, comments, Markdown, the git commit
// message box. Ids are recognised by the projects' prefixes (`PAY-12`), never
// by looking up every word.
import * as vscode from 'vscode';
import type { HistoryReader } from '../history/service';
import type { BacklogStore, FolderBacklog } from '../model/types';
import { hoverMarkdown } from './hover-text';
import { buildIdRegex, findIdAt, idPrefixes } from './ids';

/** Files, unsaved buffers, the SCM commit input (and git's COMMIT_EDITMSG editor). */
export const HOVER_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file' },
  { scheme: 'untitled' },
  { scheme: 'vscode-scm' },
  { language: 'git-commit' },
  { language: 'scminput' },
];

export class ItemHover implements vscode.HoverProvider {
  private cache: { key: string; regex: RegExp | undefined } | undefined;

  constructor(private readonly store: BacklogStore, private readonly history?: HistoryReader) {}

  /** One regex for the prefixes of every folder, rebuilt only when a model changes. */
  private regex(folders: readonly FolderBacklog[]): RegExp | undefined {
    const key = folders.map((f) => `${f.folder.uri.toString()}@${f.version}`).join('|');
    if (this.cache?.key !== key) {
      const prefixes = new Set(folders.flatMap((f) => idPrefixes(f.workspace)));
      this.cache = { key, regex: buildIdRegex([...prefixes]) };
    }
    return this.cache.regex;
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const folders = this.store.folders();
    if (folders.length === 0) return undefined;
    const regex = this.regex(folders);
    if (!regex) return undefined;
    const line = document.lineAt(position.line).text;
    const match = findIdAt(line, position.character, regex);
    if (!match) return undefined;
    // The document's own folder first: two repositories may both have a PAY-12.
    const own = this.store.forUri(document.uri);
    const found = (own && this.store.findItem(match.id, own)) ?? this.store.findItem(match.id);
    if (!found) return undefined;
    const { folder: fb, item } = found;
    const link = vscode.Uri.joinPath(fb.folder.uri, item.file).with({ fragment: `L${item.source.line}` }).toString();
    const md = new vscode.MarkdownString(hoverMarkdown(item, fb.workspace, { timeline: this.history?.timeline(fb.root, item.id), link }));
    md.isTrusted = false;
    md.supportHtml = false;
    md.supportThemeIcons = false;
    return new vscode.Hover(md, new vscode.Range(position.line, match.start, position.line, match.end));
  }
}
