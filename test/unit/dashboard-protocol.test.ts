// The dashboard's protocol validators and its HTML: every message from the
// webview is checked before the host acts, and the page's CSP allows only the
// nonce'd bundle and the extension's own resources.
import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, dashboardHtml, makeNonce } from '../../src/extension/dashboard/html';
import { LIGHT_THEME } from '../../src/core/charts';
import { isSavedState, parseWebviewMessage, VALIDATORS, type WebviewToHost } from '../../src/shared/protocol';

const view = { asOf: { kind: 'now' }, windowDays: 90 };

describe('dashboard protocol (src/shared/protocol.ts)', () => {
  const good: WebviewToHost[] = [
    { type: 'ready', protocol: 1 },
    { type: 'ready', protocol: 2, draw: { tab: 'sprint', theme: LIGHT_THEME, width: 1160, height: 320 } },
    { type: 'view', view: { sprint: 'S12', asOf: { kind: 'date', value: '2026-11-20' }, windowDays: 30 } },
    { type: 'view', view: { asOf: { kind: 'tag', value: 'v1.2' }, windowDays: 90 } },
    { type: 'view', view: { asOf: { kind: 'branch', value: 'feature/x' }, windowDays: 90 } },
    { type: 'revealItem', requestId: 1, id: 'PAY-12' },
    { type: 'openCommitDiff', requestId: 2, commit: 'a'.repeat(40), item: 'PAY-1' },
    { type: 'openProblem', requestId: 3 },
    { type: 'cancel' },
    { type: 'rendered', seq: 4, charts: 3, ms: 120.5 },
    { type: 'rendered', seq: 5, charts: 0, ms: 12, tab: 'health', health: [{ code: 'blocked-long', items: ['PAY-12'] }, { code: 'open-retro-actions', items: [] }] },
    { type: 'exportChart', requestId: 5, chart: 'burndown', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
    { type: 'exportChart', requestId: 6, chart: 'burndown', format: 'png', data: 'data:image/png;base64,iVBORw0KGgo=' },
    { type: 'exportReport', requestId: 7 },
    { type: 'draw', seq: 8, tab: 'sprint', theme: LIGHT_THEME, charts: [{ id: 'burndown', width: 760, height: 320, hidden: ['Ideal'] }] },
    { type: 'draw', seq: 9, tab: 'cycleTime', theme: { ...LIGHT_THEME, foreground: 'rgba(204, 204, 204, 0.9)', fontFamily: '-apple-system, "Segoe WPC", sans-serif' }, charts: [{ id: 'cycle-time', width: 400, height: 300, hidden: [] }] },
  ];

  it('accepts every well-formed message, one of each type', () => {
    for (const m of good) assert.deepEqual(parseWebviewMessage(m), m, m.type);
    assert.deepEqual(new Set(good.map((m) => m.type)), new Set(Object.keys(VALIDATORS)));
  });

  const bad: [string, unknown][] = [
    ['not an object', 'ready'],
    ['an array', [{ type: 'ready' }]],
    ['unknown type', { type: 'runCommand', command: 'rm' }],
    ['prototype key as type', { type: 'constructor' }],
    ['ready without version', { type: 'ready' }],
    ['ready with a hint of no size', { type: 'ready', protocol: 2, draw: { tab: 'sprint', theme: LIGHT_THEME, width: 0, height: 320 } }],
    ['ready with a hint in a bad theme', { type: 'ready', protocol: 2, draw: { tab: 'sprint', theme: { ...LIGHT_THEME, grid: 'url(x)' }, width: 600, height: 320 } }],
    ['draw for a tab with no charts', { type: 'draw', seq: 1, tab: 'health', theme: LIGHT_THEME, charts: [{ id: 'burndown', width: 760, height: 320, hidden: [] }] }],
    ['draw with a colour that leaves its attribute', { type: 'draw', seq: 1, tab: 'sprint', theme: { ...LIGHT_THEME, foreground: 'red" onload="alert(1)' }, charts: [{ id: 'burndown', width: 760, height: 320, hidden: [] }] }],
    ['draw with markup in the font', { type: 'draw', seq: 1, tab: 'sprint', theme: { ...LIGHT_THEME, fontFamily: 'x</text><script>' }, charts: [{ id: 'burndown', width: 760, height: 320, hidden: [] }] }],
    ['draw with two percentile colours', { type: 'draw', seq: 1, tab: 'sprint', theme: { ...LIGHT_THEME, percentiles: ['#000', '#111'] }, charts: [{ id: 'burndown', width: 760, height: 320, hidden: [] }] }],
    ['draw at a size no screen has', { type: 'draw', seq: 1, tab: 'sprint', theme: LIGHT_THEME, charts: [{ id: 'burndown', width: 1e6, height: 320, hidden: [] }] }],
    ['draw of no chart', { type: 'draw', seq: 1, tab: 'sprint', theme: LIGHT_THEME, charts: [] }],
    ['draw of 13 charts', { type: 'draw', seq: 1, tab: 'sprint', theme: LIGHT_THEME, charts: Array.from({ length: 13 }, () => ({ id: 'burndown', width: 760, height: 320, hidden: [] })) }],
    ['reveal without request id', { type: 'revealItem', id: 'PAY-1' }],
    ['reveal with markup in the id', { type: 'revealItem', requestId: 1, id: '<img src=x>' }],
    ['reveal with a path as id', { type: 'revealItem', requestId: 1, id: '../../etc/passwd' }],
    ['diff of WORKTREE', { type: 'openCommitDiff', requestId: 1, commit: 'WORKTREE' }],
    ['diff of an option', { type: 'openCommitDiff', requestId: 1, commit: '--output=/tmp/x' }],
    ['as-of ref that is an option', { type: 'view', view: { asOf: { kind: 'commit', value: '--output=x' }, windowDays: 90 } }],
    ['as-of ref with a range', { type: 'view', view: { asOf: { kind: 'branch', value: 'a..b' }, windowDays: 90 } }],
    ['as-of day not a day', { type: 'view', view: { asOf: { kind: 'date', value: 'yesterday' }, windowDays: 90 } }],
    ['window zero', { type: 'view', view: { ...view, windowDays: 0 } }],
    ['window fractional', { type: 'view', view: { ...view, windowDays: 1.5 } }],
    ['export SVG that is HTML', { type: 'exportChart', requestId: 1, chart: 'burndown', format: 'svg', data: '<script>alert(1)</script>' }],
    ['export PNG that is not base64 PNG', { type: 'exportChart', requestId: 1, chart: 'burndown', format: 'png', data: 'data:text/html;base64,PHNjcmlwdD4=' }],
    ['export in another format', { type: 'exportChart', requestId: 1, chart: 'burndown', format: 'exe', data: '<svg>' }],
    ['export too large', { type: 'exportChart', requestId: 1, chart: 'burndown', format: 'svg', data: `<svg>${'x'.repeat(6 * 1024 * 1024)}` }],
    ['negative request id', { type: 'exportReport', requestId: -1 }],
    ['rendered health with markup as an item', { type: 'rendered', seq: 1, charts: 0, ms: 1, tab: 'health', health: [{ code: 'blocked-long', items: ['<img src=x>'] }] }],
    ['rendered health that is not a list', { type: 'rendered', seq: 1, charts: 0, ms: 1, health: { code: 'x', items: [] } }],
    ['rendered tab that is not an id', { type: 'rendered', seq: 1, charts: 0, ms: 1, tab: '../x' }],
  ];
  for (const [why, m] of bad) {
    it(`refuses ${why}`, () => assert.equal(parseWebviewMessage(m), undefined));
  }

  it('saved state: the current shape only', () => {
    assert.ok(isSavedState({ v: 1, view, tab: 'flow', folder: 'payments' }));
    assert.ok(!isSavedState({ v: 0, view }));
    assert.ok(!isSavedState({ v: 1, view: { asOf: { kind: 'yesterday' }, windowDays: 90 } }));
    assert.ok(!isSavedState(undefined));
  });
});

describe('dashboard HTML (src/extension/dashboard/html.ts)', () => {
  const source = 'https://file+.vscode-resource.vscode-cdn.net';
  const nonce = makeNonce();
  const html = dashboardHtml({ cspSource: source, scriptUri: `${source}/ext/media/dist/webview.js`, styleUri: `${source}/ext/media/dist/dashboard.css`, nonce, title: 'Dashboard "x" <y>' });

  it('has a CSP with default-src none, the nonce for scripts and the webview source for styles, images and fonts', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.equal(csp, contentSecurityPolicy(source, nonce).replace(/'/g, '&#39;'));
    const directives = new Map(contentSecurityPolicy(source, nonce).split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    assert.equal(directives.get('default-src'), "'none'");
    assert.equal(directives.get('script-src'), `'nonce-${nonce}'`);
    assert.equal(directives.get('style-src'), source, "no 'unsafe-inline'");
    assert.equal(directives.get('img-src'), `${source} data:`);
    assert.ok(![...directives.values()].some((v) => /unsafe/.test(v)));
  });

  it('loads one script, with the nonce, and holds no data and no inline handler', () => {
    assert.deepEqual([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]), [`<script nonce="${nonce}" src="${source}/ext/media/dist/webview.js">`]);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.doesNotMatch(html, /<style/);
    assert.match(html, /<title>Dashboard &quot;x&quot; &lt;y&gt;<\/title>/);
  });

  it('makes a fresh 128-bit nonce per load', () => {
    const nonces = new Set(Array.from({ length: 50 }, makeNonce));
    assert.equal(nonces.size, 50);
    for (const n of nonces) assert.equal(Buffer.from(n, 'base64').length, 16);
  });
});
