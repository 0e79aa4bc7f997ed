// Where a document sits in a folder's backlog, and model offsets → editor ranges.
import * as vscode from 'vscode';
import { backlogFileRole, type BacklogFileRole } from '../../core/parse/backlog-files';
import { LineIndex } from '../../core/parse/source';
import { modelText } from '../../core/parse/workspace';
import type { Workspace } from '../../core/model';
import { relPath } from '../folders';
import type { BacklogStore, FolderBacklog } from '../model/types';
import { positionIn } from './text';

export type FileKind = BacklogFileRole;

export function fileKind(ws: Pick<Workspace, 'backlogPath' | 'sprintsPath'>, rel: string): FileKind | undefined {
  return backlogFileRole(rel, ws);
}

export interface BacklogDocument {
  fb: FolderBacklog;
  rel: string;
  kind: FileKind;
}

/** The folder backlog and file kind of a document, when it is one of the backlog files. */
export function backlogDocument(store: BacklogStore, uri: vscode.Uri): BacklogDocument | undefined {
  const fb = store.forUri(uri);
  if (!fb) return undefined;
  const rel = relPath(fb.folder, uri);
  const kind = rel === undefined ? undefined : fileKind(fb.workspace, rel);
  return rel !== undefined && kind ? { fb, rel, kind } : undefined;
}

export function uriOf(fb: FolderBacklog, file: string): vscode.Uri {
  return vscode.Uri.joinPath(fb.folder.uri, file);
}

const lineIndexes = new WeakMap<Workspace, Map<string, LineIndex>>();

/** Line index of a file's model text, built once per model. */
export function linesOf(ws: Workspace, file: string): LineIndex | undefined {
  let perFile = lineIndexes.get(ws);
  if (!perFile) lineIndexes.set(ws, (perFile = new Map()));
  let li = perFile.get(file);
  if (!li) {
    const text = modelText(ws, file);
    if (text === undefined) return undefined;
    perFile.set(file, (li = new LineIndex(text)));
  }
  return li;
}

export function toRange(lines: LineIndex, offset: number, end: number): vscode.Range {
  const a = positionIn(lines, offset);
  const b = positionIn(lines, Math.max(offset, end));
  return new vscode.Range(a.line, a.character, b.line, b.character);
}
