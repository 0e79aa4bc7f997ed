// The active-sprint status bar entry follows the files: it goes away when the
// sprint log or the whole backlog goes away, and comes back with them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { addDays } from '../../src/core/time';
import type { SprintlogApi } from '../../src/extension/extension';
import type { LanguageApi } from '../../src/extension/language';
import { resetWorkspace, waitFor, workspaceUri, writeFile } from './util';
import type { InfoNode } from '../../src/extension/views/nodes';
import { api, BACKLOG, children, settle } from './views-helpers';

const SPRINTS = 'backlog/sprints.yaml';
/** A sprint running whatever the date of the test run. */
const ALWAYS = 'version: 1\ntimezone: UTC\nsprints:\n  - id: S99\n    name: Forever\n    start: 2000-01-03\n    end: 2099-12-31\n';
/**
 * Two sprints that overlap today, shaped like issue 14's S1 2026-11-02…20 and
 * S2 2026-11-16…27 on 2026-11-18, but around the day the test runs.
 */
function overlapping(): string {
  const today = new Date().toISOString().slice(0, 10);
  return `version: 1\ntimezone: UTC\nsprints:\n` +
    `  - {id: S1, name: First, start: ${addDays(today, -16)}, end: ${addDays(today, 2)}}\n` +
    `  - {id: S2, name: Second, start: ${addDays(today, -2)}, end: ${addDays(today, 9)}}\n`;
}

describe('status bar', () => {
  let a: SprintlogApi;
  let status: LanguageApi;
  const shown = () => status.statusText();
  before(async () => {
    a = await api();
    status = a.language as LanguageApi;
  });
  beforeEach(async () => {
    writeFile(SPRINTS, ALWAYS);
    await settle(a);
    await waitFor(() => /\bS99: \d+ pts? left/.test(shown()), { message: 'the status bar to show S99' });
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('sprintlog.pickSprint', { sprint: null });
    await resetWorkspace();
    await settle(a);
  });

  it('hides when the sprint log is deleted, and shows again when it is back', async () => {
    fs.rmSync(workspaceUri(SPRINTS).fsPath);
    await waitFor(() => shown() === '', { message: `the status bar to hide (shows "${shown()}")` });
    writeFile(SPRINTS, ALWAYS);
    await waitFor(() => shown().includes('S99'), { message: 'the status bar to show S99 again' });
  });

  it('hides when the backlog file is deleted', async () => {
    fs.rmSync(workspaceUri(BACKLOG).fsPath);
    await waitFor(() => a.store.folders().length === 0, { message: 'the store to drop the backlog' });
    await waitFor(() => shown() === '', { message: `the status bar to hide (shows "${shown()}")` });
  });

  it('overlapping sprints: the status bar and the Sprint view show the same sprint, and the click opens the view on it', async () => {
    const head = async () => ((await children(a.views.sprint))[0] as InfoNode | undefined)?.label;
    writeFile(SPRINTS, overlapping());
    await settle(a);
    await waitFor(() => /^\$\(rocket\) S2: /.test(shown()), { message: `the status bar to show S2 (shows "${shown()}")` });
    assert.equal(await head(), 'Second (S2)');
    // Whatever the user picked in the view before, the click brings the status bar's sprint.
    await vscode.commands.executeCommand('sprintlog.pickSprint', { sprint: 'S1' });
    await waitFor(async () => (await head()) === 'First (S1)', { message: 'the Sprint view to show the picked S1' });
    const command = status.statusCommand();
    assert.ok(command, 'the status bar entry has a command');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    await waitFor(() => a.views.sprintView.visible, { message: 'the Sprint view to open' });
    assert.equal(await head(), 'Second (S2)');
    assert.match(shown(), /^\$\(rocket\) S2: /);
  });
});

