// All of one repository's backlog files → one Workspace model.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_STATES, type BacklogFile, type Item, type Problem, type Workspace } from '../model';
import { chunkLayouts, parseBacklog } from './backlog';
import { reparseBacklog } from './incremental';
import { archiveFilesOnDisk, DEFAULT_BACKLOG_PATH, DEFAULT_SPRINTS_PATH } from './backlog-files';
import { decodeSource } from './encoding';
import { readRegularFile } from './regular-file';
import { parseSprints } from './sprints';

export interface WorkspacePaths {
  /** Repo-relative, forward slashes. */
  backlogPath?: string;
  sprintsPath?: string;
}

/** One file's text as given to the model (from disk, an editor buffer or a git blob). */
export interface SourceFile {
  file: string;
  text: string;
  /** Why the file could not be read as text (not UTF-8, not a regular file, unreadable): it is then not parsed. */
  problem?: Problem;
}

/**
 * Build the model from file texts (pure: no I/O). `backlogs` holds the main
 * file and any archive files; the main one is recognised by `paths.backlogPath`.
 * `prev`, a model built earlier from texts of the same files, is reused where the
 * texts are unchanged or only partly changed (the editor's path: one keystroke
 * re-parses one item); the result is the same as without it.
 */
export function buildWorkspace(root: string, backlogs: SourceFile[], sprints: SourceFile | undefined, paths: WorkspacePaths = {}, prev?: Workspace): Workspace {
  const backlogPath = paths.backlogPath ?? DEFAULT_BACKLOG_PATH;
  const sprintsPath = paths.sprintsPath ?? DEFAULT_SPRINTS_PATH;
  const ordered = [...backlogs].sort((a, b) => (a.file === backlogPath ? -1 : b.file === backlogPath ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const parseProblems: Problem[] = [];
  const files: BacklogFile[] = [];
  for (const src of ordered) {
    if (src.problem) {
      parseProblems.push(src.problem);
      continue;
    }
    const before = prev?.backlogs.find((b) => b.file === src.file);
    const { backlog, problems } = before ? reparseBacklog(before, src.text) : parseBacklog(src.text, src.file);
    parseProblems.push(...problems);
    if (backlog) files.push(backlog);
  }
  let sprintLog;
  if (sprints?.problem) parseProblems.push(sprints.problem);
  else if (sprints && prev?.sprintLog?.file === sprints.file && prev.sprintLog.text === sprints.text) {
    // Unchanged: the same log, with the parse problems it had (warnings only: it parsed).
    parseProblems.push(...prev.parseProblems.filter((p) => p.file === sprints.file));
    sprintLog = prev.sprintLog;
  } else if (sprints) {
    const parsed = parseSprints(sprints.text, sprints.file);
    parseProblems.push(...parsed.problems);
    sprintLog = parsed.sprintLog;
  }
  const main = files.find((f) => f.file === backlogPath);
  const items: Item[] = [];
  for (let k = 0; k < files.length; k++) {
    const f = files[k];
    const base = items.length;
    // Items of a reused parse may be the previous model's too: never change them, copy the moved ones.
    if (!f.items.every((item, i) => item.rank === base + i)) files[k] = withItems(f, f.items.map((item, i) => (item.rank === base + i ? item : { ...item, rank: base + i })));
    for (const item of files[k].items) items.push(item);
  }
  return {
    root,
    backlogPath,
    sprintsPath,
    backlogs: files,
    sprintLog,
    items,
    epics: files.flatMap((f) => f.epics),
    states: main?.states && Object.keys(main.states).length > 0 ? main.states : { ...DEFAULT_STATES },
    project: main?.project,
    parseProblems,
  };
}

/** `f` with other item objects (its chunk layout kept: the same chunks at the same places). */
function withItems(f: BacklogFile, items: Item[]): BacklogFile {
  const next = { ...f, items };
  const layout = chunkLayouts.get(f);
  if (layout) chunkLayouts.set(next, layout);
  return next;
}

/** Read the backlog files of a folder from disk (missing files are simply absent). */
export function readSourceFiles(root: string, paths: WorkspacePaths = {}): { backlogs: SourceFile[]; sprints?: SourceFile } {
  const backlogPath = paths.backlogPath ?? DEFAULT_BACKLOG_PATH;
  const sprintsPath = paths.sprintsPath ?? DEFAULT_SPRINTS_PATH;
  const read = (file: string): SourceFile | undefined => readSourceFile(root, file);
  const backlogs: SourceFile[] = [];
  const main = read(backlogPath);
  if (main) backlogs.push(main);
  for (const file of archiveFilesOnDisk(root, { backlogPath, sprintsPath })) {
    const f = read(file);
    if (f) backlogs.push(f);
  }
  return { backlogs, sprints: read(sprintsPath) };
}

/**
 * One file from disk: undefined when it does not exist; otherwise its text, or
 * the problem of why it cannot be read as text (never blocks on a FIFO).
 */
export function readSourceFile(root: string, file: string): SourceFile | undefined {
  const problem = (message: string, hint: string): SourceFile => unreadableSource(file, message, hint);
  const r = readRegularFile(path.join(root, file));
  switch (r.kind) {
    case 'missing':
      return undefined;
    case 'special':
      return problem(`${file} is ${r.what}, not a regular file: Sprintlog does not read it.`, `Replace ${file} with the YAML file itself (\`git checkout -- ${file}\` restores the committed one).`);
    case 'error':
      return readFailure(file, r.error);
    case 'ok': {
      const { text, problem: undecodable } = decodeSource(r.data, file);
      return undecodable ? { file, text, problem: undecodable } : { file, text };
    }
  }
}

/** A file that exists but could not be read (permissions, I/O): an error at 1:1, never an absent file. */
export function readFailure(file: string, error: Error): SourceFile {
  return unreadableSource(file, `${file} cannot be read: ${error.message}.`, 'Check the file\'s permissions; nothing is written while it cannot be read.');
}

function unreadableSource(file: string, message: string, hint: string): SourceFile {
  return { file, text: '', problem: { file, line: 1, column: 1, offset: 0, end: 0, severity: 'error', code: 'yaml-syntax', message, hint } };
}

/** The text the model parsed for a file (main, archive or sprint log); undefined when it did not parse. */
export function modelText(ws: Pick<Workspace, 'backlogs' | 'sprintLog'>, file: string): string | undefined {
  if (ws.sprintLog?.file === file) return ws.sprintLog.text;
  return ws.backlogs.find((b) => b.file === file)?.text;
}

export function loadWorkspace(root: string, paths: WorkspacePaths = {}): Workspace {
  const { backlogs, sprints } = readSourceFiles(root, paths);
  return buildWorkspace(root, backlogs, sprints, paths);
}

/** Walk up from `start` to the folder holding `.git` (like git does), or the first one holding the backlog file. */
export function findRepoRoot(start: string, backlogPath = DEFAULT_BACKLOG_PATH): string | undefined {
  let dir = path.resolve(start);
  let backlogDir: string | undefined;
  for (;;) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (!backlogDir && fs.existsSync(path.join(dir, backlogPath))) backlogDir = dir;
    const up = path.dirname(dir);
    if (up === dir) return backlogDir;
    dir = up;
  }
}
