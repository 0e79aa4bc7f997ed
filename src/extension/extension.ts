// Composition root: activate() builds the services and registers everything.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Sprintlog', { log: true });
  context.subscriptions.push(output);
  output.info('Sprintlog activated');
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
