// Quick inputs used by the command handlers. Each returns undefined when the
// user cancels, `null` for "clear" choices.
import * as vscode from 'vscode';
import { workflowOrder, type Item, type Workspace } from '../../core/model';
import { sprintStatus, today } from '../views/calendar';
import { sprintLabel } from '../views/grouping';

interface Pick<T> extends vscode.QuickPickItem {
  value: T;
}

export async function askState(ws: Workspace, current?: string): Promise<string | undefined> {
  const picks: Pick<string>[] = workflowOrder(ws.states).map((s) => ({ label: s, description: ws.states[s] + (s === current ? ' · current' : ''), value: s }));
  return (await vscode.window.showQuickPick(picks, { placeHolder: 'New state' }))?.value;
}

/** Active and planned sprints first (by start), then the product backlog, then closed ones. */
export async function askSprint(ws: Workspace, now = new Date()): Promise<string | null | undefined> {
  const day = today(ws.sprintLog, now);
  const sprints = [...(ws.sprintLog?.sprints ?? [])].filter((s) => s.id).sort((a, b) => (a.start < b.start ? -1 : 1));
  const open = sprints.filter((s) => sprintStatus(s, day) !== 'closed');
  const closed = sprints.filter((s) => sprintStatus(s, day) === 'closed').reverse();
  const pick = (s: (typeof sprints)[number]): Pick<string | null> => ({ label: sprintLabel(s.id, s.name), description: `${sprintStatus(s, day)} · ${s.start} – ${s.end}`, detail: s.goal, value: s.id });
  const picks: Pick<string | null>[] = [...open.map(pick), { label: 'Product backlog', description: 'no sprint', value: null }, ...closed.map(pick)];
  const chosen = await vscode.window.showQuickPick(picks, { placeHolder: 'Move to sprint' });
  return chosen ? chosen.value : undefined;
}

/** A quick pick whose typed text is offered as one more choice (for names and numbers). */
export async function pickOrType<T>(
  picks: Pick<T>[], placeHolder: string, typed: (text: string) => Pick<T> | undefined,
): Promise<T | undefined> {
  const qp = vscode.window.createQuickPick<Pick<T>>();
  qp.placeholder = placeHolder;
  qp.items = picks;
  qp.matchOnDescription = true;
  return new Promise<T | undefined>((resolve) => {
    let done = false;
    const finish = (v: T | undefined): void => {
      if (done) return;
      done = true;
      resolve(v);
      qp.dispose();
    };
    qp.onDidChangeValue((text) => {
      const extra = text.trim() ? typed(text.trim()) : undefined;
      const known = picks.some((p) => p.label === text.trim());
      qp.items = extra && !known ? [extra, ...picks] : picks;
    });
    qp.onDidAccept(() => finish(qp.selectedItems[0]?.value));
    qp.onDidHide(() => finish(undefined));
    qp.show();
  });
}

const SCALE = [0, 1, 2, 3, 5, 8, 13, 20, 40, 100];

export async function askPoints(current?: number): Promise<number | null | undefined> {
  const picks: Pick<number | null>[] = SCALE.map((n) => ({ label: String(n), description: n === current ? 'current' : undefined, value: n }));
  picks.push({ label: 'Clear estimate', description: 'unestimated', value: null });
  return pickOrType(picks, 'Points (pick or type a number)', (t) => {
    const n = Number(t);
    return Number.isFinite(n) && n >= 0 ? { label: t, description: 'points', value: n } : undefined;
  });
}

export async function askAssignee(people: { name: string; why: string }[], current?: string): Promise<string | null | undefined> {
  const picks: Pick<string | null>[] = people.map((p) => ({ label: p.name, description: p.name === current ? `${p.why} · current` : p.why, value: p.name }));
  picks.push({ label: 'Unassign', description: 'remove the assignee', value: null });
  return pickOrType(picks, 'Assign to (pick or type a name)', (t) => ({ label: t, description: 'new name', value: t }));
}

export async function askText(prompt: string, value: string, validate?: (s: string) => string | undefined): Promise<string | undefined> {
  return vscode.window.showInputBox({ prompt, value, validateInput: (s) => validate?.(s) });
}

export async function askItem(ws: Workspace, placeHolder: string, exclude: Set<string>): Promise<string | undefined> {
  const picks: Pick<string>[] = ws.items.filter((i: Item) => i.id && !exclude.has(i.id)).map((i) => ({ label: i.id, description: i.title, value: i.id }));
  return (await vscode.window.showQuickPick(picks, { placeHolder, matchOnDescription: true }))?.value;
}
