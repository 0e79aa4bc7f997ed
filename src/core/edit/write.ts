// Writing edits to disk so that no edit is lost (Node callers only; the edit
// engine itself has no I/O):
// - editWorkspace holds the backlog's lock file (./lock) from reading the files
//   to renaming the new ones, so concurrent Sprintlog writers queue up;
// - nothing is written while any backlog file does not parse, and an edit that
//   adds an error the files did not have is refused (unless forced);
// - writeTexts replaces each file atomically (temp file + rename in the real
//   file's folder, through a symbolic link, mode and owner kept) only if it
//   still holds the bytes the plan was computed from. A writer that does not
//   take the lock (an editor saving) is caught by a hard link to the file as
//   read: if its content changes between the check and the rename, the rename
//   is undone and the edit refused.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Workspace } from '../model';
import { DEFAULT_BACKLOG_PATH } from '../parse/backlog-files';
import { loadWorkspace, modelText, type WorkspacePaths } from '../parse/workspace';
import { validateWorkspace } from '../validate';
import { applyPlanToFiles } from './apply';
import { errCode } from '../errno';
import { LockError, lockPathFor, withLock } from './lock';
import { at, refuseNewErrors } from './new-errors';
export { InvalidEditError } from './new-errors';
import { type EditPlan, EditError } from './types';

/** Problems that mean a file's items are not known, so no write may go through (whatever `force` says). */
const UNREADABLE_CODES = new Set(['yaml-syntax', 'version-unsupported']);

export interface EditOptions {
  paths?: WorkspacePaths;
  /** Write even when the result has new validation errors (never when a file does not parse). */
  force?: boolean;
}

export interface Edited {
  ws: Workspace;
  plan: EditPlan;
  /** Repo-relative paths written. */
  files: string[];
}

/**
 * Read the backlog files under the lock, plan on them, check the result and
 * write it. `planOn` may throw (an EditError or a usage error) to refuse.
 */
export function editWorkspace(root: string, planOn: (ws: Workspace) => EditPlan, opts: EditOptions = {}): Edited {
  const backlogPath = opts.paths?.backlogPath ?? DEFAULT_BACKLOG_PATH;
  const main = path.join(root, backlogPath);
  if (!fs.existsSync(path.dirname(main))) throw new EditError(`no backlog file: ${backlogPath} does not exist in ${root}.`);
  // Next to the real file (a symbolic link resolved): the folder every writer must write in anyway.
  const real = realOrSelf(main);
  try {
    return withLock(lockPathFor(real), () => editLocked(root, planOn, opts));
  } catch (e) {
    if (e instanceof LockError) {
      throw new EditError(`cannot write ${backlogPath}${real === main ? '' : ` (a link to ${real})`}: its folder ${path.dirname(real)} is not writable (${e.code}); nothing was written.`);
    }
    throw e;
  }
}

function realOrSelf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

function editLocked(root: string, planOn: (ws: Workspace) => EditPlan, opts: EditOptions): Edited {
  const ws = loadWorkspace(root, opts.paths);
  const before = validateWorkspace(ws);
  const unreadable = before.find((p) => p.severity === 'error' && (ws.parseProblems.includes(p) || UNREADABLE_CODES.has(p.code)));
  if (unreadable) {
    throw new EditError(`${at(unreadable)}: ${unreadable.message} Nothing is written while a backlog file does not parse (its items, and so the ids in use, are unknown); fix it first.`, unreadable);
  }
  if (ws.backlogs.length === 0) throw new EditError(`no backlog file: ${ws.backlogPath} does not exist in ${ws.root}.`);
  const plan = planOn(ws);
  const texts = applyPlanToFiles(ws, plan);
  if (texts.size === 0) return { ws, plan, files: [] };
  if (!opts.force) refuseNewErrors(ws, texts, before);
  return { ws, plan, files: writeTexts(ws, texts) };
}

/** One file on its way to disk. */
interface Pending {
  file: string;
  /** The file itself: a symbolic link resolved. */
  real: string;
  expected: Buffer;
  text: string;
  tmp: string;
  /** A hard link to the file as it was when checked (undefined where the file system has none). */
  held?: string;
  renamed?: boolean;
}

function writeTexts(ws: Workspace, texts: Map<string, string>): string[] {
  const pending: Pending[] = [];
  try {
    for (const [file, text] of texts) {
      const parsed = modelText(ws, file);
      if (parsed === undefined) throw new EditError(`${file}: the plan edits a file the workspace does not hold.`);
      pending.push(prepare(ws.root, file, text, Buffer.from(parsed, 'utf8')));
    }
    // Check all files first: nothing is written if any of them changed on disk.
    for (const p of pending) hold(p);
    try {
      for (const p of pending) {
        if (!stillHeld(p)) throw changedOnDisk(p.file);
        fs.renameSync(p.tmp, p.real);
        p.renamed = true;
      }
      // A writer without the lock (an editor saving in place) may have written between check and rename.
      const clobbered = pending.find((p) => p.held !== undefined && !fs.readFileSync(p.held).equals(p.expected));
      if (clobbered) throw changedOnDisk(clobbered.file);
    } catch (e) {
      // All files or none: the ones already renamed get their held originals back.
      for (const p of pending) undo(p);
      throw e;
    }
    return pending.map((p) => p.file);
  } finally {
    for (const p of pending) {
      if (!p.renamed) fs.rmSync(p.tmp, { force: true });
      if (p.held) fs.rmSync(p.held, { force: true });
    }
  }
}

function changedOnDisk(file: string): EditError {
  return new EditError(`${file}: the file changed on disk (or is not valid UTF-8) since it was read; nothing was written. Run the command again.`);
}

/** The new text in a temp file beside the real file, with its mode and (where allowed) owner; refuses read-only files. */
function prepare(root: string, file: string, text: string, expected: Buffer): Pending {
  const link = path.join(root, file);
  let real: string;
  let st: fs.Stats;
  try {
    real = fs.realpathSync(link);
    st = fs.statSync(real);
  } catch (e) {
    throw new EditError(`${file}: cannot read it (${errCode(e) ?? String(e)}); nothing was written.`);
  }
  if (!st.isFile()) throw new EditError(`${file}: not a regular file; nothing was written.`);
  const shown = real === link ? file : `${file} (a link to ${real})`;
  const mode = st.mode & 0o7777;
  if ((mode & 0o222) === 0 || !accessible(real, fs.constants.W_OK)) {
    throw new EditError(`${shown} is read-only (mode ${mode.toString(8).padStart(4, '0')}); nothing was written. Make it writable (chmod u+w) to edit it.`);
  }
  const dir = path.dirname(real);
  const tmp = path.join(dir, `.${path.basename(real)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}.tmp`);
  let fd: number;
  try {
    fd = fs.openSync(tmp, 'wx', 0o600);
  } catch (e) {
    throw new EditError(`cannot write ${shown}: its folder ${dir} is not writable (${errCode(e) ?? String(e)}), and the file is replaced through a new file there; nothing was written.`);
  }
  try {
    fs.writeFileSync(fd, text, 'utf8');
    // The umask applied to openSync's mode: set the file's own mode exactly, and its owner where allowed.
    fs.fchmodSync(fd, mode);
    if (process.getuid && (st.uid !== process.getuid() || st.gid !== process.getgid?.())) {
      try {
        fs.fchownSync(fd, st.uid, st.gid);
      } catch {
        // only root may give a file away: it then belongs to the writer, as any editor's save would
      }
    }
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw new EditError(`cannot write ${shown}: ${errCode(e) ?? String(e)} while writing ${tmp}; nothing was written.`);
  }
  fs.closeSync(fd);
  return { file, real, expected, text, tmp };
}

function accessible(file: string, mode: number): boolean {
  try {
    fs.accessSync(file, mode);
    return true;
  } catch {
    return false;
  }
}

/** Keep a second name for the file as it is now, so a write into it after the check is seen. */
function hold(p: Pending): void {
  const held = `${p.tmp}.orig`;
  try {
    fs.linkSync(p.real, held);
    p.held = held;
  } catch {
    // no hard links here (some network and FUSE file systems): only the check below
  }
  const bytes = fs.readFileSync(p.held ?? p.real);
  if (!bytes.equals(p.expected)) throw changedOnDisk(p.file);
}

/** The file is still the one held and still has the bytes read. */
function stillHeld(p: Pending): boolean {
  if (!p.held) return fs.readFileSync(p.real).equals(p.expected);
  const [a, b] = [fs.statSync(p.real), fs.statSync(p.held)];
  return a.ino === b.ino && a.dev === b.dev && fs.readFileSync(p.held).equals(p.expected);
}

/** Put the held file back where ours went, unless ours was changed since as well. */
function undo(p: Pending): void {
  if (!p.renamed || !p.held) return;
  if (fs.readFileSync(p.real, 'utf8') !== p.text) return;
  fs.renameSync(p.held, p.real);
  p.held = undefined;
}
