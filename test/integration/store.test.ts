// The store in the real VS Code: a backlog file that exists but cannot be read is an
// error row and a log line, never a folder whose backlog silently vanished; a drop
// into a closed sprint asks first, as the Move command does.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { SprintlogApi } from '../../src/extension/extension';
import type { Node } from '../../src/extension/views/nodes';
import { readFile, waitFor, workspaceUri } from './util';
import { BACKLOG, children, editingSuite, groups, itemNode, runEdit, settle } from './views-helpers';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('store: unreadable files', () => {
  let a: SprintlogApi;
  editingSuite((x) => (a = x));

  it('a backlog file that exists but cannot be read stays the folder\'s backlog, shown as an error row', async () => {
    // A folder where the file should be: reading it fails (EISDIR), as a permission error does,
    // and unlike an absent file. (Tests run as root here, where chmod 000 reads anyway.)
    const full = workspaceUri(BACKLOG).fsPath;
    fs.rmSync(full);
    fs.mkdirSync(full);
    try {
      await a.store.reload();
      const fb = await waitFor(() => a.store.folders()[0], { message: 'the folder to keep its backlog' });
      const problem = fb.problems.find((p) => p.file === BACKLOG && p.severity === 'error');
      assert.match(problem?.message ?? '', /backlog\/backlog\.yaml is a folder, not a regular file/);
      const rows = (await a.views.backlog.getChildren()) as Node[];
      const error = rows.find((n) => n.kind === 'error');
      assert.ok(error && error.kind === 'error' && error.problem.file === BACKLOG, JSON.stringify(rows.map((n) => n.kind)));
    } finally {
      fs.rmSync(full, { recursive: true, force: true });
    }
  });
});

describe('store: drop into a closed sprint', () => {
  let a: SprintlogApi;
  editingSuite((x) => (a = x), () => vscode.commands.executeCommand('sprintlog.groupBy', { grouping: 'sprint' }));

  it('asks first, as the Move command does; unanswered, nothing moves', async () => {
    // S11 ended 2026-11-13: closed on any day these tests run. Give it an item so its group shows.
    await runEdit('sprintlog.moveToSprint', { id: 'PAY-14', sprint: 'S11', confirm: true });
    await settle(a);
    await vscode.commands.executeCommand('sprintlog.groupBy', { grouping: 'sprint' });
    const s11 = await waitFor(async () => groups(await children(a.views.backlog)).find((g) => g.group.value === 'S11'), { message: 'the S11 group' });
    const dt = new vscode.DataTransfer();
    await a.views.dragAndDrop.handleDrag([await itemNode(a.views.backlog, 'PAY-15')], dt);
    const before = readFile(BACKLOG);
    const token = new vscode.CancellationTokenSource().token;
    // The modal question is dismissed by the test host (or still open after 2 s: then it is closed).
    const running = Promise.resolve(a.views.dragAndDrop.handleDrop(s11, dt, token)).then(() => 'done');
    const result = await Promise.race([running, sleep(2000).then(() => 'asked')]);
    if (result === 'asked') await vscode.commands.executeCommand('workbench.action.closeDialog').then(undefined, () => undefined);
    await running;
    await sleep(300); // an edit, had one been made, reaches the disk through a save
    assert.equal(readFile(BACKLOG), before);
    assert.notEqual(a.store.findItem('PAY-15')?.item.sprint, 'S11');
  });
});
