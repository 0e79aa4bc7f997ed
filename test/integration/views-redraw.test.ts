// When the views tell VS Code their rows changed: a command's own edit at once (with
// the store's new model, while VS Code is still saving the file), typing in the
// backlog file once the typing pauses (not with each model built while typing).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SprintlogApi } from '../../src/extension/extension';
import type { FolderBacklog } from '../../src/extension/model/types';
import { waitFor, workspaceUri } from './util';
import { BACKLOG, editingSuite, outline } from './views-helpers';

describe('views redraw', () => {
  let a: SprintlogApi;
  editingSuite((x) => (a = x));

  /**
   * Watches the Backlog view while `act` runs: whether it had told VS Code of a change when the
   * store published the first model `holds`. The store's listeners run in the order they were
   * added, so the view's own (added at activation) has run when this test's runs.
   */
  async function toldWithModel(holds: (fb: FolderBacklog) => boolean, act: () => Thenable<unknown>): Promise<{ toldWithModel: boolean; toldLater: () => boolean }> {
    await outline(a.views.backlog); // rows VS Code has asked for: the view keeps them current
    let told = false;
    let atModel: boolean | undefined;
    const subs = [
      a.views.backlog.onDidChangeTreeData(() => (told = true)),
      a.store.onDidChange((fb) => {
        if (atModel === undefined && holds(fb)) atModel = told;
      }),
    ];
    try {
      await act();
      await waitFor(() => atModel !== undefined, { message: 'the store to publish the edited model' });
    } finally {
      subs[1].dispose();
    }
    return { toldWithModel: atModel === true, toldLater: () => { if (told) subs[0].dispose(); return told; } };
  }

  it('a command\'s edit is drawn with the store\'s new model, not after a typing delay', async () => {
    const state = (fb: FolderBacklog) => fb.workspace.items.find((i) => i.id === 'PAY-15')?.state;
    assert.equal(state(a.store.folders()[0]), 'todo');
    const r = await toldWithModel((fb) => state(fb) === 'in-progress', () => vscode.commands.executeCommand('sprintlog.setState', { id: 'PAY-15', state: 'in-progress' }));
    assert.ok(r.toldWithModel, 'the Backlog view told VS Code of the moved row when the model changed');
    assert.ok(r.toldLater());
  });

  it('typing in the backlog file is drawn once the typing pauses, not with each model', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri(BACKLOG));
    const lines = doc.getText().split('\n');
    const line = doc.lineAt(lines.findIndex((l, k) => /^\s*title:/.test(l) && k > lines.findIndex((x) => x.includes('id: PAY-15'))));
    const title = (fb: FolderBacklog) => fb.workspace.items.find((i) => i.id === 'PAY-15')?.title.endsWith(' typed') === true;
    const r = await toldWithModel(title, async () => {
      const typing = new vscode.WorkspaceEdit();
      typing.insert(doc.uri, line.range.end, ' typed');
      assert.ok(await vscode.workspace.applyEdit(typing));
    });
    assert.ok(doc.isDirty);
    assert.equal(r.toldWithModel, false, 'the rows wait for the typing to pause');
    await waitFor(() => r.toldLater(), { message: 'the Backlog view to redraw after the pause' });
  });
});
