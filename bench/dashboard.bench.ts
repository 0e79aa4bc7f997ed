// The dashboard's speed on the demo repository, as the panel runs it: the host's
// snapshot (computeBody with the window's history engine, history cached, view
// "now" at the demo's day, so the working tree counts) unchanged and after a
// one-field edit of sprints.yaml; then, in headless Chromium with the real bundle
// and the panel's HTML (test/webview/harness.ts):
// - first paint = HTML loaded (the document's responseEnd) → the frame after every
//   chart of the sprint tab is drawn has been painted (goal ≤ 300 ms);
// - re-render = the snapshot of the edit posted → that frame (goal ≤ 100 ms);
// with the page showing the empty state as the baseline (bundle load and run, no
// chart). Needs `node esbuild.js` and Debian's chromium. Nothing is asserted.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { HistoryEngine } from '../src/core/history';
import { loadWorkspace } from '../src/core/parse/workspace';
import { computeBody } from '../src/extension/dashboard/snapshot';
import { PROTOCOL_VERSION, type DashboardBody, type ViewChoice } from '../src/shared/protocol';
import { BUILT, launch, openDashboard, posted, remember, serve, type Snapshot } from '../test/webview/harness';
import { THEMES } from '../test/webview/themes';
import type { Bench } from './run';

const CLI = path.join(__dirname, '..', 'dist', 'cli.js');
const RUNS = 7;
const NOW = Date.parse('2026-11-26T15:00:00+01:00');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Page-side times: the document's responseEnd and when each seq's frame was painted (harness stand-in). */
function pageTimes(page: Page): Promise<{ html: number; painted: Record<number, number>; sent: Record<number, number> }> {
  return page.evaluate(() => {
    const g = globalThis as unknown as { __painted?: Record<number, number>; __sent?: Record<number, number> };
    // Page code (the DOM's Performance), typed loosely: the project compiles without the DOM lib.
    const perf = performance as unknown as { getEntriesByType(t: string): { responseEnd: number }[] };
    return { html: perf.getEntriesByType('navigation')[0].responseEnd, painted: g.__painted ?? {}, sent: g.__sent ?? {} };
  });
}

type Cdp = Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>;
const cdps = new WeakMap<Page, Cdp>();

/** Counts the page's main-thread CPU time (ThreadTime) from before it loads (CDP Performance metrics). */
async function countBusy(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  cdps.set(page, cdp);
}

/**
 * The page's main-thread CPU time so far (ms): on a loaded machine the wall time also counts
 * waiting for a CPU; this is the work itself (close to the wall time on an idle machine).
 */
async function busy(page: Page): Promise<number> {
  const { metrics } = await cdps.get(page)!.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN) * 1000;
}

async function paintedOf(page: Page, seq: number): Promise<number> {
  await page.waitForFunction((s) => (globalThis as unknown as { __painted?: Record<number, number> }).__painted?.[s] !== undefined, seq, { timeout: 20_000 });
  return (await pageTimes(page)).painted[seq];
}

/** When the frame after the page showed snapshot `seq` in full (its controls too, which follow the first charts) was painted. */
async function completeOf(page: Page, seq: number): Promise<number> {
  await page.waitForFunction((s) => (globalThis as unknown as { __complete?: Record<number, number> }).__complete?.[s] !== undefined, seq, { timeout: 20_000 });
  return page.evaluate((s) => (globalThis as unknown as { __complete: Record<number, number> }).__complete[s], seq);
}

/** Posts `snapshot` the way the host does, noting the page time it was sent at. */
async function sendTimed(page: Page, snapshot: Snapshot): Promise<number> {
  remember(page, snapshot);
  await page.evaluate((m) => {
    const g = globalThis as unknown as { __sent?: Record<number, number>; postMessage(m: unknown, o: string): void };
    (g.__sent ??= {})[m.seq] = performance.now();
    g.postMessage(m, '*');
  }, snapshot);
  const painted = await paintedOf(page, snapshot.seq);
  return painted - (await pageTimes(page)).sent[snapshot.seq];
}

const bench: Bench = async () => {
  if (!fs.existsSync(CLI) || !fs.existsSync(path.join(BUILT, 'webview.js'))) return ['dist/cli.js or media/dist/webview.js is missing: run `node esbuild.js` first.'];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-dashboard-bench-'));
  const served = await serve();
  const browser = await launch();
  try {
    const repo = path.join(dir, 'demo');
    execFileSync(process.execPath, [CLI, 'demo', repo, '--today', '2026-11-26'], { stdio: 'ignore' });
    const view: ViewChoice = { asOf: { kind: 'now' }, windowDays: 90 };
    const engine = new HistoryEngine();
    // The workspace is parsed before the clock starts: the panel gets it from the editor's model.
    const body = async (): Promise<{ ms: number; cpu: number; body: DashboardBody }> => {
      const workspace = loadWorkspace(repo);
      const t = performance.now();
      const c = process.cpuUsage();
      const b = await computeBody({ root: repo, workspace, view, engine, now: () => NOW });
      const used = process.cpuUsage(c);
      return { ms: performance.now() - t, cpu: (used.user + used.system) / 1000, body: b };
    };
    await body(); // fills the history cache (disk and engine)
    const sprints = path.join(repo, 'backlog', 'sprints.yaml');
    const original = fs.readFileSync(sprints, 'utf8');
    const capacity = original.lastIndexOf('capacity: ');
    const edited = `${original.slice(0, capacity)}capacity: 31${original.slice(original.indexOf('\n', capacity))}`;
    // The other one-field edit: an item of the active sprint done (every sprint chart changes).
    const backlog = path.join(repo, 'backlog', 'backlog.yaml');
    const items = fs.readFileSync(backlog, 'utf8');
    const at = items.indexOf('state: in-progress', items.indexOf('- id: PAY-45\n'));
    const done = `${items.slice(0, at)}state: done${items.slice(at + 'state: in-progress'.length)}`;
    const cached: number[] = [];
    const afterEdit: number[] = [];
    const cpu: number[] = [];
    let a: DashboardBody | undefined;
    let b: DashboardBody | undefined;
    for (let i = 0; i < RUNS; i++) {
      fs.writeFileSync(sprints, original);
      const x = await body();
      cached.push(x.ms);
      a = x.body;
      fs.writeFileSync(sprints, edited); // one field, uncommitted: the working tree counts for "now"
      const y = await body();
      afterEdit.push(y.ms);
      cpu.push(x.cpu, y.cpu);
      b = y.body;
    }
    fs.writeFileSync(sprints, original);
    fs.writeFileSync(backlog, done);
    const c = (await body()).body;
    fs.writeFileSync(backlog, items);
    if (a?.kind !== 'charts' || b?.kind !== 'charts' || c?.kind !== 'charts') return [`the demo gave no charts: ${JSON.stringify(a).slice(0, 200)}`];
    const snapshot: Snapshot = { type: 'snapshot', protocol: PROTOCOL_VERSION, seq: 1, folder: 'demo', view, body: a };
    const empty: Snapshot = { ...snapshot, body: { kind: 'empty', reason: 'no-history', message: 'baseline' } };
    const base: number[] = [];
    const first: number[] = [];
    const selfFirst: number[] = [];
    const again: number[] = [];
    const firstBusy: number[] = [];
    const complete: number[] = [];
    const againBusy: number[] = [];
    const state: number[] = [];
    const stateBusy: number[] = [];
    let charts = 0;
    for (let i = 0; i < RUNS; i++) {
      const e = await openDashboard(browser, served, { theme: THEMES[1], snapshot: empty });
      base.push((await paintedOf(e.page, 1)) - (await pageTimes(e.page)).html);
      await e.page.close();
      const { page } = await openDashboard(browser, served, { theme: THEMES[1], snapshot, beforeLoad: countBusy });
      first.push((await paintedOf(page, 1)) - (await pageTimes(page)).html);
      firstBusy.push(await busy(page));
      complete.push((await completeOf(page, 1)) - (await pageTimes(page)).html);
      const r = (await posted(page)).filter((m) => m.type === 'rendered').at(-1) as unknown as { ms: number; charts: number };
      selfFirst.push(r.ms);
      charts = r.charts;
      for (let k = 2; k <= 7; k++) {
        // Capacity edits (2, 3: edited, back), then item-state edits (4..7: done, back).
        const next = k <= 3 ? (k === 2 ? b : a) : k % 2 === 0 ? c : a;
        const before = await busy(page);
        const ms = await sendTimed(page, { ...snapshot, seq: k, body: next });
        (k <= 3 ? again : state).push(ms);
        (k <= 3 ? againBusy : stateBusy).push((await busy(page)) - before);
      }
      await page.close();
    }
    const size = fs.statSync(path.join(BUILT, 'webview.js')).size;
    return [
      `host snapshot (computeBody, view now, history cached in the engine): median ${median(cached).toFixed(0)} ms of ${RUNS}; after a one-field edit of sprints.yaml: median ${median(afterEdit).toFixed(0)} ms; CPU of this process (git's apart) median ${median(cpu).toFixed(0)} ms; ${(JSON.stringify(a).length / 1024).toFixed(0)} KB of JSON`,
      `baseline (HTML loaded → empty state painted): median ${median(base).toFixed(0)} ms of ${RUNS}`,
      `first paint (HTML loaded → ${charts} sprint charts drawn and painted): median ${median(first).toFixed(0)} ms of ${RUNS} (goal ≤ 300 ms); main-thread CPU ${median(firstBusy).toFixed(0)} ms (from the page's start); the page's own figure (time origin → drawn): ${median(selfFirst).toFixed(0)} ms; the controls in too (they follow the charts): median ${median(complete).toFixed(0)} ms`,
      `re-render after a one-field edit (snapshot posted → charts redrawn and painted), goal ≤ 100 ms: the sprint's capacity: median ${median(again).toFixed(0)} ms of ${again.length}, main-thread CPU ${median(againBusy).toFixed(0)} ms; an item of the sprint done (all 3 charts change): median ${median(state).toFixed(0)} ms of ${state.length}, main-thread CPU ${median(stateBusy).toFixed(0)} ms`,
      `webview bundle: ${size} bytes = ${(size / 1024).toFixed(1)} KiB minified (goal ≤ 600 KB)`,
    ];
  } finally {
    await browser.close();
    await served.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
export default bench;
