// Offers `sprintlog mcp` (the bundled CLI) to agents inside VS Code through an
// MCP server definition provider, one server per folder with a backlog, where
// the running VS Code has that API (feature-detected: older hosts skip it).
import * as vscode from 'vscode';
import type { Services } from '../commands/services';

export const MCP_PROVIDER_ID = 'sprintlog.mcp';

export function registerMcpProvider(context: vscode.ExtensionContext, s: Services): boolean {
  const lm = vscode.lm as Partial<typeof vscode.lm>;
  if (typeof lm.registerMcpServerDefinitionProvider !== 'function' || typeof vscode.McpStdioServerDefinition !== 'function') return false;
  const changed = new vscode.EventEmitter<void>();
  const cli = context.asAbsolutePath('dist/cli.js');
  context.subscriptions.push(
    changed,
    s.store.onDidChangeFolders(() => changed.fire()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => changed.fire()),
    lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
      onDidChangeMcpServerDefinitions: changed.event,
      provideMcpServerDefinitions: async () => {
        // The server runs git (history) and writes: nothing is offered until the workspace is trusted.
        if (!vscode.workspace.isTrusted) return [];
        await s.store.ready();
        return s.store.folders().map((fb) => {
          const label = s.store.folders().length > 1 ? `Sprintlog (${fb.folder.name})` : 'Sprintlog';
          // The editor's own runtime: Electron runs as plain Node with ELECTRON_RUN_AS_NODE.
          const def = new vscode.McpStdioServerDefinition(label, process.execPath, [cli, 'mcp', '--repo', fb.root], { ELECTRON_RUN_AS_NODE: '1' }, '0.1.0');
          def.cwd = fb.folder.uri;
          return def;
        });
      },
    }),
  );
  return true;
}
