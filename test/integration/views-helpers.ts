// Helpers for the views/commands/start-work integration tests (not a test file itself).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SprintlogApi } from '../../src/extension/extension';
import type { GroupNode, ItemNode, Node } from '../../src/extension/views/nodes';
import { activateExtension, readFile, resetWorkspace, waitFor, workspaceUri } from './util';

export const BACKLOG = 'backlog/backlog.yaml';

export async function api(): Promise<SprintlogApi> {
  const ext = await activateExtension();
  const a = ext.exports as SprintlogApi;
  await a.store.ready();
  return a;
}

/** Waits until open clean buffers of the backlog file show the disk text, then reloads the store. */
export async function settle(a: SprintlogApi): Promise<void> {
  for (const rel of [BACKLOG, 'backlog/sprints.yaml']) {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === workspaceUri(rel).toString());
    if (!doc || doc.isDirty) continue;
    try {
      await waitFor(() => doc.getText() === readFile(rel), { timeout: 2000, message: `${rel} buffer to match the disk` });
    } catch {
      // The file watcher has not caught up: make VS Code re-read the file.
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await waitFor(() => doc.getText() === readFile(rel), { message: `${rel} buffer to match the disk after a revert` });
    }
  }
  await a.store.reload();
}

/**
 * The hooks of a suite whose tests edit the workspace: the API once, a settled
 * store before each test; after it, the suite's own cleanup, then the fixture
 * restored and the store settled again. `use` receives the API.
 */
export function editingSuite(use: (a: SprintlogApi) => void, cleanup?: () => PromiseLike<unknown>): void {
  let a: SprintlogApi;
  before(async () => {
    a = await api();
    use(a);
  });
  beforeEach(async () => settle(a));
  afterEach(async () => {
    await cleanup?.();
    await resetWorkspace();
    await settle(a);
  });
}

/** The lines that differ between two texts: common head and tail cut off. */
export function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { removed: a.slice(head, a.length - tail), added: b.slice(head, b.length - tail) };
}

/** Runs a command, asserting it was not refused, and returns the disk text before and after. */
export async function runEdit(command: string, ...args: unknown[]): Promise<{ before: string; after: string; result: unknown }> {
  const before = readFile(BACKLOG);
  const result = await vscode.commands.executeCommand(command, ...args);
  if (result && typeof result === 'object' && 'refused' in result) assert.fail(`${command} refused: ${(result as { refused: string }).refused}`);
  return { before, after: readFile(BACKLOG), result };
}

export async function children(provider: vscode.TreeDataProvider<Node>, node?: Node): Promise<Node[]> {
  return ((await provider.getChildren(node)) ?? []) as Node[];
}

export function groups(nodes: Node[]): GroupNode[] {
  return nodes.filter((n): n is GroupNode => n.kind === 'group');
}

/** `[group label, [item ids]]` of the top level of a view. */
export async function outline(provider: vscode.TreeDataProvider<Node>): Promise<[string, string[]][]> {
  const top = await children(provider);
  const out: [string, string[]][] = [];
  for (const g of groups(top)) out.push([g.group.label, ((await children(provider, g)) as ItemNode[]).map((n) => n.item.id)]);
  return out;
}

export async function itemNode(provider: vscode.TreeDataProvider<Node>, id: string): Promise<ItemNode> {
  for (const g of groups(await children(provider))) {
    const hit = ((await children(provider, g)) as ItemNode[]).find((n) => n.item.id === id);
    if (hit) return hit;
  }
  throw new Error(`${id} is not in the view`);
}

/** Lines added and removed, compared as multisets (order-independent, exact otherwise). */
export function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const count = (lines: string[]) => lines.reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>());
  const a = count(before.split('\n'));
  const b = count(after.split('\n'));
  const minus = (x: Map<string, number>, y: Map<string, number>) => [...x].flatMap(([l, n]) => Array<string>(Math.max(0, n - (y.get(l) ?? 0))).fill(l));
  return { removed: minus(a, b), added: minus(b, a) };
}
