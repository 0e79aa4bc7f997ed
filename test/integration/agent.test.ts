// The agent tools as VS Code language-model tools in a real VS Code: all
// registered, and vscode.lm.invokeTool of a reading and a writing tool works
// without a chat model (the write lands in the document through a
// WorkspaceEdit: one line, undoable; a dirty buffer is edited, not overwritten).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AGENT_TOOLS } from '../../src/core/agent';
import type { AgentApi } from '../../src/extension/agent';
import type { SprintlogApi } from '../../src/extension/extension';
import { readFile, workspaceUri } from './util';
import { BACKLOG, editingSuite, lineDiff } from './views-helpers';

async function invoke(name: string, input: object): Promise<Record<string, unknown>> {
  const call = vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  // A tool waiting for a confirmation nobody can give would hang the run: fail with what was seen instead.
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`lm.invokeTool('${name}') did not return within 20 s`)), 20_000));
  const result = await Promise.race([call, timeout]);
  const text = result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
  return JSON.parse(text) as Record<string, unknown>;
}

describe('agent tools (vscode.lm)', function () {
  this.timeout(60_000);
  let a: SprintlogApi;
  editingSuite((x) => (a = x));

  it('registers every tool of core/agent, as package.json contributes them', () => {
    const names = AGENT_TOOLS.map((t) => `sprintlog_${t.name}`);
    assert.deepEqual((a.agent as AgentApi).tools, names);
    const registered = vscode.lm.tools.filter((t) => t.name.startsWith('sprintlog_'));
    assert.deepEqual(registered.map((t) => t.name).sort(), [...names].sort());
    const status = registered.find((t) => t.name === 'sprintlog_sprint_status')!;
    assert.deepEqual(status.inputSchema, AGENT_TOOLS.find((t) => t.name === 'sprint_status')!.inputSchema);
    assert.ok(status.tags.includes('sprintlog'));
  });

  it('invokeTool of a reading tool answers from the buffers: sprint_status and list_items', async () => {
    const status = await invoke('sprintlog_sprint_status', { sprint: 'S12' });
    const inSprint = a.store.folders()[0].workspace.items.filter((i) => i.sprint === 'S12');
    assert.equal(status.id, 'S12');
    assert.equal(status.goal, 'Saved cards usable end to end');
    assert.deepEqual((status.items as Array<{ id: string }>).map((i) => i.id), inSprint.map((i) => i.id));
    const listed = await invoke('sprintlog_list_items', { sprint: 'S12', state: 'todo' });
    assert.ok((listed.items as Array<{ id: string }>).some((i) => i.id === 'PAY-15'));
  });

  it('invokeTool of a writing tool edits the document through a WorkspaceEdit: one line, saved, undoable', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri(BACKLOG));
    await vscode.window.showTextDocument(doc);
    const before = readFile(BACKLOG);
    const answer = await invoke('sprintlog_set_fields', { id: 'PAY-15', fields: { state: 'in-progress' } });
    assert.deepEqual(answer.diff, ['@@ backlog/backlog.yaml:37', '-    state: todo', '+    state: in-progress']);
    assert.deepEqual(lineDiff(before, readFile(BACKLOG)), { removed: ['    state: todo'], added: ['    state: in-progress'] });
    assert.equal(doc.getText(), readFile(BACKLOG));
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), before);
    // Undone in the buffer only: save it, so the next test starts from a clean document.
    await doc.save();
  });

  it('a dirty buffer is edited, not overwritten; bad input is refused naming the field', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri(BACKLOG));
    const disk = readFile(BACKLOG);
    const typing = new vscode.WorkspaceEdit();
    typing.insert(doc.uri, new vscode.Position(0, 0), '# typed by the user\n');
    assert.ok(await vscode.workspace.applyEdit(typing));
    assert.ok(doc.isDirty, 'the user typed without saving');
    const t0 = Date.now();
    const answer = await invoke('sprintlog_block_item', { id: 'PAY-15', reason: 'Waiting for the logos' });
    assert.ok(doc.isDirty, `dirty after invoke? ${Date.now() - t0} ms ${JSON.stringify(answer)} head=${JSON.stringify(doc.getText().slice(0, 60))} disk=${JSON.stringify(readFile(BACKLOG).slice(0, 60))} closed=${doc.isClosed}`);
    assert.ok(doc.getText().startsWith('# typed by the user\n'));
    assert.match(doc.getText(), /\n {4}blocked: Waiting for the logos\n/);
    assert.equal(readFile(BACKLOG), disk, 'the file on disk keeps what it had: the user saves their own typing');
    await assert.rejects(invoke('sprintlog_set_fields', { id: 'PAY-15', fields: { points: 'five' } }), /'points' must be a number >= 0/);
    await assert.rejects(invoke('sprintlog_move_item', { id: 'PAY-15', sprint: 'S99' }), /unknown sprint 'S99'/);
  });

  it('offers the MCP server definition provider where this VS Code has the API', () => {
    const has = typeof (vscode.lm as Partial<typeof vscode.lm>).registerMcpServerDefinitionProvider === 'function';
    assert.equal((a.agent as AgentApi).mcpProvider, has);
  });
});
