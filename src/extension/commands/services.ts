// What command handlers get, and how they learn which items they act on:
// a tree row (plus the view's selection), explicit arguments (keybindings,
// tests, other extensions), or a quick pick when run from the palette.
import * as vscode from 'vscode';
import type { Item } from '../../core/model';
import type { GitService } from '../git/service';
import { Refusal } from '../errors';
import { refuseUnwritable } from './apply';
import type { BacklogStore, FolderBacklog } from '../model/types';
import type { ItemFilter } from '../views/filter';
import type { Node } from '../views/nodes';
import type { ViewState } from '../views/viewState';
import { modelText } from '../../core/parse/workspace';
import { backlogDocument } from '../language/files';
import { readSettings } from '../model/config';
import { peopleInFiles } from '../views/grouping';
import { resolveMe, type Me } from './me';
import { folderByKey } from '../folders';
import { folderForId } from './targetFolder';
import { itemAtOffset, paletteOrder } from './targets';

export interface Services {
  store: BacklogStore;
  state: ViewState;
  git: GitService;
  log: vscode.LogOutputChannel;
}

/** Arguments a command accepts instead of UI input (every field optional). */
export interface CommandArgs {
  /** Workspace folder: its URI string or its name. */
  folder?: string;
  id?: string;
  ids?: string[];
  state?: string;
  /** `null` = product backlog. */
  sprint?: string | null;
  /** `null` = clear the estimate. */
  points?: number | null;
  /** `null` = unassign. */
  assignee?: string | null;
  title?: string;
  type?: string;
  reason?: string;
  dependency?: string;
  /** New item: 0-based global rank. */
  rank?: number;
  /** Delete: skip the confirmation. */
  confirm?: boolean;
  /** Delete: also drop the deleted ids from other items' `depends_on` (default true). */
  removeReferences?: boolean;
  grouping?: string;
  filter?: ItemFilter;
  /** Show Sprint: also open the Sprint view (the status bar's click). */
  reveal?: boolean;
}

export function isNode(x: unknown): x is Node {
  return typeof x === 'object' && x !== null && 'kind' in x && 'folderKey' in x;
}

/** Explicit arguments, when the command was not run on a tree row. */
export function argsOf(args: unknown[]): CommandArgs {
  const first = args[0];
  return typeof first === 'object' && first !== null && !isNode(first) ? (first as CommandArgs) : {};
}

/** Asks for a folder when there are several (for commands that need no item). */
export async function pickFolder(store: BacklogStore, key?: string): Promise<FolderBacklog | undefined> {
  await store.ready();
  const direct = folderByKey(store.folders(), key);
  if (direct) return direct;
  const all = store.folders();
  if (all.length === 0) {
    void vscode.window.showInformationMessage('Sprintlog: no backlog file in this workspace.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(all.map((f) => ({ label: f.folder.name, description: f.root, f })), { placeHolder: 'Which folder?' });
  return pick?.f;
}

/**
 * "Me" for a folder (see ./me): the setting needs no git; otherwise git's user.name and
 * email are asked (undefined without git, in a restricted workspace or when unset).
 */
export async function whoAmI(s: Services, fb: FolderBacklog): Promise<Me | undefined> {
  const setting = readSettings(fb.folder).me;
  if (setting || !s.git.available) return resolveMe(setting, undefined, undefined, []);
  const [name, email] = await Promise.all([s.git.userName(fb).catch(() => undefined), s.git.userEmail(fb).catch(() => undefined)]);
  return resolveMe(undefined, name, email, peopleInFiles(fb.workspace));
}

export interface Targets {
  fb: FolderBacklog;
  items: Item[];
}

/**
 * The items a command acts on. From a tree: the clicked row, or the whole
 * selection when the clicked row is part of it (rows of other folders ignored).
 * Items are looked up again in the folder's latest model by id.
 */
export async function resolveTargets(s: Services, args: unknown[], prompt: string, many = true): Promise<Targets | undefined> {
  await s.store.ready();
  const [first, second] = args;
  if (isNode(first)) {
    if (first.kind !== 'item') return undefined;
    const selection = Array.isArray(second) ? second.filter(isNode) : [];
    const inSelection = selection.some((n) => n.kind === 'item' && n.folderKey === first.folderKey && n.item.id === first.item.id);
    const nodes = many && inSelection ? selection : [first];
    const fb = folderByKey(s.store.folders(), first.folderKey);
    if (!fb) return undefined;
    const ids = nodes.filter((n) => n.kind === 'item' && n.folderKey === first.folderKey).map((n) => (n.kind === 'item' ? n.item.id : ''));
    return fromIds(s, fb, ids);
  }
  const a = argsOf(args);
  const ids = a.ids ?? (a.id !== undefined ? [a.id] : undefined);
  if (ids) {
    const fb = folderForId(s.store.folders(), a.folder, ids[0]);
    if (typeof fb === 'string') throw new Refusal(fb);
    return fromIds(s, fb, ids);
  }
  return pickItems(s, prompt, many);
}

function fromIds(s: Services, fb: FolderBacklog, ids: string[]): Targets {
  const fresh = s.store.get(fb.folder) ?? fb;
  const items = ids.map((id) => {
    const hit = s.store.findItem(id, fresh);
    if (!hit) {
      // A file that does not parse is missing from the model: say that, not "unknown id".
      refuseUnwritable(fresh);
      throw new Refusal(`${id} is not in the backlog of ${fresh.folder.name}.`);
    }
    return hit.item;
  });
  return { fb: fresh, items };
}

/** The item under the cursor of the active editor, when it shows a backlog file as the model has it. */
function cursorItem(s: Services): { fb: FolderBacklog; item: Item } | undefined {
  const editor = vscode.window.activeTextEditor;
  const at = editor && backlogDocument(s.store, editor.document.uri);
  if (!editor || !at || modelText(at.fb.workspace, at.rel) !== editor.document.getText()) return undefined;
  const item = itemAtOffset(at.fb.workspace, at.rel, editor.document.offsetAt(editor.selection.active));
  return item && { fb: at.fb, item };
}

async function pickItems(s: Services, prompt: string, many: boolean): Promise<Targets | undefined> {
  const cursor = cursorItem(s);
  const entries = s.store.folders().flatMap((fb) =>
    paletteOrder(fb.workspace, cursor?.fb === fb ? cursor.item : undefined).map((item) => ({
      label: `${item.id} ${item.title}`,
      description: [item === cursor?.item ? 'at the cursor' : undefined, item.state, item.sprint, item.assignee].filter(Boolean).join(' · '),
      detail: s.store.folders().length > 1 ? fb.folder.name : undefined,
      picked: item === cursor?.item,
      fb,
      item,
    })),
  );
  // The cursor's folder first, so its item is the first entry (Enter takes it).
  if (cursor) entries.sort((x, y) => Number(y.fb === cursor.fb) - Number(x.fb === cursor.fb));
  if (entries.length === 0) {
    void vscode.window.showInformationMessage('Sprintlog: the backlog has no items.');
    return undefined;
  }
  if (many) {
    const picked = await vscode.window.showQuickPick(entries, { placeHolder: prompt, canPickMany: true, matchOnDescription: true });
    if (!picked || picked.length === 0) return undefined;
    const fb = picked[0].fb;
    return { fb, items: picked.filter((p) => p.fb === fb).map((p) => p.item) };
  }
  const picked = await vscode.window.showQuickPick(entries, { placeHolder: prompt, matchOnDescription: true });
  return picked && { fb: picked.fb, items: [picked.item] };
}
