// The typed message protocol between the extension host and the dashboard webview.
// Both sides import this one file; the host validates every incoming message.

export type WebviewToHost = { type: 'ready' };
export type HostToWebview = { type: 'init'; version: 1 };

export function isWebviewToHost(m: unknown): m is WebviewToHost {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'ready';
}
