// Every Sprintlog command in a real VS Code: the exact change to the file on
// disk, undo, the stale-buffer re-plan, refusal on a file that does not parse,
// and auto-commit.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SprintlogApi } from '../../src/extension/extension';
import { git, readFile, waitFor, workspaceUri, writeFile } from './util';
import { BACKLOG, lineDiff, runEdit, settle, editingSuite } from './views-helpers';

describe('commands', () => {
  let a: SprintlogApi;
  editingSuite((x) => (a = x), () => vscode.workspace.getConfiguration('sprintlog').update('autoCommit', undefined, vscode.ConfigurationTarget.Workspace));

  it('set state changes one line and saves the file', async () => {
    const { before, after } = await runEdit('sprintlog.setState', { id: 'PAY-15', state: 'in-progress' });
    assert.deepEqual(lineDiff(before, after), { removed: ['    state: todo'], added: ['    state: in-progress'] });
    assert.equal(a.store.findItem('PAY-15')?.item.state, 'in-progress');
  });

  it('undo restores the text', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri(BACKLOG));
    await vscode.window.showTextDocument(doc);
    const { before } = await runEdit('sprintlog.setState', { id: 'PAY-15', state: 'done' });
    assert.notEqual(doc.getText(), before);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), before);
  });

  it('move to sprint adds, changes and removes the sprint key', async () => {
    let r = await runEdit('sprintlog.moveToSprint', { id: 'PAY-14', sprint: 'S13' });
    assert.deepEqual(lineDiff(r.before, r.after), { removed: [], added: ['    sprint: S13'] });
    r = await runEdit('sprintlog.moveToSprint', { id: 'PAY-12', sprint: null });
    assert.deepEqual(lineDiff(r.before, r.after), { removed: ['    sprint: S12'], added: [] });
    r = await runEdit('sprintlog.moveToSprint', { ids: ['PAY-15'], sprint: 'S13' });
    assert.deepEqual(lineDiff(r.before, r.after), { removed: ['    sprint: S12'], added: ['    sprint: S13'] });
  });

  it('estimate sets and clears points, also in a flow mapping', async () => {
    let r = await runEdit('sprintlog.estimate', { id: 'PAY-14', points: 3 });
    assert.deepEqual(lineDiff(r.before, r.after), { removed: [], added: ['    points: 3'] });
    r = await runEdit('sprintlog.estimate', { id: 'PAY-13', points: 13 });
    assert.deepEqual(lineDiff(r.before, r.after), {
      removed: ['  - {id: PAY-13, title: Refund flow, type: story, points: 8, epic: PAY-E2, sprint: S13}'],
      added: ['  - {id: PAY-13, title: Refund flow, type: story, points: 13, epic: PAY-E2, sprint: S13}'],
    });
    r = await runEdit('sprintlog.estimate', { id: 'PAY-12', points: null });
    assert.deepEqual(lineDiff(r.before, r.after), { removed: ['    points: 5'], added: [] });
  });

  it('assign, assign to me (git user.name) and unassign', async () => {
    let r = await runEdit('sprintlog.assign', { id: 'PAY-14', assignee: 'dana' });
    assert.deepEqual(lineDiff(r.before, r.after), { removed: [], added: ['    assignee: dana'] });
    r = await runEdit('sprintlog.assignToMe', { id: 'PAY-15' });
    assert.deepEqual(lineDiff(r.before, r.after), { removed: ['    assignee: carol'], added: ['    assignee: Sprintlog Tests'] });
    r = await runEdit('sprintlog.assign', { id: 'PAY-16', assignee: null });
    assert.deepEqual(lineDiff(r.before, r.after), { removed: ['    assignee: bob'], added: [] });
  });

  it('edit title', async () => {
    const r = await runEdit('sprintlog.editTitle', { id: 'PAY-17', title: 'Export settlement report as CSV and XLSX' });
    assert.deepEqual(lineDiff(r.before, r.after), { removed: ['    title: Export settlement report as CSV'], added: ['    title: Export settlement report as CSV and XLSX'] });
  });

  it('set and clear the blocked reason', async () => {
    let r = await runEdit('sprintlog.setBlocked', { id: 'PAY-15', reason: 'Needs design: logos' });
    assert.deepEqual(lineDiff(r.before, r.after), { removed: [], added: ['    blocked: "Needs design: logos"'] });
    assert.equal(a.store.findItem('PAY-15')?.item.blocked, 'Needs design: logos');
    r = await runEdit('sprintlog.clearBlocked', { id: 'PAY-12' });
    assert.deepEqual(lineDiff(r.before, r.after), { removed: ['    blocked: Waiting for vendor API keys'], added: [] });
  });

  it('add dependency: a new list, then one more entry', async () => {
    let r = await runEdit('sprintlog.addDependency', { id: 'PAY-15', dependency: 'PAY-9' });
    assert.deepEqual(lineDiff(r.before, r.after), { removed: [], added: ['    depends_on: [PAY-9]'] });
    r = await runEdit('sprintlog.addDependency', { id: 'PAY-12', dependency: 'PAY-16' });
    assert.deepEqual(lineDiff(r.before, r.after), { removed: ['    depends_on: [PAY-9]'], added: ['    depends_on: [PAY-9, PAY-16]'] });
  });

  it('new item at a chosen rank, with an id no other branch uses', async () => {
    // Another branch already created PAY-18: the new item must not take that id.
    git('checkout', '-q', '-b', 'other');
    writeFile(BACKLOG, readFile(BACKLOG).replace('items:\n', 'items:\n  - {id: PAY-18, title: Made on another branch}\n'));
    git('commit', '-q', '-am', 'PAY-18 on another branch');
    git('checkout', '-q', 'main');
    await settle(a);
    const r = await runEdit('sprintlog.newItem', { title: 'Apple Pay', type: 'story', points: 3, sprint: 'S13', rank: 1 });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const d = lineDiff(r.before, r.after);
    assert.deepEqual(d.removed.filter((l) => l.trim()), []);
    assert.deepEqual(d.added.filter((l) => l.trim()), ['  - id: PAY-19', '    title: Apple Pay', '    type: story', '    state: todo', '    points: 3', '    sprint: S13', `    created: ${today}`]);
    assert.deepEqual(a.store.folders()[0].workspace.items.slice(0, 3).map((i) => i.id), ['PAY-12', 'PAY-19', 'PAY-15']);
  });

  it('delete removes the whole entry', async () => {
    const r = await runEdit('sprintlog.deleteItem', { id: 'PAY-17', confirm: true });
    assert.deepEqual(lineDiff(r.before, r.after), {
      removed: ['  - id: PAY-17', '    title: Export settlement report as CSV', '    type: story', '    points: 5', '    value: 3', '    custom_field: kept as is   # unknown keys survive every write'],
      added: [],
    });
  });

  it('reveal in YAML puts the cursor on the item, copy id returns the ids', async () => {
    const editor = (await vscode.commands.executeCommand('sprintlog.revealInYaml', { id: 'PAY-16' })) as vscode.TextEditor;
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), workspaceUri(BACKLOG).toString());
    const pos = editor.selection.active;
    assert.equal(editor.document.lineAt(pos.line).text, '  - id: PAY-16');
    assert.equal(editor.document.getText(new vscode.Range(pos, pos.translate(0, 6))), 'PAY-16');
    assert.equal(await vscode.commands.executeCommand('sprintlog.copyId', { ids: ['PAY-12', 'PAY-9'] }), 'PAY-12, PAY-9');
  });

  it('refresh picks up a change made on disk by another program', async () => {
    writeFile(BACKLOG, readFile(BACKLOG).replace('title: Refund flow,', 'title: Refund flow v2,'));
    await vscode.commands.executeCommand('sprintlog.refresh');
    await waitFor(() => a.store.findItem('PAY-13')?.item.title === 'Refund flow v2', { message: 'the store to see the new title' });
  });

  it('plans against the unsaved buffer, not the disk, and leaves the user’s unsaved work unsaved', async () => {
    const disk = readFile(BACKLOG);
    const doc = await vscode.workspace.openTextDocument(workspaceUri(BACKLOG));
    const edit = new vscode.WorkspaceEdit();
    // Insert two lines at the top: every offset the disk-based model knows is now wrong.
    edit.insert(doc.uri, new vscode.Position(0, 0), '# typed but not saved\n# second line\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const typed = doc.getText();
    const result = await vscode.commands.executeCommand('sprintlog.setState', { id: 'PAY-16', state: 'done' });
    assert.ok(!(result && typeof result === 'object' && 'refused' in result), JSON.stringify(result));
    assert.deepEqual(lineDiff(typed, doc.getText()), { removed: ['    state: review'], added: ['    state: done'] });
    assert.ok(doc.isDirty, 'a buffer that had unsaved changes stays unsaved');
    assert.equal(readFile(BACKLOG), disk);
  });

  it('refuses to write a file that does not parse, and shows it as an error row', async () => {
    const broken = readFile(BACKLOG).replace('  - id: PAY-15\n', '<<<<<<< HEAD\n  - id: PAY-15\n=======\n  - id: PAY-15b\n>>>>>>> other\n');
    writeFile(BACKLOG, broken);
    await settle(a);
    const result = (await vscode.commands.executeCommand('sprintlog.setState', { id: 'PAY-12', state: 'done' })) as { refused?: string } | undefined;
    assert.match(result?.refused ?? '', /does not write the backlog while backlog\/backlog\.yaml does not parse/);
    assert.equal(readFile(BACKLOG), broken);
    const top = (await a.views.backlog.getChildren()) ?? [];
    const err = top.find((n) => n.kind === 'error');
    assert.ok(err && err.kind === 'error' && err.problem.code === 'merge-conflict');
    const item = a.views.backlog.getTreeItem(err) as vscode.TreeItem;
    assert.equal(item.command?.command, 'sprintlog.goToError');
    const editor = (await vscode.commands.executeCommand('sprintlog.goToError', ...(item.command?.arguments ?? []))) as vscode.TextEditor;
    assert.equal(editor.document.lineAt(editor.selection.active.line).text, '<<<<<<< HEAD');
  });

  it('auto-commit commits only the backlog file with a descriptive message', async () => {
    writeFile('notes.txt', 'not mine to commit\n');
    await vscode.workspace.getConfiguration('sprintlog').update('autoCommit', true, vscode.ConfigurationTarget.Workspace);
    await runEdit('sprintlog.setState', { id: 'PAY-15', state: 'review' });
    assert.equal(git('log', '-1', '--format=%s').trim(), 'PAY-15: state → review');
    assert.equal(git('show', '--name-only', '--format=', 'HEAD').trim(), BACKLOG);
    assert.equal(git('status', '--porcelain', '--', BACKLOG).trim(), '');
    assert.match(git('status', '--porcelain', '--', 'notes.txt'), /\?\? notes\.txt/);
  });

  it("auto-commit leaves the user's saved, uncommitted edit in the backlog file out of the commit", async () => {
    const mine = readFile(BACKLOG).replace('title: Checkout accepts saved cards', 'title: Checkout accepts saved cards (my wording)');
    writeFile(BACKLOG, mine);
    await settle(a);
    await vscode.workspace.getConfiguration('sprintlog').update('autoCommit', true, vscode.ConfigurationTarget.Workspace);
    await runEdit('sprintlog.setState', { id: 'PAY-15', state: 'review' });
    assert.equal(git('log', '-1', '--format=%s').trim(), 'PAY-15: state → review');
    const committed = git('show', `HEAD:${BACKLOG}`);
    assert.doesNotMatch(committed, /my wording/);
    assert.match(committed, /- id: PAY-15\n.*\n.*\n {4}state: review\n/);
    assert.equal(readFile(BACKLOG), mine.replace(/(- id: PAY-15\n.*\n.*\n {4}state: )todo\n/, '$1review\n'), 'the working tree keeps both');
    assert.deepEqual(lineDiff(committed, readFile(BACKLOG)), { removed: ['    title: Checkout accepts saved cards'], added: ['    title: Checkout accepts saved cards (my wording)'] });
    assert.equal(git('status', '--porcelain', '--', BACKLOG), ` M ${BACKLOG}\n`, 'the user\'s edit is unstaged, nothing staged');
  });
});
