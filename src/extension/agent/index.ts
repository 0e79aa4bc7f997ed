// Coding agents in VS Code: the language-model tools and the MCP server definition.
import type * as vscode from 'vscode';
import type { Services } from '../commands/services';
import { registerMcpProvider } from './mcp';
import { registerAgentTools } from './tools';

export interface AgentApi {
  /** Names of the language-model tools registered now. */
  tools: string[];
  /** Whether this VS Code offered the MCP server definition provider API. */
  mcpProvider: boolean;
}

export function registerAgent(context: vscode.ExtensionContext, s: Services): AgentApi {
  return { tools: registerAgentTools(context, s), mcpProvider: registerMcpProvider(context, s) };
}
