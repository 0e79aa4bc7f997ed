// Dashboard webview entry (browser). Filled in by the dashboard issue.
import type { HostToWebview, WebviewToHost } from '../shared/protocol';

declare function acquireVsCodeApi(): { postMessage(m: WebviewToHost): void };

const vscode = acquireVsCodeApi();
window.addEventListener('message', (e: MessageEvent<HostToWebview>) => {
  if (e.data.type === 'init') document.body.dataset.ready = 'true';
});
vscode.postMessage({ type: 'ready' });
