// An MCP session with `sprintlog mcp` as an agent has it: the SDK's own Client
// over StdioClientTransport, spawning the bundled CLI (BundledCli: src/cli/bin.ts
// bundled as esbuild.js bundles it) in a real repository.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { BundledCli } from './bundled-cli';

export interface ToolAnswer {
  isError: boolean;
  text: string;
  /** The JSON of a successful answer. */
  json: Record<string, unknown>;
}

export class McpSession {
  /** Transport errors (a line on stdout that is not protocol shows up here). */
  readonly errors: Error[] = [];
  stderr = '';

  private constructor(readonly client: Client, readonly transport: StdioClientTransport) {}

  static async start(bin: BundledCli, args: string[], cwd: string, env: Record<string, string>): Promise<McpSession> {
    const transport = new StdioClientTransport({ command: process.execPath, args: [bin.cli, ...args], cwd, env, stderr: 'pipe' });
    const client = new Client({ name: 'sprintlog-test', version: '1.0.0' });
    const session = new McpSession(client, transport);
    transport.stderr?.on('data', (d: Buffer) => (session.stderr += d.toString('utf8')));
    client.onerror = (e) => session.errors.push(e);
    await client.connect(transport);
    return session;
  }

  async call(name: string, args: Record<string, unknown> = {}): Promise<ToolAnswer> {
    const r = await this.client.callTool({ name, arguments: args });
    const text = (r.content as Array<{ type: string; text: string }>).map((c) => c.text).join('');
    return { isError: r.isError === true, text, json: r.isError === true ? {} : (JSON.parse(text) as Record<string, unknown>) };
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/** Only the environment a test gives (plus PATH and HOME), git isolated from the user's config. */
export function sessionEnv(extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Agent', GIT_AUTHOR_EMAIL: 'agent@example.invalid', GIT_COMMITTER_NAME: 'Agent', GIT_COMMITTER_EMAIL: 'agent@example.invalid', ...extra,
  };
}

/** The `-`/`+` lines of `git diff -U0` (file headers left out). */
export function gitDiffLines(diff: string): string[] {
  return diff.split('\n').filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+) /.test(l));
}
