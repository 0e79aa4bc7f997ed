// Helpers for integration tests (they run inside the extension host). See index.ts for how to add tests.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'sprintlog.sprintlog';
/** Tag of the fixture commit the runner makes (test/integration/runner/workspace.ts). */
export const FIXTURE_TAG = 'fixture';

/** Absolute path of the (single) workspace folder: the per-run git copy of the fixture. */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open: the runner opens the fixture workspace');
  return folder.uri.fsPath;
}

export function workspaceUri(rel: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), rel));
}

/** A workspace file's text on disk (not an editor buffer). */
export function readFile(rel: string): string {
  return fs.readFileSync(path.join(workspaceRoot(), rel), 'utf8');
}

/** Writes a workspace file on disk (as another program would; file watchers see it). */
export function writeFile(rel: string, text: string): void {
  const file = path.join(workspaceRoot(), rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** Runs git in the workspace and returns its stdout. */
export function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: workspaceRoot(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `git diff` of the working tree against the index (optionally one path): what the extension changed on disk. */
export function gitDiff(rel?: string): string {
  return rel === undefined ? git('diff') : git('diff', '--', rel);
}

/**
 * Polls `cond` (every 50 ms) until it returns a truthy value, and returns that value.
 * Throws after `timeout` ms with `message` and the last error `cond` threw, if any.
 */
export async function waitFor<T>(
  cond: () => T | Promise<T>,
  { timeout = 5000, message = 'condition' }: { timeout?: number; message?: string } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await cond();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${message}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The Sprintlog extension, activated. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded (is the runner passing extensionDevelopmentPath?)`);
  await ext.activate();
  return ext;
}

/**
 * Back to the fixture: editors reverted and closed, `main` checked out at the fixture commit,
 * other branches deleted, untracked files removed, and open documents showing the disk text again.
 */
export async function resetWorkspace(): Promise<void> {
  // Revert dirty buffers first, so closing them asks nothing.
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty) continue;
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  git('checkout', '-q', '-f', 'main');
  git('reset', '-q', '--hard', FIXTURE_TAG);
  git('clean', '-q', '-fdx');
  for (const branch of git('for-each-ref', '--format=%(refname:short)', 'refs/heads').split('\n')) {
    if (branch && branch !== 'main') git('branch', '-q', '-D', branch);
  }
  await syncOpenDocuments();
}

/**
 * Documents stay open (without editors) after their editors close, and pick up changes on disk only
 * when VS Code's file watcher reports them, asynchronously. Waits until every clean open document of
 * the workspace shows its file's text; reverts the ones that lag. Call it after changing files on
 * disk behind VS Code's back (git, writeFile) when the next step reads documents.
 */
export async function syncOpenDocuments(timeout = 10_000): Promise<void> {
  const root = workspaceRoot() + path.sep;
  const lagging = () =>
    vscode.workspace.textDocuments.filter((d) => {
      if (d.uri.scheme !== 'file' || !d.uri.fsPath.startsWith(root) || d.isDirty || d.isClosed) return false;
      if (!fs.existsSync(d.uri.fsPath)) return false;
      return d.getText() !== fs.readFileSync(d.uri.fsPath, 'utf8').replace(/^\uFEFF/, '');
    });
  const names = () => lagging().map((d) => path.relative(root, d.uri.fsPath)).join(', ');
  try {
    await waitFor(() => lagging().length === 0, { timeout: 2000 });
    return;
  } catch {
    // The watcher is late (a busy machine): make VS Code re-read those files now.
  }
  for (const doc of lagging()) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitFor(() => lagging().length === 0, { timeout, message: `open documents to show their files' text (${names()})` });
}
