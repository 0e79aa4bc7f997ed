// Composition root: activate() builds the services and registers everything.
// Feature modules export a `register…(context, services)` function; add one line here per module.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Sprintlog', { log: true });
  context.subscriptions.push(output);
  // -- services --
  // -- views and commands --
  // -- language features --
  output.info('Sprintlog activated');
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
