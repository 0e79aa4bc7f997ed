// The agent tools as VS Code language-model tools (`#sprintlog_…` in chat):
// one registration per tool of core/agent, contributed in package.json with the
// same name, description and input schema. Writing tools show the change they
// will make and ask before they run, and exist only in a trusted workspace.
import * as vscode from 'vscode';
import { AGENT_TOOLS, answerText, checkInput, previewWrite, runTool, type AgentTool } from '../../core/agent';
import type { Services } from '../commands/services';
import { agentFolder, vscodeHost } from './host';

/** The VS Code name of a tool (also its `#` reference in chat). */
export function vscodeToolName(tool: AgentTool): string {
  return `sprintlog_${tool.name}`;
}

function register(s: Services, tool: AgentTool): vscode.Disposable {
  return vscode.lm.registerTool<object>(vscodeToolName(tool), {
    async prepareInvocation(options) {
      if (!tool.writes) return { invocationMessage: `Sprintlog: ${tool.title.toLowerCase()}` };
      // The confirmation shows the lines that will change, computed on the current buffers.
      let body: string;
      try {
        checkInput(tool.inputSchema, options.input);
        const fb = await agentFolder(s);
        const ws = (await vscodeHost(s, fb).workspace());
        const diff = previewWrite(ws, tool.ops!(ws, options.input as never));
        body = diff.length > 0 ? '```diff\n' + diff.join('\n') + '\n```' : 'Nothing to change: the file already says so.';
      } catch (e) {
        body = `This will be refused: ${e instanceof Error ? e.message : String(e)}`;
      }
      return {
        invocationMessage: `Sprintlog: ${tool.title.toLowerCase()}`,
        confirmationMessages: { title: `Sprintlog: ${tool.title}?`, message: new vscode.MarkdownString(body) },
      };
    },
    async invoke(options) {
      if (tool.writes && !vscode.workspace.isTrusted) throw new Error('Sprintlog does not change files in a restricted workspace. Trust the workspace to edit the backlog.');
      const fb = await agentFolder(s);
      const value = await runTool(vscodeHost(s, fb), tool.name, options.input);
      return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(answerText(value))]);
    },
  });
}

/** Reading tools always; writing tools once the workspace is trusted. */
export function registerAgentTools(context: vscode.ExtensionContext, s: Services): string[] {
  const registered: string[] = [];
  const add = (tools: readonly AgentTool[]): void => {
    for (const t of tools) {
      context.subscriptions.push(register(s, t));
      registered.push(vscodeToolName(t));
    }
  };
  add(AGENT_TOOLS.filter((t) => !t.writes));
  const writers = AGENT_TOOLS.filter((t) => t.writes);
  if (vscode.workspace.isTrusted) add(writers);
  else context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => add(writers)));
  return registered;
}
