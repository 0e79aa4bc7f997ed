// Sprintlog's tools for coding agents (pure: no vscode, no I/O of its own).
// `sprintlog mcp` serves them over MCP; the extension registers them as
// language-model tools. Both supply an AgentHost (./host.ts).
export { AGENT_TOOLS, answerText, findTool, runTool, type AgentTool } from './tools';
export type { AgentHost, Written } from './host';
export { AgentInputError, checkInput, type JsonSchema } from './schema';
export { planDiff, textDiff } from './diff';
export { previewWrite } from './write';
