// Source reading for the store: a folder's backlog files as texts, unsaved editor
// buffers winning over disk. Absent and unreadable are different answers: a file
// that exists but cannot be read (permissions, a folder or FIFO in its place, not
// UTF-8) becomes a source with a problem, which the views show as an error row,
// instead of a folder whose backlog silently vanished. Reading and decoding are
// core's (readSourceFile, decodeSource); only the BOM is dropped here, as VS Code's
// documents drop it, so offsets are the editor's.
import * as vscode from 'vscode';
import { archiveDir, archiveFiles, type EntryKind } from '../../core/parse/backlog-files';
import { decodeSource } from '../../core/parse/encoding';
import { readFailure, readSourceFile, type SourceFile } from '../../core/parse/workspace';
import type { FolderPaths } from './files';

export interface Sources {
  backlogs: SourceFile[];
  sprints?: SourceFile;
}

/**
 * Whether a clean document shows `disk`. VS Code opens a file with mixed line endings
 * with one ending throughout, so its buffer can differ from the disk there and only there.
 */
export function showsDiskText(doc: vscode.TextDocument, disk: string): boolean {
  const text = doc.getText();
  if (text === disk) return true;
  return text === disk.replace(/\r\n|\r|\n/g, doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
}

const withoutBom = (s: SourceFile): SourceFile => (s.text.charCodeAt(0) === 0xfeff ? { ...s, text: s.text.slice(1) } : s);

/** A file from the folder's disk: undefined when absent, a source with a problem when unreadable. */
async function readDisk(folder: vscode.WorkspaceFolder, rel: string): Promise<SourceFile | undefined> {
  // Local folders: core's reader (never blocks on a FIFO, tells a folder or a permission error from absence).
  if (folder.uri.scheme === 'file') {
    const src = readSourceFile(folder.uri.fsPath, rel);
    return src && withoutBom(src);
  }
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, rel));
    const { text, problem } = decodeSource(Buffer.from(bytes), rel);
    return withoutBom(problem ? { file: rel, text, problem } : { file: rel, text });
  } catch (e) {
    if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
    return readFailure(rel, e instanceof Error ? e : new Error(String(e)));
  }
}

/**
 * A dirty buffer's text if the file has one, else the disk (as a clean open document
 * shows it, when that differs only in line endings); undefined when it does not exist.
 */
async function readOne(folder: vscode.WorkspaceFolder, rel: string, open: Map<string, vscode.TextDocument>): Promise<SourceFile | undefined> {
  const doc = open.get(vscode.Uri.joinPath(folder.uri, rel).toString());
  if (doc?.isDirty) return { file: rel, text: doc.getText() };
  const disk = await readDisk(folder, rel);
  // Offsets must be the editor's: edits are applied to the document, diagnostics shown on it.
  if (disk && !disk.problem && doc && !doc.isClosed && disk.text !== doc.getText() && showsDiskText(doc, disk.text)) return { file: rel, text: doc.getText() };
  return disk;
}

function entryKind(type: vscode.FileType): EntryKind {
  if (type & vscode.FileType.Directory) return 'folder';
  if (type & vscode.FileType.File) return 'file';
  return 'special';
}

/** The archive files of the folder, by the one rule (core/parse/backlog-files.ts). */
export async function listArchive(folder: vscode.WorkspaceFolder, paths: FolderPaths): Promise<string[]> {
  try {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(folder.uri, archiveDir(paths.backlogPath)));
    return archiveFiles(paths, entries.map(([name, type]) => ({ name, kind: entryKind(type) })));
  } catch {
    return []; // no archive folder
  }
}

/** Every backlog file of the folder: main, archive files (sorted), sprint log. */
export async function readSources(folder: vscode.WorkspaceFolder, paths: FolderPaths): Promise<Sources> {
  // Only dirty buffers differ from the disk on purpose; a clean buffer can lag behind a change made
  // on disk (checkout, another program), and then the disk is the truth.
  const open = new Map<string, vscode.TextDocument>();
  for (const d of vscode.workspace.textDocuments) if (!d.isClosed) open.set(d.uri.toString(), d);
  const list = [paths.backlogPath, ...(await listArchive(folder, paths))];
  const [texts, sprints] = await Promise.all([Promise.all(list.map((f) => readOne(folder, f, open))), readOne(folder, paths.sprintsPath, open)]);
  return { backlogs: texts.filter((t): t is SourceFile => t !== undefined), sprints };
}

/** `sources` with the texts of dirty buffers put in (the typing path: no disk access). */
export function withBuffers(sources: Sources, buffers: ReadonlyMap<string, string>): Sources {
  const put = (s: SourceFile): SourceFile => {
    const text = buffers.get(s.file);
    return text === undefined ? s : { file: s.file, text };
  };
  return { backlogs: sources.backlogs.map(put), sprints: sources.sprints && put(sources.sprints) };
}
