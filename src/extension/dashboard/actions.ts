// What the dashboard's clicks and buttons do in the editor. Every action gets
// ids only (already validated by the protocol) and resolves them again here:
// the item through the store, the commit through git, the problem from the
// host's own last snapshot. Each returns a refusal text, or undefined when done.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HistoryEngine } from '../../core/history';
import type { FolderBacklog } from '../model/types';
import type { ExportFormat, FileProblem } from '../../shared/protocol';

/** Read-only documents of a backlog file at a commit (`sprintlog-commit:/<file>?<root>#<commit>`), for the diff. */
export const COMMIT_SCHEME = 'sprintlog-commit';

export class CommitFiles implements vscode.TextDocumentContentProvider {
  constructor(private readonly engine: HistoryEngine) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const root = decodeURIComponent(uri.query);
    const file = uri.path.replace(/^\//, '');
    const files = await this.engine.filesAt(root, uri.fragment).catch(() => undefined);
    return [...(files?.backlogs ?? []), ...(files?.sprints ? [files.sprints] : [])].find((f) => f.file === file)?.text ?? '';
  }
}

export async function revealItem(fb: FolderBacklog, id: string): Promise<string | undefined> {
  const item = fb.workspace.items.find((i) => i.id === id);
  if (!item) return `${id} is not in the backlog files any more.`;
  await vscode.commands.executeCommand('sprintlog.revealInYaml', { id, folder: fb.folder.uri.toString() });
  return undefined;
}

/** The backlog file a commit changed (the one holding `item` first), at the commit's parent and at the commit. */
export async function openCommitDiff(engine: HistoryEngine, fb: FolderBacklog, commit: string, item?: string): Promise<string | undefined> {
  const after = await engine.filesAt(fb.root, commit, fb.workspace.backlogPath).catch(() => undefined);
  if (!after) return `Commit ${commit.slice(0, 10)} is not in this repository.`;
  // A root commit has no parent: its diff is against nothing.
  const before = await engine.filesAt(fb.root, `${commit}^`, fb.workspace.backlogPath).catch(() => ({ backlogs: [] }));
  const changed = after.backlogs.filter((f) => before.backlogs.find((b) => b.file === f.file)?.text !== f.text);
  const pick = (item ? changed.find((f) => new RegExp(`\\bid:\\s*['"]?${item.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(f.text)) : undefined) ?? changed[0] ?? after.backlogs[0];
  if (!pick) return `Commit ${commit.slice(0, 10)} has no backlog file.`;
  const at = (rev: string) => vscode.Uri.from({ scheme: COMMIT_SCHEME, path: `/${pick.file}`, query: encodeURIComponent(fb.root), fragment: rev });
  await vscode.commands.executeCommand('vscode.diff', at(`${commit}^`), at(commit), `${pick.file} (${commit.slice(0, 8)})`);
  return undefined;
}

export async function openProblem(fb: FolderBacklog, p: FileProblem): Promise<string | undefined> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(fb.folder.uri, p.file));
  const at = new vscode.Position(Math.max(0, p.line - 1), Math.max(0, p.column - 1));
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at) });
  return undefined;
}

/** Saves a chart the webview rendered (SVG text or a PNG data URL) where the user says. */
export async function exportChart(fb: FolderBacklog, chart: string, format: ExportFormat, data: string): Promise<string | undefined> {
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(fb.folder.uri, `${chart}.${format}`),
    filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
    title: `Export the ${chart} chart`,
  });
  if (!target) return 'Export cancelled.';
  const bytes = format === 'svg' ? Buffer.from(data, 'utf8') : Buffer.from(data.slice(data.indexOf(',') + 1), 'base64');
  await vscode.workspace.fs.writeFile(target, bytes);
  return undefined;
}

/**
 * The Markdown report of `sprintlog report --format md` (the bundled CLI, so the
 * report is the same bytes as the CLI's and ECharts stays out of the extension host).
 */
export async function exportReport(fb: FolderBacklog, cli: string, args: string[]): Promise<string | undefined> {
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(fb.folder.uri, 'sprint-report.md'),
    filters: { Markdown: ['md'] },
    title: 'Export the dashboard as a Markdown report (chart SVG files are written beside it)',
  });
  if (!target) return 'Export cancelled.';
  const { execFile } = await import('node:child_process');
  const out = target.fsPath;
  return new Promise((resolve) => {
    // ELECTRON_RUN_AS_NODE: in desktop VS Code process.execPath is the Electron binary.
    execFile(process.execPath, [cli, 'report', '--repo', fb.root, '--format', 'md', '--out', out, ...args], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, cwd: path.dirname(out) }, (err, _stdout, stderr) => {
      if (err) return resolve(`The report failed: ${String(stderr || err.message).trim().split('\n')[0]}`);
      void vscode.window.showInformationMessage(`Sprintlog: report written to ${out}`);
      resolve(undefined);
    });
  });
}
