// Acceptance: a new user follows the README. `sprintlog init`, commit, add the
// server with the README's own MCP JSON, and an agent session (the SDK's
// Client) lists the tools, reads the active sprint and marks its item done
// with a one-line `git diff`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BundledCli, ROOT } from './helpers/bundled-cli';
import { GitRepo } from './helpers/gitrepo';
import { gitDiffLines, McpSession, sessionEnv } from './helpers/mcp-session';

/** The JSON code blocks of the README's "Agents" section. */
function agentsJson(): Array<Record<string, Record<string, { command: string; args: string[] }>>> {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Agents\n'), readme.indexOf('\n## ', readme.indexOf('\n## Agents\n') + 5));
  return [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]) as Record<string, Record<string, { command: string; args: string[] }>>);
}

describe('README "Agents": a new user\'s first MCP session', function () {
  this.timeout(120_000);
  let bin: BundledCli;
  let repo: GitRepo;
  before(() => {
    bin = BundledCli.build();
    repo = GitRepo.create();
  });
  after(() => {
    repo?.cleanup();
    bin?.cleanup();
  });

  it('lists the tools, reads the active sprint and marks its item done with a one-line diff', async () => {
    // The real clock: `init` starts the sprint this Monday, so it is active today.
    const env = sessionEnv({});
    const init = bin.run(['init', '--project', 'PAY', '--timezone', 'UTC'], repo.dir, env);
    assert.equal(init.code, 0, init.err);
    repo.commit('backlog');
    // The generic stdio JSON of the README, with `npx sprintlog` standing for the bundled CLI.
    const config = agentsJson().find((j) => j.mcpServers)!.mcpServers.sprintlog;
    assert.deepEqual([config.command, config.args[0]], ['npx', 'sprintlog']);
    const mcp = await McpSession.start(bin, config.args.slice(1), repo.dir, env);
    try {
      const { tools } = await mcp.client.listTools();
      for (const name of ['list_items', 'sprint_status', 'set_fields', 'add_item']) assert.ok(tools.some((t) => t.name === name), name);
      const sprint = (await mcp.call('sprint_status')).json;
      assert.deepEqual([sprint.id, sprint.status], ['S1', 'active']);
      const open = (sprint.items as Array<{ id: string; category: string }>).filter((i) => i.category !== 'done');
      assert.deepEqual(open.map((i) => i.id), ['PAY-1']);
      const done = await mcp.call('set_fields', { id: 'PAY-1', fields: { state: 'done' } });
      assert.equal(done.isError, false, done.text);
      assert.deepEqual(gitDiffLines(repo.git('diff', '-U0')), ['-    state: todo', '+    state: done']);
      assert.deepEqual((done.json.diff as string[]).slice(1), ['-    state: todo', '+    state: done']);
      assert.equal((await mcp.call('sprint_status')).json.completed, 3);
      assert.deepEqual(mcp.errors, []);
    } finally {
      await mcp.close();
    }
    // The VS Code mcp.json of the README starts the same server on the workspace folder.
    const vscode = agentsJson().find((j) => j.servers)!.servers.sprintlog;
    assert.deepEqual(vscode.args, ['sprintlog', 'mcp', '--repo', '${workspaceFolder}']);
  });
});
