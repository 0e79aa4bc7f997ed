// The contract between the extension's backlog store and its consumers
// (views, commands, language features, status bar).
import type * as vscode from 'vscode';
import type { Item, Problem, Workspace } from '../../core/model';

/** One workspace folder that has a backlog, as last read (editor buffers win over disk). */
export interface FolderBacklog {
  folder: vscode.WorkspaceFolder;
  /** Absolute path of the folder root. */
  root: string;
  workspace: Workspace;
  /** Parse + validation problems of all its files. */
  problems: Problem[];
  /** Increments on every reload; edits planned on an older version are stale. */
  version: number;
}

export interface BacklogStore extends vscode.Disposable {
  /** Fires after a folder's backlog was (re)loaded. */
  readonly onDidChange: vscode.Event<FolderBacklog>;
  folders(): readonly FolderBacklog[];
  forUri(uri: vscode.Uri): FolderBacklog | undefined;
  findItem(id: string, folder?: FolderBacklog): { folder: FolderBacklog; item: Item } | undefined;
  /** Re-read now (debounced reloads happen on their own on file and buffer changes). */
  reload(): Promise<void>;
}
