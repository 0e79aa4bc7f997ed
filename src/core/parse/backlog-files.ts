// Which files are backlog files: the one rule for every place that lists,
// reads, watches or classifies them (the CLI's reader, the history engine's
// working tree and commit trees, the extension's store, watcher and editor
// features, the other-branches id lookup). Before, seven copies had their own
// filters and disagreed (a folder named `old.yaml` in the archive was an error
// for the CLI and nothing for the extension; a symlink in a commit tree counted
// for one reader and not another).
//
// The rule, for paths relative to the repository (forward slashes):
// - the main file is `backlogPath` (setting `sprintlog.backlogFile`, default below);
// - the sprint log is `sprintsPath` (setting `sprintlog.sprintsFile`);
// - archive files are the `*.yaml` and `*.yml` entries directly inside the
//   `archive` folder next to the main file, other than the main file and the sprint
//   log; sub-folders of the archive are not read.
// What counts as an entry depends on where it is listed (see `archiveEntryCounts`).

import * as fs from 'node:fs';
import * as path from 'node:path';

export const DEFAULT_BACKLOG_PATH = 'backlog/backlog.yaml';
export const DEFAULT_SPRINTS_PATH = 'backlog/sprints.yaml';

export interface BacklogPaths {
  /** Repo-relative, forward slashes. */
  backlogPath: string;
  /** Unknown to callers that never read the sprint log (the history engine). */
  sprintsPath?: string;
}

export type BacklogFileRole = 'main' | 'archive' | 'sprints';

/** The archive folder sits next to the main backlog file: `backlog/archive/*.yaml`. */
export function archiveDir(backlogPath: string): string {
  return path.posix.join(path.posix.dirname(backlogPath), 'archive');
}

/** A name an archive file may have. */
export function isArchiveName(name: string): boolean {
  return /\.ya?ml$/.test(name);
}

/** The role of a repo-relative path in a folder's backlog (an editor's document, a watcher's event), or undefined. */
export function backlogFileRole(rel: string, paths: BacklogPaths): BacklogFileRole | undefined {
  if (rel === paths.sprintsPath) return 'sprints';
  if (rel === paths.backlogPath) return 'main';
  return path.posix.dirname(rel) === archiveDir(paths.backlogPath) && isArchiveName(rel) ? 'archive' : undefined;
}

/**
 * How a listing reports an entry of the archive folder:
 * - `file`: a regular file (in a commit tree: mode 100644 or 100755);
 * - `folder`: a folder (a tree), never a backlog file;
 * - `special`: anything else in a working tree (FIFO, device, socket, a link to one): it counts, and
 *   its reader reports that it cannot be read (never a silent gap in the items);
 * - `link`: a symbolic link in a commit tree (mode 120000): its blob is a path, not YAML, so it does not count.
 */
export type EntryKind = 'file' | 'folder' | 'special' | 'link';

export function archiveEntryCounts(kind: EntryKind): boolean {
  return kind === 'file' || kind === 'special';
}

/** Git tree entry mode → EntryKind (`ls-tree` and binary tree objects give the same modes). */
export function treeEntryKind(mode: string): EntryKind {
  if (mode === '100644' || mode === '100755') return 'file';
  if (mode === '120000') return 'link';
  return 'folder'; // 40000 (tree) and 160000 (submodule)
}

/** The archive files among the entries of the archive folder, repo-relative, sorted by path (the items' rank order). */
export function archiveFiles(paths: BacklogPaths, entries: Iterable<{ name: string; kind: EntryKind }>): string[] {
  const dir = archiveDir(paths.backlogPath);
  const out: string[] = [];
  for (const e of entries) {
    const rel = path.posix.join(dir, e.name);
    if (archiveEntryCounts(e.kind) && backlogFileRole(rel, paths) === 'archive') out.push(rel);
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The archive files of a working tree at `root` (none when the folder is absent or unreadable). */
export function archiveFilesOnDisk(root: string, paths: BacklogPaths): string[] {
  const dir = path.join(root, archiveDir(paths.backlogPath));
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return archiveFiles(paths, names.map((name) => ({ name, kind: diskEntryKind(path.join(dir, name)) })));
}

/** A working-tree entry's kind; links are followed (a link to a file reads as that file). */
export function diskEntryKind(full: string): EntryKind {
  try {
    const st = fs.statSync(full);
    return st.isFile() ? 'file' : st.isDirectory() ? 'folder' : 'special';
  } catch {
    return 'special'; // a dangling link or no permission: its reader says why
  }
}

/** Glob (relative to the folder) matching every backlog file of `paths`, for file watchers. */
export function backlogFilesGlob(paths: Required<BacklogPaths>): string {
  const dir = archiveDir(paths.backlogPath);
  return `{${paths.backlogPath},${paths.sprintsPath},${dir}/*.yaml,${dir}/*.yml}`;
}
