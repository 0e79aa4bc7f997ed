// The fixture workspace and the helpers in util.ts behave as index.ts promises,
// so feature tests can rely on them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FIXTURE_TAG, git, gitDiff, readFile, resetWorkspace, waitFor, workspaceUri, writeFile } from './util';

describe('fixture workspace', () => {
  after(resetWorkspace);

  it('is a git repository on main at the fixture commit with a clean tree', () => {
    assert.equal(git('rev-parse', '--abbrev-ref', 'HEAD').trim(), 'main');
    assert.equal(git('rev-parse', 'HEAD').trim(), git('rev-parse', `${FIXTURE_TAG}^{commit}`).trim());
    assert.equal(git('status', '--porcelain'), '');
    assert.match(readFile('backlog/sprints.yaml'), /^ {2}- id: S12\b/m);
  });

  it('shows an edit saved from an editor in gitDiff(), and resetWorkspace() undoes it with its branch', async () => {
    const uri = workspaceUri('backlog/backlog.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    const at = doc.getText().indexOf('state: in-progress');
    assert.ok(at > 0, 'fixture has PAY-12 in progress');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'state: in-progress'.length)), 'state: review');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await doc.save());
    const diff = await waitFor(() => gitDiff('backlog/backlog.yaml'), { message: 'the saved edit on disk' });
    assert.match(diff, /^-\s+state: in-progress$/m);
    assert.match(diff, /^\+\s+state: review$/m);

    git('checkout', '-q', '-b', 'PAY-12-saved-cards');
    writeFile('notes/scratch.md', 'untracked\n');
    await resetWorkspace();
    assert.equal(git('rev-parse', '--abbrev-ref', 'HEAD').trim(), 'main');
    assert.equal(git('status', '--porcelain'), '');
    assert.equal(git('branch', '--list', 'PAY-12-saved-cards'), '');
    assert.equal(vscode.window.visibleTextEditors.length, 0);
  });

  it('waitFor() returns the first truthy value and times out with the message', async () => {
    let calls = 0;
    assert.equal(await waitFor(() => (++calls >= 3 ? 'ready' : ''), { timeout: 2000 }), 'ready');
    await assert.rejects(waitFor(() => false, { timeout: 100, message: 'never' }), /timed out after 100 ms waiting for never/);
  });
});
