// Sprintlog in Restricted Mode (an untrusted workspace) in a real VS Code: the
// views and diagnostics work, every writing command is refused without touching
// a file or a branch, and no git process is ever started (a repository's own
// config can run programs: core.fsmonitor, hooks...).
//
// Run by `npm run test:integration:untrusted` (run-integration.ts --untrusted):
// code-server starts with workspace trust on and the folder untrusted, and the
// runner arms git traps before the extension activates (./setup.ts): the
// workspace repo's core.fsmonitor and core.hooksPath, and a `git` shim first on
// PATH, all append to $SPRINTLOG_GIT_MARKER. These tests never run git themselves.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SprintlogApi } from '../../src/extension/extension';
import type { InfoNode, ItemNode } from '../../src/extension/views/nodes';
import { activateExtension, readFile, waitFor, workspaceRoot, workspaceUri, writeFile } from '../integration/util';
import { BACKLOG, children, groups, itemNode, outline } from '../integration/views-helpers';

const SPRINTS = 'backlog/sprints.yaml';

/** The marker the git traps append to; absent as long as no git ran. */
function marker(): string {
  const file = process.env.SPRINTLOG_GIT_MARKER;
  assert.ok(file, 'SPRINTLOG_GIT_MARKER is set (run with run-integration.ts --untrusted)');
  return file;
}

function gitRan(): string | undefined {
  const file = marker();
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

function assertNoGitYet(when: string): void {
  const ran = gitRan();
  assert.equal(ran, undefined, `git ran ${when}:\n${ran}`);
}

/** Every file under backlog/ with its bytes, plus the branch state read from .git directly (no git). */
function snapshot(): Record<string, string> {
  const root = workspaceRoot();
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(child);
      else out[child] = fs.readFileSync(path.join(root, child)).toString('base64');
    }
  };
  walk('backlog');
  const dotGit = path.join(root, '.git');
  out['.git/HEAD'] = fs.readFileSync(path.join(dotGit, 'HEAD'), 'utf8');
  out['.git/refs/heads'] = fs.readdirSync(path.join(dotGit, 'refs', 'heads'), { recursive: true }).map(String).sort().join(',');
  const packed = path.join(dotGit, 'packed-refs');
  out['.git/packed-refs'] = fs.existsSync(packed) ? fs.readFileSync(packed, 'utf8') : '';
  return out;
}

/**
 * Arguments that make each writing command act without asking anything, were it allowed to
 * run: so a missing guard shows up as a changed file or a new branch, not as a dialog.
 */
const WRITE_ARGS: Record<string, unknown> = {
  'sprintlog.newItem': { title: 'Should never be written', type: 'task', points: 1, sprint: 'S12', rank: 0 },
  'sprintlog.startWork': { id: 'PAY-15' },
  'sprintlog.setState': { id: 'PAY-15', state: 'done' },
  'sprintlog.moveToSprint': { id: 'PAY-14', sprint: 'S13' },
  'sprintlog.estimate': { id: 'PAY-14', points: 3 },
  'sprintlog.assign': { id: 'PAY-14', assignee: 'dana' },
  'sprintlog.assignToMe': { id: 'PAY-15' },
  'sprintlog.editTitle': { id: 'PAY-17', title: 'Renamed in a restricted workspace' },
  'sprintlog.setBlocked': { id: 'PAY-15', reason: 'should not be written' },
  'sprintlog.clearBlocked': { id: 'PAY-12' },
  'sprintlog.addDependency': { id: 'PAY-15', dependency: 'PAY-16' },
  'sprintlog.deleteItem': { id: 'PAY-17', confirm: true },
  'sprintlog.addReviewRating': { sprint: 'S12', satisfaction: 4, notes: 'should not be written' },
  'sprintlog.addRetroNote': { sprint: 'S11', list: 'went_well', text: 'should not be written' },
  'sprintlog.addRetroAction': { sprint: 'S11', text: 'should not be written', owner: null },
  'sprintlog.closeRetroAction': { sprint: 'S11', index: 1 },
};

async function diagnostics(rel: string, code: string): Promise<vscode.Diagnostic[]> {
  const uri = workspaceUri(rel);
  return waitFor(() => {
    const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'sprintlog' && d.code === code);
    return found.length > 0 ? found : undefined;
  }, { timeout: 10_000, message: `a ${code} diagnostic in ${rel}` });
}

describe('restricted mode (untrusted workspace)', () => {
  let a: SprintlogApi;
  let ext: vscode.Extension<unknown>;
  before(async () => {
    ext = await activateExtension();
    a = ext.exports as SprintlogApi;
    await a.store.ready();
  });

  it('opens the folder untrusted, with the git traps armed before activation', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace is in Restricted Mode');
    assert.ok(ext.isActive);
    const config = fs.readFileSync(path.join(workspaceRoot(), '.git', 'config'), 'utf8');
    assert.match(config, /fsmonitor = .*fsmonitor\.sh/);
    assert.match(config, /hooksPath = .*hooks/);
    // `git` as the extension host resolves it (execFile) is the shim that writes the marker.
    const firstGit = (process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'git')).find((f) => fs.existsSync(f));
    assert.equal(firstGit, path.join(path.dirname(marker()), 'git-trap', 'bin', 'git'));
    assertNoGitYet('during activation');
  });

  it('the views show the fixture items', async () => {
    const bySprint = await outline(a.views.backlog);
    assert.deepEqual(bySprint.find(([label]) => label === 'Sprint 12 (S12)')?.[1], ['PAY-12', 'PAY-15', 'PAY-16', 'PAY-9']);
    assert.deepEqual(bySprint.find(([label]) => label === 'Product backlog')?.[1], ['PAY-14', 'PAY-17']);
    assert.equal(bySprint.flatMap(([, ids]) => ids).length, 7);
    const row = a.views.backlog.getTreeItem(await itemNode(a.views.backlog, 'PAY-12'));
    assert.equal(row.label, 'PAY-12 Checkout accepts saved cards');
    assert.equal(row.description, '5 pt · alice · ⊘ blocked');

    // Commands that only change what the views show still work.
    await vscode.commands.executeCommand('sprintlog.pickSprint', { sprint: 'S12' });
    const top = await children(a.views.sprint);
    assert.equal(top.filter((n): n is InfoNode => n.kind === 'info')[0]?.label, 'Sprint 12 (S12)');
    const byState: [string, string[]][] = [];
    for (const g of groups(top)) byState.push([g.group.label, ((await children(a.views.sprint, g)) as ItemNode[]).map((n) => n.item.id)]);
    assert.deepEqual(byState, [['todo', ['PAY-15']], ['in-progress', ['PAY-12']], ['review', ['PAY-16']], ['done', ['PAY-9']]]);
    await vscode.commands.executeCommand('sprintlog.groupBy', { grouping: 'state' });
    assert.deepEqual(await outline(a.views.backlog), [
      ['todo', ['PAY-15', 'PAY-13', 'PAY-14', 'PAY-17']], ['in-progress', ['PAY-12']], ['review', ['PAY-16']], ['done', ['PAY-9']],
    ]);
    await vscode.commands.executeCommand('sprintlog.filter', { filter: { blocked: true } });
    assert.deepEqual((await outline(a.views.backlog)).flatMap(([, ids]) => ids), ['PAY-12']);
    await vscode.commands.executeCommand('sprintlog.clearFilter');
    await vscode.commands.executeCommand('sprintlog.groupBy', { grouping: 'sprint' });
    await vscode.commands.executeCommand('sprintlog.refresh');
    assert.equal(await vscode.commands.executeCommand('sprintlog.copyId', { id: 'PAY-16' }), 'PAY-16');
  });

  it('refuses every writing command, leaving the files and branches as they were', async () => {
    const declared = ((ext.packageJSON as { contributes: { commands: { command: string; enablement?: string }[] } }).contributes.commands)
      .filter((c) => c.enablement?.includes('isWorkspaceTrusted'))
      .map((c) => c.command);
    for (const id of ['sprintlog.setState', 'sprintlog.newItem', 'sprintlog.startWork']) assert.ok(declared.includes(id), `${id} needs a trusted workspace`);
    const before = snapshot();
    // Every command runs, so one report names all that were not refused or changed something.
    const wrong: string[] = [];
    for (const id of declared) {
      const was = snapshot();
      const result = await Promise.race([
        vscode.commands.executeCommand(id, WRITE_ARGS[id] ?? { id: 'PAY-15' }),
        new Promise((resolve) => setTimeout(() => resolve('no answer within 5 s (waiting for input?)'), 5000)),
      ]);
      const refusal = (result as { refused?: string } | undefined)?.refused;
      const shown = typeof result === 'object' && result !== null ? `{${Object.keys(result).join(', ')}}` : String(result);
      if (!/restricted workspace/.test(refusal ?? '')) wrong.push(`${id} was not refused: ${refusal ?? shown}`);
      const changed = Object.keys({ ...was, ...snapshot() }).filter((k) => was[k] !== snapshot()[k]);
      if (changed.length > 0) wrong.push(`${id} changed ${changed.join(', ')}`);
    }
    assert.deepEqual(wrong, []);
    assert.deepEqual(snapshot(), before);
    assert.equal(a.store.findItem('PAY-15')?.item.state, 'todo');
    assert.equal(a.store.findItem('PAY-17')?.item.title, 'Export settlement report as CSV');
    assert.equal(before['.git/HEAD'].trim(), 'ref: refs/heads/main');
    assert.equal(before['.git/refs/heads'], 'main');
    assertNoGitYet('while the writing commands were refused');
  });

  it('shows no health badges: they need the git history, which is not read here', async () => {
    const row = a.views.backlog.getTreeItem(await itemNode(a.views.backlog, 'PAY-12'));
    assert.ok(row.resourceUri);
    const health = a.health as vscode.FileDecorationProvider;
    assert.equal(await health.provideFileDecoration(row.resourceUri, new vscode.CancellationTokenSource().token), undefined);
    assertNoGitYet('while asking for badges');
  });

  it('refuses a drag and drop edit', async () => {
    const before = snapshot();
    await vscode.commands.executeCommand('sprintlog.groupBy', { grouping: 'state' });
    const dt = new vscode.DataTransfer();
    a.views.dragAndDrop.handleDrag([await itemNode(a.views.backlog, 'PAY-15')], dt);
    const done = groups(await children(a.views.backlog)).find((g) => g.group.label === 'done');
    assert.ok(done);
    await a.views.dragAndDrop.handleDrop(done, dt, new vscode.CancellationTokenSource().token);
    await vscode.commands.executeCommand('sprintlog.groupBy', { grouping: 'sprint' });
    assert.deepEqual(snapshot(), before);
    assert.equal(a.store.findItem('PAY-15')?.item.state, 'todo');
  });

  it('reports diagnostics for broken files', async () => {
    const fixture = await diagnostics(BACKLOG, 'unknown-key');
    assert.equal(fixture[0].severity, vscode.DiagnosticSeverity.Warning);

    const archive = 'backlog/archive/2025.yaml';
    writeFile(archive, 'version: 1\nitems:\n  - id: PAY-12\n    title: Same id as in the main file\n    sprint: S99\n');
    const dup = await diagnostics(archive, 'duplicate-id');
    assert.equal(dup[0].range.start.line, 2);
    assert.equal((await diagnostics(archive, 'unknown-sprint'))[0].range.start.line, 4);

    const broken = 'backlog/archive/2024.yaml';
    writeFile(broken, 'version: 1\nitems:\n  - id: PAY-1\n    title: [never closed\n    state: done\n');
    const syntax = await diagnostics(broken, 'yaml-syntax');
    assert.equal(syntax[0].severity, vscode.DiagnosticSeverity.Error);
    // The Backlog view shows the file that does not parse as an error row, above the items it still lists.
    const rows = await waitFor(async () => {
      const top = await children(a.views.backlog);
      return top.some((n) => n.kind === 'error' && n.problem.file === broken) ? top : undefined;
    }, { timeout: 10_000, message: `an error row for ${broken} in the Backlog view` });
    assert.ok(groups(rows).length > 0);

    for (const rel of [archive, broken]) await vscode.workspace.fs.delete(workspaceUri(rel));
    await waitFor(() => vscode.languages.getDiagnostics(workspaceUri(archive)).length === 0, { timeout: 10_000, message: 'the deleted files\' diagnostics to clear' });
  });

  it('starts no git process at all, also after saves and changes on disk', async () => {
    // What would start the history reader in a trusted workspace: a saved backlog file, a change on disk.
    const doc = await vscode.workspace.openTextDocument(workspaceUri(SPRINTS));
    await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), '# touched in Restricted Mode\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await doc.save(), 'the user can still save files in Restricted Mode');
    writeFile(BACKLOG, readFile(BACKLOG) + '\n# changed on disk\n');
    await waitFor(() => a.store.folders()[0]?.workspace.backlogs.some((b) => b.text.endsWith('# changed on disk\n')), { message: 'the store to reload the changed file' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The history service reruns 0.8 s after a change; leave it several times that.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    writeFile(SPRINTS, original);
    writeFile(BACKLOG, readFile(BACKLOG).replace(/\n# changed on disk\n$/, ''));
    assertNoGitYet('during the run');
  });
});
