// File classification for the store: a folder's backlog paths (from its settings)
// and which of its URIs are backlog files. The rule itself is core's
// (core/parse/backlog-files.ts); this only maps VS Code URIs and settings onto it.
import type * as vscode from 'vscode';
import { backlogFileRole, type BacklogFileRole } from '../../core/parse/backlog-files';
import { readSettings } from './config';
import { relPath } from '../folders';

export interface FolderPaths {
  backlogPath: string;
  sprintsPath: string;
}

/** The folder's backlog paths as its settings give them. */
export function folderPaths(folder: vscode.WorkspaceFolder): FolderPaths {
  const s = readSettings(folder);
  return { backlogPath: s.backlogFile, sprintsPath: s.sprintsFile };
}

export function samePaths(a: FolderPaths, b: FolderPaths): boolean {
  return a.backlogPath === b.backlogPath && a.sprintsPath === b.sprintsPath;
}

/** The role of `uri` in the folder's backlog, with its folder-relative path. */
export function roleOfUri(folder: vscode.WorkspaceFolder, paths: FolderPaths, uri: vscode.Uri): { rel: string; role: BacklogFileRole } | undefined {
  const rel = relPath(folder, uri);
  const role = rel === undefined ? undefined : backlogFileRole(rel, paths);
  return rel !== undefined && role ? { rel, role } : undefined;
}
