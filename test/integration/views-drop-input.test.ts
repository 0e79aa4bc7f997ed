// A drop's data comes from outside the extension (another window, another
// extension using the same mime type): anything that is not a list of item ids
// of one folder is ignored, without an exception and without an edit.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SprintlogApi } from '../../src/extension/extension';
import { ITEMS_MIME } from '../../src/extension/views/dragAndDrop';
import { readFile } from './util';
import { BACKLOG, children, groups, editingSuite } from './views-helpers';

describe('views: dropped data is validated', () => {
  let a: SprintlogApi;
  editingSuite((x) => (a = x), () => vscode.commands.executeCommand('sprintlog.groupBy', { grouping: 'sprint' }));

  it('ignores malformed payloads', async () => {
    await vscode.commands.executeCommand('sprintlog.groupBy', { grouping: 'state' });
    const done = groups(await children(a.views.backlog)).find((g) => g.group.label === 'done')!;
    const folderKey = done.folderKey;
    const before = readFile(BACKLOG);
    const token = new vscode.CancellationTokenSource().token;
    for (const value of ['not json {', JSON.stringify({ folderKey, ids: 'PAY-15' }), { folderKey, ids: [15] }, { ids: ['PAY-15'] }, null, 42]) {
      const dt = new vscode.DataTransfer();
      dt.set(ITEMS_MIME, new vscode.DataTransferItem(value));
      await a.views.dragAndDrop.handleDrop(done, dt, token);
      assert.equal(readFile(BACKLOG), before, JSON.stringify(value));
    }
    // The same data as a JSON string (how it arrives from another window) is still a valid drop.
    const dt = new vscode.DataTransfer();
    dt.set(ITEMS_MIME, new vscode.DataTransferItem(JSON.stringify({ folderKey, ids: ['PAY-15'] })));
    await a.views.dragAndDrop.handleDrop(done, dt, token);
    assert.match(readFile(BACKLOG), /- id: PAY-15\n(?: {4}.*\n)*? {4}state: done\n/);
  });
});
