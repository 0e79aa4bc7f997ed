// Quick inputs used by the command handlers. Each returns undefined when the
// user cancels (or picks "Keep as is"), `null` for "clear" choices. What is
// offered and focused comes from ./choices (pure); this file only shows it.
import * as vscode from 'vscode';
import type { Item, Workspace } from '../../core/model';
import { assigneeChoices, pointsChoices, sprintChoices, stateChoices, type Choice, type ChoiceModel, type Person } from './choices';

interface Pick<T> extends vscode.QuickPickItem {
  choice: Choice<T>;
}

/**
 * Shows a choice model with its entry focused, so Enter takes it. `typed` offers the
 * typed text as one more choice (names and numbers).
 */
export async function choose<T>(model: ChoiceModel<T>, typed?: (text: string) => Choice<T> | undefined): Promise<T | undefined> {
  const qp = vscode.window.createQuickPick<Pick<T>>();
  const picks = model.choices.map((c): Pick<T> => ({ label: c.label, description: c.description, detail: c.detail, choice: c }));
  qp.title = model.title;
  qp.placeholder = model.placeholder;
  qp.matchOnDescription = true;
  qp.items = picks;
  if (picks[model.active]) qp.activeItems = [picks[model.active]];
  return new Promise<T | undefined>((resolve) => {
    let done = false;
    const finish = (c: Choice<T> | undefined): void => {
      if (done) return;
      done = true;
      resolve(c && !c.keep ? c.value : undefined);
      qp.dispose();
    };
    if (typed) {
      qp.onDidChangeValue((text) => {
        const extra = text.trim() ? typed(text.trim()) : undefined;
        const known = picks.some((p) => p.label === text.trim());
        qp.items = extra && !known ? [{ label: extra.label, description: extra.description, choice: extra }, ...picks] : picks;
      });
    }
    qp.onDidAccept(() => finish(qp.activeItems[0]?.choice ?? qp.selectedItems[0]?.choice));
    qp.onDidHide(() => finish(undefined));
    qp.show();
  });
}

export async function askState(ws: Workspace, items: readonly Item[]): Promise<string | undefined> {
  return choose(stateChoices(ws, items));
}

export async function askSprint(ws: Workspace, items: readonly Item[], current: string | null = null, now = new Date()): Promise<string | null | undefined> {
  return choose(sprintChoices(ws, items, now, current));
}

/** A typed number of points as one more choice. */
export function typedPoints(t: string): Choice<number | null> | undefined {
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? { label: t, description: 'points', value: n } : undefined;
}

export async function askPoints(items: readonly Item[]): Promise<number | null | undefined> {
  return choose(pointsChoices(items), typedPoints);
}

export async function askAssignee(people: readonly Person[], items: readonly Item[]): Promise<string | null | undefined> {
  return choose(assigneeChoices(people, items), (t) => ({ label: t, description: 'new name', value: t }));
}

export async function askText(prompt: string, value: string, validate?: (s: string) => string | undefined, title?: string): Promise<string | undefined> {
  return vscode.window.showInputBox({ title, prompt, value, validateInput: (s) => validate?.(s) });
}

/** One of `items` (already filtered and ordered by the caller). */
export async function askItem(items: readonly Item[], title: string, placeholder: string): Promise<string | undefined> {
  const choices = items.map((i): Choice<string> => ({ label: i.id, description: [i.title, i.state].filter(Boolean).join(' · '), value: i.id }));
  return choose({ title, placeholder, choices, active: 0 });
}
