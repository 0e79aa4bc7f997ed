// The dashboard webview outside VS Code: the built bundle (media/dist) served
// over local HTTP with the same HTML and CSP the panel uses (html.ts), in
// headless Chromium, with a stand-in for acquireVsCodeApi that records what the
// page posts, answers `ready` with a snapshot (and the charts it announced) and `draw` with the charts drawn by
// the host's own code (src/extension/dashboard/draw.ts, run here in Node), as the
// host does. Used by the browser tests, the first-paint bench and the README screenshots.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { answerDraw, frameDrawer, prefetchFrames } from '../../src/extension/dashboard/draw';
import { dashboardHtml, makeNonce } from '../../src/extension/dashboard/html';
import { parseWebviewMessage, type HostToWebview, type SavedState } from '../../src/shared/protocol';
import { THEMES, type WebviewTheme } from './themes';

// Page-side code below runs in the browser; the project compiles without the DOM lib.
declare const window: { postMessage(m: unknown, origin: string): void };

export const REPO = path.resolve(__dirname, '../..');
export const BUILT = path.join(REPO, 'media', 'dist');
export const RESULTS = path.join(REPO, 'test-results', 'webview');
const CHROMIUM = process.env.SPRINTLOG_CHROMIUM ?? '/usr/bin/chromium';

export type Snapshot = Extract<HostToWebview, { type: 'snapshot' }>;

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves the panel's HTML at / (a fresh nonce per load) and the built webview files. */
export async function serve(): Promise<Served> {
  for (const f of ['webview.js', 'dashboard.css']) {
    if (!fs.existsSync(path.join(BUILT, f))) throw new Error(`${path.join(BUILT, f)} is missing: run \`node esbuild.js\` first`);
  }
  const server = http.createServer((req, res) => {
    const origin = `http://${req.headers.host}`;
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const html = dashboardHtml({ cspSource: origin, scriptUri: `${origin}/webview.js`, styleUri: `${origin}/dashboard.css`, nonce: makeNonce(), title: 'Sprintlog Dashboard' });
      res.end(themed(html, THEMES.find((t) => t.name === url.searchParams.get('theme'))));
      return;
    }
    const name = (req.url ?? '').slice(1);
    if (name === 'favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (name !== 'webview.js' && name !== 'dashboard.css') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': name.endsWith('.js') ? 'text/javascript' : 'text/css' });
    res.end(fs.readFileSync(path.join(BUILT, name)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // The host loads ECharts when a panel is made, while the page loads (controller.ts): here before any page.
  await frameDrawer();
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * The page as VS Code hands it to the webview's frame: its theme's variables on <html> and its
 * class on <body>, written into the HTML before it is parsed (the webview host's applyStyles on
 * the parsed document, serialised again), so the first paint has the theme.
 */
function themed(html: string, theme: WebviewTheme | undefined): string {
  if (!theme) return html;
  const vars = Object.entries(theme.vars).map(([k, v]) => `${k}: ${v}`).join('; ');
  const attr = (x: string) => x.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return html.replace('<html lang="en">', `<html lang="en" style="${attr(vars)}">`).replace('<body>', `<body class="${attr(theme.bodyClass)}">`);
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'], timeout: 30_000 });
}

/** The page server and the browser a suite shares; `close` ends both. */
export interface BrowserSession {
  served: Served;
  browser: Browser;
  close(): Promise<void>;
}

export async function startBrowser(): Promise<BrowserSession> {
  const served = await serve();
  const browser = await launch();
  return { served, browser, close: async () => {
    await browser.close();
    await served.close();
  } };
}

export interface PageOptions {
  theme: WebviewTheme;
  snapshot: Snapshot;
  state?: SavedState;
  viewport?: { width: number; height: number };
  /** Runs before the page loads (the first-paint bench starts its CPU counters there). */
  beforeLoad?: (page: Page) => Promise<void>;
}

/** The stand-in for VS Code's webview API, as page source. */
const STAND_IN = `function ({ vars, bodyClass, snapshot, state }) {
  const w = window;
  document.addEventListener('securitypolicyviolation', (e) => (w.__csp ??= []).push(e.violatedDirective + ' ' + e.blockedURI));
  const posted = [];
  w.__posted = posted;
  // When the frame after the page showed a snapshot in full (controls included: body[data-seq]) was painted.
  new MutationObserver(() => {
    const seq = document.body && document.body.dataset.seq;
    if (seq && !(w.__complete ??= {})[seq]) requestAnimationFrame(() => setTimeout(() => (w.__complete[seq] ??= performance.now())));
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-seq'] });
  w.__state = state;
  w.__snapshot = snapshot;
  // The theme is in the served HTML (themed()); these set it for a page opened without one.
  w.acquireVsCodeApi = () => {
    if (!document.body.className) {
      for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
      document.body.className = bodyClass;
    }
    return api;
  };
  const api = {
    postMessage(m) {
      posted.push(m);
      // The page says it rendered once the frame with the charts has been painted (the benches' "drawn").
      if (m.type === 'rendered') (w.__painted ??= {})[m.seq] ??= performance.now();
      // The charts' drawn sizes when the page says it rendered (a chart drawn before its box had a size shows 0).
      if (m.type === 'rendered') w.__drawnSizes = Array.from(document.querySelectorAll('.chart svg'), (s) => s.getAttribute('width') + 'x' + s.getAttribute('height'));
      if (m.type === 'draw') w.__hostDraw(m).then((reply) => reply && window.postMessage(reply, '*'));
      if (m.type === 'ready') {
        window.postMessage(w.__snapshot, '*');
        // The host sends the charts the page announced right behind the snapshot.
        if (m.draw) w.__hostReady(m).then((reply) => reply && window.postMessage(reply, '*'));
      }
    },
    getState: () => w.__state,
    setState: (s) => { w.__state = s; },
  };
}`;

/**
 * A page with the stand-in API: `window.__posted` collects posts, `window.__state`
 * the saved state; `ready` sets the theme's body class and gets the snapshot back.
 * `problems` collects page errors, CSP violations and dialogs (none may happen).
 */
export async function openDashboard(browser: Browser, served: Served, o: PageOptions): Promise<{ page: Page; problems: string[] }> {
  // A context per page: axe-core's builder needs one it can add scripts to.
  const context = await browser.newContext({ viewport: o.viewport ?? { width: 1200, height: 900 } });
  const page = await context.newPage();
  page.on('close', () => void context.close());
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  if (process.env.DEBUG_WEBVIEW) page.on('console', (m) => console.log(m.type(), m.text()));
  if (process.env.DEBUG_WEBVIEW) page.on('pageerror', (e) => console.log('pageerror', e.message));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  // A string, not a function: tsx would add helper calls that do not exist in the page.
  // As a JSON string: an object literal of the snapshot's size cost the page ~40 ms to compile before its own script ran.
  const params = JSON.stringify(JSON.stringify({ vars: o.theme.vars, bodyClass: o.theme.bodyClass, snapshot: o.snapshot, state: o.state }));
  await page.addInitScript({ content: `(${STAND_IN})(JSON.parse(${params}));` });
  // The host's answer to `draw`: the message checked as the host checks it, then drawn by its code
  // from the snapshot the page names (the host keeps its snapshots; they are not sent back).
  remember(page, o.snapshot);
  await page.exposeFunction('__hostDraw', (m: unknown) => {
    const draw = parseWebviewMessage(m);
    if (draw?.type !== 'draw') throw new Error(`the host would refuse this draw message: ${JSON.stringify(m).slice(0, 300)}`);
    return answerDraw(sentTo.get(page)?.get(draw.seq), draw);
  });
  await page.exposeFunction('__hostReady', (m: unknown) => {
    const ready = parseWebviewMessage(m);
    if (ready?.type !== 'ready') throw new Error(`the host would refuse this ready message: ${JSON.stringify(m).slice(0, 300)}`);
    return ready.draw ? prefetchFrames(o.snapshot, ready.draw) : undefined;
  });
  await o.beforeLoad?.(page);
  await page.goto(`${served.url}?theme=${o.theme.name}`);
  await page.waitForSelector(`body[data-seq="${o.snapshot.seq}"]`, { state: 'attached', timeout: 20_000 });
  return { page, problems };
}

/** The snapshots each page was sent, by seq (the host's `latest`, as the stand-in answers `draw` from them). */
const sentTo = new WeakMap<Page, Map<number, Snapshot>>();

/** Notes that `page` was sent `message` (a snapshot: its charts can be drawn). */
export function remember(page: Page, message: unknown): void {
  const m = message as Partial<Snapshot> | null;
  if (m?.type !== 'snapshot' || typeof m.seq !== 'number') return;
  if (!sentTo.has(page)) sentTo.set(page, new Map());
  sentTo.get(page)!.set(m.seq, m as Snapshot);
}

/** Posts a snapshot to the page as the host would. */
export async function send(page: Page, snapshot: Snapshot): Promise<void> {
  await post(page, snapshot);
  await page.waitForSelector(`body[data-seq="${snapshot.seq}"]`, { state: 'attached', timeout: 20_000 });
}

/** Posts any message to the page (no wait). String evaluation is off under the CSP: functions only. */
export async function post(page: Page, message: unknown): Promise<void> {
  remember(page, message);
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

export function posted<T = { type: string } & Record<string, unknown>>(page: Page): Promise<T[]> {
  return page.evaluate(() => (globalThis as unknown as { __posted: T[] }).__posted);
}

/** Page globals the stand-in keeps (see openDashboard). */
export function pageGlobal<T>(page: Page, name: '__state' | '__csp' | '__drawnSizes'): Promise<T> {
  return page.evaluate((n) => (globalThis as unknown as Record<string, T>)[n], name);
}

/** The little of a DOM element the tests read (the project compiles without the DOM lib). */
export interface DomEl {
  textContent: string | null;
  querySelectorAll(selector: string): ArrayLike<DomEl>;
  open?: boolean;
}

/** Rows of cells (text) of the tables matching `selector`. */
export function tableRows(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(selector, (rows: DomEl[]) => rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => (td.textContent ?? '').trim())));
}

/** Clicks the tab header with this label. */
export async function selectTab(page: Page, label: string): Promise<void> {
  await page.click(`vscode-tab-header:has-text("${label}")`);
}

/** axe-core's serious and critical violations on the page as it is, one line each (none expected). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(RESULTS, { recursive: true });
  return path.join(RESULTS, `${name}.png`);
}
