// "Start work" in a real VS Code with a real git workspace: the branch it
// creates or checks out, the edit it makes, and its refusal over conflicting
// uncommitted changes (which it must never lose).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SprintlogApi } from '../../src/extension/extension';
import { git, readFile, writeFile } from './util';
import { BACKLOG, changedLines, settle, editingSuite } from './views-helpers';

const branch = () => git('rev-parse', '--abbrev-ref', 'HEAD').trim();

describe('start work', () => {
  let a: SprintlogApi;
  editingSuite((x) => (a = x));

  it('creates the branch from the template, assigns to the git user and sets the first doing state', async () => {
    const before = readFile(BACKLOG);
    const result = (await vscode.commands.executeCommand('sprintlog.startWork', { id: 'PAY-15' })) as { branch?: string; created?: boolean; refused?: string };
    assert.equal(result.refused, undefined);
    assert.equal(branch(), 'PAY-15-show-card-brand-logos-in-the-wallet');
    assert.equal(result.created, true);
    assert.deepEqual(changedLines(before, readFile(BACKLOG)), {
      removed: ['    state: todo', '    assignee: carol'],
      added: ['    state: in-progress', '    assignee: Sprintlog Tests'],
    });
    // The change is on the new branch, uncommitted; main still has the fixture text.
    assert.equal(git('show', `main:${BACKLOG}`), before);
  });

  it('checks out an existing branch and leaves a doing state alone', async () => {
    git('branch', 'PAY-16-declined-saved-card-falls-back-to-manual-entry');
    const before = readFile(BACKLOG);
    const result = (await vscode.commands.executeCommand('sprintlog.startWork', { id: 'PAY-16' })) as { created?: boolean; refused?: string };
    assert.equal(result.refused, undefined);
    assert.equal(result.created, false);
    assert.equal(branch(), 'PAY-16-declined-saved-card-falls-back-to-manual-entry');
    assert.deepEqual(changedLines(before, readFile(BACKLOG)), { removed: ['    assignee: bob'], added: ['    assignee: Sprintlog Tests'] });
  });

  it('reads git user.name again after being told to set it (no stale answer kept)', async () => {
    try {
      // An empty local value hides any global one: git has no user.name here.
      git('config', 'user.name', '');
      const refused = (await vscode.commands.executeCommand('sprintlog.startWork', { id: 'PAY-15' })) as { refused?: string };
      assert.match(refused.refused ?? '', /git has no user\.name here/);
      assert.equal(branch(), 'main');
      git('config', 'user.name', 'Pat Example');
      const before = readFile(BACKLOG);
      const result = (await vscode.commands.executeCommand('sprintlog.startWork', { id: 'PAY-15' })) as { refused?: string };
      assert.equal(result.refused, undefined);
      assert.deepEqual(changedLines(before, readFile(BACKLOG)), {
        removed: ['    state: todo', '    assignee: carol'],
        added: ['    state: in-progress', '    assignee: Pat Example'],
      });
    } finally {
      git('config', 'user.name', 'Sprintlog Tests');
    }
  });

  it('refuses, changing nothing, when uncommitted changes would be overwritten', async () => {
    const name = 'PAY-14-spike-3-d-secure-v2';
    git('checkout', '-q', '-b', name);
    writeFile(BACKLOG, readFile(BACKLOG).replace('Refund flow,', 'Refund flow (branch),'));
    git('commit', '-q', '-am', 'change on the branch');
    git('checkout', '-q', 'main');
    const mine = readFile(BACKLOG).replace('Refund flow,', 'Refund flow (my local edit),');
    writeFile(BACKLOG, mine);
    await settle(a);
    const result = (await vscode.commands.executeCommand('sprintlog.startWork', { id: 'PAY-14' })) as { refused?: string };
    assert.match(result.refused ?? '', /would overwrite uncommitted changes in backlog\/backlog\.yaml/);
    assert.equal(branch(), 'main');
    assert.equal(readFile(BACKLOG), mine);
  });
});
