// Where things sit among the workspace folders: a file's folder-relative path
// and a folder named by a key (the rows' `folderKey`, a command's `folder`
// argument). Every part of the extension asks here.
import type * as vscode from 'vscode';

/** Forward-slash path of `uri` inside `folder`, or undefined when it is outside (other scheme, authority or path). */
export function relPath(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string | undefined {
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : folder.uri.path + '/';
  if (uri.scheme !== folder.uri.scheme || uri.authority !== folder.uri.authority || !uri.path.startsWith(base)) return undefined;
  return uri.path.slice(base.length);
}

/** The key rows and the views use for a folder: its URI string. */
export function folderKeyOf(folder: vscode.WorkspaceFolder): string {
  return folder.uri.toString();
}

/**
 * The entry whose folder a key names: its URI string (rows' `folderKey`), its
 * name, or its root path; the only entry when no key is given (several: undefined,
 * the caller must ask — never a silent first pick).
 */
export function folderByKey<T extends { folder: vscode.WorkspaceFolder; root?: string }>(all: readonly T[], key: string | undefined): T | undefined {
  if (key === undefined) return all.length === 1 ? all[0] : undefined;
  return all.find((f) => folderKeyOf(f.folder) === key || f.folder.name === key || (f.root !== undefined && f.root === key));
}
