// `sprintlog mcp [--repo DIR] [--read-only]`: the agent tools (src/core/agent)
// and the backlog files as an MCP server over stdio, for coding agents.
// stdout carries only the protocol: every other word goes to stderr.
// Writes go through the edit engine under the backlog's lock, exactly as
// `sprintlog set` does; reads are the figures of `sprintlog metrics --json`.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { AGENT_TOOLS, answerText, planDiff, runTool, type AgentHost } from '../../core/agent';
import { planEdits } from '../../core/edit';
import { editWorkspace } from '../../core/edit/write';
import { HistoryEngine } from '../../core/history';
import { idsEverUsed } from '../../core/history/used-ids';
import { loadWorkspace } from '../../core/parse/workspace';
import { printableLines } from '../../core/printable';
import { type Command, type CommandContext, REPO_FLAG } from '../command';
import { metricsDocument } from '../metrics-document';
import { repoRoot } from '../repo';
import { version as VERSION } from '../../../package.json';

/** The tools' view of one repository on disk. */
export function diskHost(ctx: CommandContext, root: string, readOnly: boolean): AgentHost {
  // metricsDocument resolves the repository from --repo: always the root found at start.
  const mctx: CommandContext = { ...ctx, flags: { repo: root } };
  const host: AgentHost = {
    workspace: async () => loadWorkspace(root),
    metrics: async () => {
      const { report, history } = await metricsDocument(mctx, { ref: 'HEAD', command: 'mcp' });
      return { report, history };
    },
  };
  if (readOnly) return host;
  host.write = async (opsOf, opts) => {
    // A deleted item's id stays taken: the history still names it (as `sprintlog add` does).
    const reservedIds = opts.reserveHistoryIds ? await idsEverUsed(new HistoryEngine(), root) : undefined;
    const ed = editWorkspace(root, (ws) => planEdits(ws, opsOf(ws), { reservedIds }));
    return { files: ed.files, diff: ed.files.length > 0 ? planDiff(ed.ws, ed.plan) : [], newIds: ed.plan.newIds };
  };
  return host;
}

const RESOURCES = [
  { uri: 'sprintlog://backlog', name: 'backlog', title: 'Backlog (backlog/backlog.yaml)', mimeType: 'application/yaml', description: 'The backlog file: epics and items in rank order.' },
  { uri: 'sprintlog://sprints', name: 'sprints', title: 'Sprint log (backlog/sprints.yaml)', mimeType: 'application/yaml', description: 'The sprint log: calendar, sprints, reviews, retros.' },
  { uri: 'sprintlog://metrics', name: 'metrics', title: 'Metrics document', mimeType: 'application/json', description: 'The document of `sprintlog metrics --json` (docs/spec/metrics.md).' },
];

async function readResource(host: AgentHost, uri: string): Promise<{ uri: string; mimeType: string; text: string }> {
  const res = RESOURCES.find((r) => r.uri === uri);
  if (!res) throw new Error(`unknown resource '${uri}'. Resources: ${RESOURCES.map((r) => r.uri).join(', ')}.`);
  if (res.name === 'metrics') return { uri, mimeType: res.mimeType, text: JSON.stringify((await host.metrics()).report, null, 2) + '\n' };
  const ws = await host.workspace();
  const file = res.name === 'backlog' ? ws.backlogs.find((b) => b.file === ws.backlogPath) : ws.sprintLog;
  const broken = ws.parseProblems.find((p) => p.file === (res.name === 'backlog' ? ws.backlogPath : ws.sprintsPath));
  if (!file && !broken) throw new Error(`${res.name === 'backlog' ? ws.backlogPath : ws.sprintsPath} does not exist in ${ws.root}.`);
  // A file that does not parse is still shown as it is (the agent may be asked to fix it): read it as text.
  const text = file?.text ?? fs.readFileSync(path.join(ws.root, broken!.file), 'utf8');
  return { uri, mimeType: res.mimeType, text };
}

/** The SDK is loaded only when `mcp` runs: every other command starts without it (it costs ~0.3 s per start). */
export async function createServer(host: AgentHost, readOnly: boolean): Promise<Server> {
  const { Server } = await import('@modelcontextprotocol/sdk/server/index.js');
  const { CallToolRequestSchema, ListResourcesRequestSchema, ListToolsRequestSchema, ReadResourceRequestSchema } = await import('@modelcontextprotocol/sdk/types.js');
  const tools = AGENT_TOOLS.filter((t) => !readOnly || !t.writes);
  const server = new Server(
    { name: 'sprintlog', version: VERSION },
    {
      capabilities: { tools: {}, resources: {} },
      instructions: [
        'Sprintlog keeps the backlog (backlog/backlog.yaml) and sprint log (backlog/sprints.yaml) of this repository.',
        'Read and change them only through these tools: they keep comments and layout, refuse invalid edits and answer with the changed lines.',
        readOnly ? 'This server is read-only.' : '',
      ].filter(Boolean).join(' '),
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: tools.map((t) => ({
      name: t.name, title: t.title, description: t.description, inputSchema: t.inputSchema as { type: 'object' },
      annotations: { title: t.title, readOnlyHint: !t.writes, destructiveHint: false, idempotentHint: !t.writes || t.name !== 'add_item' && t.name !== 'add_retro_action', openWorldHint: false },
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (req): Promise<CallToolResult> => {
    const { name, arguments: args } = req.params;
    try {
      if (readOnly && AGENT_TOOLS.some((t) => t.name === name && t.writes)) throw new Error(`'${name}' writes, and this server runs --read-only: it changes no file.`);
      const value = await runTool(host, name, args);
      return { content: [{ type: 'text', text: answerText(value) }] };
    } catch (e) {
      return { isError: true, content: [{ type: 'text', text: `${name}: ${e instanceof Error ? e.message : String(e)}` }] };
    }
  });
  server.setRequestHandler(ListResourcesRequestSchema, async () => ({ resources: RESOURCES }));
  server.setRequestHandler(ReadResourceRequestSchema, async (req) => ({ contents: [await readResource(host, req.params.uri)] }));
  return server;
}

async function run(ctx: CommandContext): Promise<number> {
  const root = repoRoot(ctx);
  const readOnly = ctx.flags['read-only'] === true;
  const server = await createServer(diskHost(ctx, root, readOnly), readOnly);
  const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
    // The client went away: stdin ends (the transport does not notice on its own).
    process.stdin.once('end', () => void server.close().then(resolve, resolve));
  });
  server.onerror = (e) => ctx.io.err(`sprintlog mcp: ${printableLines(e.message)}\n`);
  await server.connect(transport);
  ctx.io.err(`sprintlog mcp: serving ${root}${readOnly ? ' (read-only)' : ''} on stdio\n`);
  await closed;
  return 0;
}

export const mcpCommand: Command = {
  name: 'mcp',
  summary: 'Serve the backlog to coding agents (Model Context Protocol over stdio).',
  usage: 'mcp [--repo DIR] [--read-only]',
  details: [
    'Tools: ' + AGENT_TOOLS.map((t) => t.name).join(', ') + '.',
    'Resources: sprintlog://backlog, sprintlog://sprints, sprintlog://metrics.',
    'Writes go through the same comment-keeping edit engine as `sprintlog set` and are refused',
    'while a backlog file does not parse or when the result would be invalid. stdout carries only',
    'the protocol; messages go to stderr. Add it to an agent\'s MCP configuration (see the README).',
  ].join('\n'),
  flags: [REPO_FLAG, { name: 'read-only', type: 'boolean', help: 'Offer only the reading tools; refuse every write.' }],
  positionals: { min: 0, max: 0 },
  run,
};
