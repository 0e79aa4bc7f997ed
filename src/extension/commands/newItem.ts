// "New item": title, type, points, sprint, then where in the rank order.
// New ids skip the ids used on other local branches (reservedIds), so two
// branches that each add an item do not both create PAY-15.
import * as vscode from 'vscode';
import type { EditOp } from '../../core/edit/types';
import { defaultState, type Item, type Workspace } from '../../core/model';
import { today } from '../../core/sprint';
import { Refusal } from '../errors';
import { applyOps, refuseUnwritable } from './apply';
import { pointsChoices, sprintChoices } from './choices';
import { askText, choose, typedPoints } from './pickers';
import type { Handler } from './itemCommands';
import { folderByKey } from '../folders';
import { argsOf, isNode, pickFolder, type Services } from './services';
import { itemById } from '../../core/lookup';

const SUGGESTED_TYPES = ['story', 'bug', 'task', 'spike', 'chore'];

/** Where a new item can go: top, bottom, around the row it was started from, top/bottom of its sprint. */
export function rankChoices(ws: Workspace, sprint: string | null, near?: Item): { label: string; rank: number | undefined }[] {
  const mainCount = ws.backlogs[0]?.file === ws.backlogPath ? ws.backlogs[0].items.length : 0;
  const out: { label: string; rank: number | undefined }[] = [];
  if (near) {
    out.push({ label: `Right above ${near.id}`, rank: near.rank });
    out.push({ label: `Right below ${near.id}`, rank: near.rank + 1 });
  }
  if (sprint) {
    const inSprint = ws.items.filter((i) => i.sprint === sprint);
    if (inSprint.length > 0) {
      out.push({ label: `Top of sprint ${sprint}`, rank: inSprint[0].rank });
      out.push({ label: `Bottom of sprint ${sprint}`, rank: inSprint[inSprint.length - 1].rank + 1 });
    }
  }
  out.push({ label: 'Top of the backlog', rank: 0 }, { label: 'Bottom of the backlog', rank: mainCount });
  return out;
}

/** The wizard's steps say where they are: "New item (2/5): type". */
const step = (n: number, what: string): string => `New item (${n}/5): ${what}`;

async function askType(ws: Workspace): Promise<string | undefined> {
  const seen = new Set(SUGGESTED_TYPES);
  for (const i of ws.items) if (i.type) seen.add(i.type);
  return (await vscode.window.showQuickPick([...seen].map((t) => ({ label: t })), { title: step(2, 'type'), placeHolder: 'Type' }))?.label;
}

export const newItem: Handler = async (s: Services, args: unknown[]) => {
  const a = argsOf(args);
  const node = isNode(args[0]) ? args[0] : undefined;
  const fb = node ? folderByKey(s.store.folders(), node.folderKey) : await pickFolder(s.store, a.folder);
  if (!fb) return;
  refuseUnwritable(fb);
  const ws = fb.workspace;
  const near = node?.kind === 'item' ? itemById(ws, node.item.id) : undefined;
  const title = a.title ?? (await askText('Title of the new item', '', (v) => (v.trim() ? undefined : 'A title cannot be empty.'), step(1, 'title')));
  if (title === undefined) return;
  if (!title.trim()) throw new Refusal('A title cannot be empty.');
  const type = a.type ?? (a.title !== undefined ? undefined : await askType(ws));
  if (type === undefined && a.title === undefined) return;
  const points = a.points !== undefined ? a.points : a.title !== undefined ? null : await choose({ ...pointsChoices([]), title: step(3, 'estimate') }, typedPoints);
  if (points === undefined) return;
  let sprint: string | null | undefined = a.sprint !== undefined ? a.sprint : a.title !== undefined ? (near?.sprint ?? null) : await choose({ ...sprintChoices(ws, [], new Date(), near?.sprint ?? null), title: step(4, 'sprint') });
  if (sprint === undefined) sprint = null;
  let rank = a.rank;
  if (rank === undefined && a.title === undefined) {
    const choice = await vscode.window.showQuickPick(rankChoices(ws, sprint, near).map((c) => ({ ...c, label: c.label })), { title: step(5, 'rank'), placeHolder: 'Where in the rank order?' });
    if (!choice) return;
    rank = choice.rank;
  }
  const fields: Record<string, unknown> = { title: title.trim() };
  if (type) fields.type = type;
  fields.state = defaultState(ws.states);
  if (points !== null) fields.points = points;
  if (sprint) fields.sprint = sprint;
  fields.created = today(ws.sprintLog, Date.now());
  const op: EditOp = rank === undefined ? { kind: 'add', fields } : { kind: 'add', fields, rank };
  // Ids on other branches only matter when git may be asked (trusted); an untrusted workspace never gets here.
  let reserved: Set<string> | undefined;
  try {
    reserved = await s.git.reservedIds(fb);
  } catch (e) {
    s.log.warn(`Sprintlog: could not read ids on other branches: ${String(e)}`);
  }
  const applied = await applyOps(s.store, s.git, fb, [op], { reservedIds: reserved });
  const id = applied?.plan.newIds[0];
  if (id) vscode.window.setStatusBarMessage(`Sprintlog: created ${id}`, 4000);
  return applied;
};
