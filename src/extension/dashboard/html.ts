// The dashboard's HTML (pure: no vscode import, unit-tested). It carries no data:
// the snapshot arrives by message after `ready`. The CSP allows only the nonce'd
// bundle and the extension's own styles; ECharts tooltips are rich text (no HTML,
// no inline styles), so styles need no 'unsafe-inline'.

import { randomBytes } from 'node:crypto';

export interface HtmlInputs {
  /** webview.cspSource */
  cspSource: string;
  /** webview.asWebviewUri of the bundle and the stylesheet. */
  scriptUri: string;
  styleUri: string;
  nonce: string;
  /** Shown until the script runs (and in the tab's accessible name). */
  title: string;
}

/** A fresh nonce per load: 16 random bytes, base64 (CSP nonces must be unguessable). */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

const ATTR: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const attr = (s: string): string => s.replace(/[&<>"']/g, (c) => ATTR[c]);

export function dashboardHtml(i: HtmlInputs): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(i.cspSource, i.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${attr(i.styleUri)}">
<title>${attr(i.title)}</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="loading">Loading the dashboard…</p></main>
<script nonce="${attr(i.nonce)}" src="${attr(i.scriptUri)}"></script>
</body>
</html>
`;
}
