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
  /**
   * Read after a pause in typing in a backlog buffer (not on request, as after a command's own
   * edit): views may let the typing settle before they redraw.
   */
  typed?: boolean;
}

/**
 * What views, commands, language features, the status bar and the history service
 * depend on (never the Store class): the folders' latest models and their changes.
 */
export interface BacklogStore extends vscode.Disposable {
  /** Fires after a folder's backlog was (re)loaded. */
  readonly onDidChange: vscode.Event<FolderBacklog>;
  /** Fires when a folder gains or loses its backlog (views rebuild their top level). */
  readonly onDidChangeFolders: vscode.Event<void>;
  /** Starts the first load in the background (activation never parses). */
  start(): void;
  /** Resolves when the first load is done. */
  ready(): Promise<void>;
  /** Folders with a backlog, in workspace order. */
  folders(): readonly FolderBacklog[];
  forUri(uri: vscode.Uri): FolderBacklog | undefined;
  /** The latest state of a folder (after `reloadFolder` it is the fresh one). */
  get(folder: vscode.WorkspaceFolder): FolderBacklog | undefined;
  findItem(id: string, folder?: FolderBacklog): { folder: FolderBacklog; item: Item } | undefined;
  /** Re-read every folder now (debounced reloads happen on their own on file and buffer changes). */
  reload(): Promise<void>;
  /**
   * Re-reads one folder now (buffers first) and returns its new state. `edited`: the buffers (by
   * folder-relative path) a command just edited, whose texts are then the only ones read (no disk
   * access: the command reloads fully after saving them).
   */
  reloadFolder(folder: vscode.WorkspaceFolder, edited?: ReadonlyMap<string, vscode.TextDocument>): Promise<FolderBacklog | undefined>;
}
