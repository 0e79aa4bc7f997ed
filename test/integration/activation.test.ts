// The extension loads in development mode and activates on its own in a folder with a backlog.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, FIXTURE_TAG, git, readFile, waitFor, workspaceUri } from './util';

describe('activation', () => {
  it(`loads ${EXTENSION_ID} from the development path`, () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not among the loaded extensions`);
    assert.equal(ext.packageJSON.name, 'sprintlog');
    assert.ok(
      (ext.packageJSON.activationEvents as string[]).includes('workspaceContains:backlog/backlog.yaml'),
      'activation event missing from package.json',
    );
  });

  it('activates by itself because the workspace contains backlog/backlog.yaml', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    // No ext.activate() here: the activation event has to do it.
    await waitFor(() => ext.isActive, { timeout: 15_000, message: `${EXTENSION_ID} to activate` });
  });

  it('opens backlog/backlog.yaml with the fixture text', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('backlog/backlog.yaml'));
    const committed = git('show', `${FIXTURE_TAG}:backlog/backlog.yaml`);
    assert.equal(doc.getText(), committed);
    assert.equal(doc.getText(), readFile('backlog/backlog.yaml'));
    assert.match(doc.getText(), /^project: PAY\b/m);
    assert.match(doc.getText(), /- id: PAY-12 .*\n\s+title: Checkout accepts saved cards/);
  });
});
