// The agent tools in Restricted Mode: only the reading tools are registered,
// they answer from the files without starting git (history-based figures are
// then unknown), and no writing tool can be invoked.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { AGENT_TOOLS } from '../../src/core/agent';
import type { AgentApi } from '../../src/extension/agent';
import type { SprintlogApi } from '../../src/extension/extension';
import { activateExtension, readFile } from '../integration/util';
import { BACKLOG } from '../integration/views-helpers';

async function invoke(name: string, input: object): Promise<Record<string, unknown>> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  return JSON.parse(result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('')) as Record<string, unknown>;
}

describe('agent tools in Restricted Mode', function () {
  this.timeout(60_000);

  it('registers only the reading tools; they answer without git; writing tools cannot be invoked', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const a = (await activateExtension()).exports as SprintlogApi;
    await a.store.ready();
    const readers = AGENT_TOOLS.filter((t) => !t.writes).map((t) => `sprintlog_${t.name}`);
    assert.deepEqual((a.agent as AgentApi).tools, readers);
    // vscode.lm.tools lists what package.json contributes (all 13, `when` or not): registration is what counts.
    const status = await invoke('sprintlog_sprint_status', { sprint: 'S12' });
    assert.equal(status.id, 'S12');
    const item = await invoke('sprintlog_get_item', { id: 'PAY-12' });
    assert.equal((item.history as { status: string }).status, 'none');
    const before = readFile(BACKLOG);
    await assert.rejects(Promise.resolve(vscode.lm.invokeTool('sprintlog_set_fields', { input: { id: 'PAY-12', fields: { state: 'done' } }, toolInvocationToken: undefined })));
    assert.equal(readFile(BACKLOG), before);
    const file = process.env.SPRINTLOG_GIT_MARKER;
    assert.ok(file, 'SPRINTLOG_GIT_MARKER is set (run with run-integration.ts --untrusted)');
    assert.equal(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined, undefined, 'no git ran');
  });
});
