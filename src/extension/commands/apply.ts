// Applying edit plans to the backlog files through VS Code, so every change is
// in the editor's undo stack and never written behind a dirty buffer:
//  1. refuse if the workspace is untrusted or a backlog file does not parse;
//  2. plan on the model, open the documents the plan touches and check their
//     text is exactly the text the model was parsed from (and, for a clean
//     document, the text on disk); if not, reload from the buffers and plan
//     once more (offsets are never applied to other text);
//  3. apply one WorkspaceEdit (one undo step), then save the documents that
//     were clean before, so git and the CLI see the change. A document that
//     already had unsaved changes of the user's is left unsaved: saving it
//     would write their half-done typing too (auto-commit is then skipped);
//  4. optionally commit just Sprintlog's change (sprintlog.autoCommit): the
//     file's bytes on disk before the edit and those bytes with the plan's
//     edits, so neither the user's other uncommitted edits in the file nor
//     anything a save participant adds is committed (see ../git/commit.ts).
import * as vscode from 'vscode';
import { applyPlanToFiles, planEdits } from '../../core/edit';
import { EditError, type EditOp, type EditPlan } from '../../core/edit/types';
import type { Workspace } from '../../core/model';
import { readSettings } from '../model/config';
import { readRegularFile } from '../../core/parse/regular-file';
import { modelText } from '../../core/parse/workspace';
import { showsDiskText } from '../model/sources';
import type { BacklogStore, FolderBacklog } from '../model/types';
import type { FileChange } from '../git/commit';
import type { GitService } from '../git/service';
import { commitMessage } from '../../core/edit/describe';
import { Refusal } from '../errors';


export interface ApplyOptions {
  reservedIds?: Iterable<string>;
  /** Overrides the generated commit message. */
  message?: string;
}

export interface Applied {
  folder: FolderBacklog;
  plan: EditPlan;
  ops: EditOp[];
  commit?: string;
}

export function refuseUnwritable(fb: FolderBacklog): void {
  if (!vscode.workspace.isTrusted) throw new Refusal('Sprintlog does not change files in a restricted workspace. Trust the workspace to edit the backlog.');
  const p = fb.workspace.parseProblems.find((x) => x.severity === 'error');
  if (p) throw new Refusal(`Sprintlog does not write the backlog while ${p.file} does not parse (${p.line}:${p.column}: ${p.message}). Fix the file first.`);
}

type OpsOf = EditOp[] | ((ws: Workspace) => EditOp[]);

interface Prepared {
  plan: EditPlan;
  ops: EditOp[];
  docs: Map<string, vscode.TextDocument>;
  /** Bytes on disk of each clean document (which shows exactly them) when it was checked. */
  disk: Map<string, Uint8Array>;
}

async function prepare(fb: FolderBacklog, opsOf: OpsOf, opts: ApplyOptions): Promise<Prepared | 'stale'> {
  refuseUnwritable(fb);
  const ops = typeof opsOf === 'function' ? opsOf(fb.workspace) : opsOf;
  let plan: EditPlan;
  try {
    plan = planEdits(fb.workspace, ops, { reservedIds: opts.reservedIds ? new Set(opts.reservedIds) : undefined });
  } catch (e) {
    if (e instanceof EditError) throw new Refusal(e.message);
    throw e;
  }
  const docs = new Map<string, vscode.TextDocument>();
  const diskBytes = new Map<string, Uint8Array>();
  for (const file of new Set(plan.edits.map((e) => e.file))) {
    const uri = vscode.Uri.joinPath(fb.folder.uri, file);
    // A clean document is saved after the edit: it must still be the file on disk. It can lag
    // behind a change made there (VS Code re-reads it a moment later), and after the file was
    // deleted or moved it keeps the old text, which saving would write back.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const bytes = open?.isDirty ? undefined : await readBytes(uri);
    const disk = bytes && decoder.decode(bytes);
    if (!open?.isDirty && disk === undefined) throw new Refusal(`${file} is no longer on disk (deleted or moved); nothing was changed.`);
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.getText() !== modelText(fb.workspace, file)) return 'stale';
    if (disk !== undefined && !doc.isDirty && !showsDiskText(doc, disk)) return 'stale';
    docs.set(file, doc);
    if (bytes) diskBytes.set(file, bytes);
  }
  return { plan, ops, docs, disk: diskBytes };
}

const decoder = new TextDecoder('utf-8');

/** A file's bytes on disk, undefined when it does not exist (or is not a file that can be read). */
async function readBytes(uri: vscode.Uri): Promise<Uint8Array | undefined> {
  // A local file is read here, as the store reads it: no round trip through VS Code for 600 KB.
  if (uri.scheme === 'file') {
    const r = readRegularFile(uri.fsPath);
    return r.kind === 'ok' ? r.data : undefined;
  }
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch {
    return undefined;
  }
}

export async function applyOps(store: BacklogStore, git: GitService, fb: FolderBacklog, opsOf: OpsOf, opts: ApplyOptions = {}): Promise<Applied | undefined> {
  let current = fb;
  let prepared = await prepare(current, opsOf, opts);
  if (prepared === 'stale' || prepared.plan.edits.length === 0) {
    // The buffer moved on since the model was read, or the model says there is nothing to change
    // (and no document was compared, so it may be an old one): read the buffers now and plan again, once.
    const latest = await store.reloadFolder(fb.folder);
    if (prepared === 'stale' || (latest !== undefined && latest !== current)) {
      current = latest ?? fb;
      prepared = await prepare(current, opsOf, opts);
      if (prepared === 'stale') throw new Refusal('The backlog file changed while Sprintlog was editing it; nothing was changed. Try again.');
    }
  }
  const { plan, ops, docs, disk } = prepared;
  if (plan.edits.length === 0) return { folder: current, plan, ops };
  // No await between the check in prepare() and building the edit for the same text: re-check synchronously.
  const edit = new vscode.WorkspaceEdit();
  for (const e of plan.edits) {
    const doc = docs.get(e.file)!;
    if (doc.getText() !== modelText(current.workspace, e.file)) throw new Refusal('The backlog file changed while Sprintlog was editing it; nothing was changed. Try again.');
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.newText);
  }
  const wasDirty = new Map([...docs].map(([f, d]) => [f, d.isDirty]));
  if (!(await vscode.workspace.applyEdit(edit))) throw new Refusal('VS Code did not apply the edit (the file may be read-only); nothing was changed.');
  // The views follow the edited buffers now, while VS Code saves (the save is a round trip of
  // its own): only their texts are read; the full reload after the save sees the same text.
  // A failure here is reported by the reload after the save.
  const early = store.reloadFolder(current.folder, docs).catch(() => undefined);
  let allSaved = true;
  for (const [file, doc] of docs) {
    if (wasDirty.get(file)) allSaved = false;
    else if (!(await doc.save())) await saveBehindStaleDocument(doc, file, disk.get(file));
  }
  const applied: Applied = { folder: current, plan, ops };
  const settings = readSettings(current.folder);
  if (settings.autoCommit && git.available) {
    if (!allSaved) {
      void vscode.window.showWarningMessage('Sprintlog did not auto-commit: the backlog file has unsaved changes of yours. Save and commit it yourself.');
    } else {
      try {
        applied.commit = await git.commitChanges(current, sprintlogChanges(current.workspace, plan, disk), opts.message ?? commitMessage(ops, plan.newIds));
      } catch (e) {
        void vscode.window.showWarningMessage(`Sprintlog could not auto-commit: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  await early;
  applied.folder = (await store.reloadFolder(current.folder)) ?? current;
  return applied;
}

const BOM = [0xef, 0xbb, 0xbf];

const sameBytes = (a: Uint8Array | undefined, b: Uint8Array | undefined): boolean => !!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * VS Code refuses to save a document whose file was rewritten on disk after it last read it
 * ("the content of the file is newer"), even when the new bytes are the very text it shows:
 * a git checkout or reset just before the edit, whose change event VS Code has not handled
 * yet. When the file still holds exactly the bytes the edit was checked against, nobody else
 * changed it: the edited text is written here (with the file's BOM) and the document is
 * reverted to it (same text, so its undo stack stays). Otherwise the file did change: the
 * edit stays in the editor, unsaved, and the user is told (never reported as done).
 */
async function saveBehindStaleDocument(doc: vscode.TextDocument, file: string, checked: Uint8Array | undefined): Promise<void> {
  const now = await readBytes(doc.uri);
  if (!sameBytes(now, checked)) {
    throw new Refusal(`Sprintlog made the change in the editor, but VS Code could not save ${file}: the file changed on disk meanwhile. The change is unsaved there: compare it with the file on disk, then save or undo it.`);
  }
  const body = new TextEncoder().encode(doc.getText());
  const bom = BOM.every((b, i) => checked![i] === b) ? BOM.length : 0;
  const bytes = new Uint8Array(bom + body.length);
  bytes.set(BOM.slice(0, bom));
  bytes.set(body, bom);
  await vscode.workspace.fs.writeFile(doc.uri, bytes);
  // Revert acts on the active editor: show the document (without taking the focus) and revert it.
  await vscode.window.showTextDocument(doc, { preserveFocus: true, preview: true });
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

/** Each file's bytes before the edit and with only the plan's edits (the BOM as the file had it). */
function sprintlogChanges(ws: Workspace, plan: EditPlan, disk: Map<string, Uint8Array>): FileChange[] {
  const encoder = new TextEncoder();
  return [...applyPlanToFiles(ws, plan)].map(([file, text]) => {
    const before = disk.get(file) ?? new Uint8Array();
    const bom = BOM.every((b, i) => before[i] === b) && !text.startsWith('\ufeff') ? Uint8Array.from(BOM) : new Uint8Array();
    const body = encoder.encode(text);
    const after = new Uint8Array(bom.length + body.length);
    after.set(bom);
    after.set(body, bom.length);
    return { file, before, after };
  });
}
