// The dashboard webview in headless Chromium, with the panel's own HTML and CSP
// and a stand-in for acquireVsCodeApi (harness.ts). The snapshot is what the
// host computes (computeBody) for a real git repository whose history is known
// by hand (test/unit/helpers/charts-repo.ts: an XSS title, a scope change by
// Mallory, a finished item, an item in progress).
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { computeBody } from '../../src/extension/dashboard/snapshot';
import { loadWorkspace } from '../../src/core/parse/workspace';
import { parseWebviewMessage, PROTOCOL_VERSION, type DashboardBody, type ViewChoice } from '../../src/shared/protocol';
import { AS_OF, chartsRepo, XSS_TITLE } from '../unit/helpers/charts-repo';
import type { GitRepo } from '../unit/helpers/gitrepo';
import { openDashboard, pageGlobal, post, posted, screenshotPath, selectTab, seriousViolations, send, startBrowser, tableRows, type BrowserSession, type DomEl, type Served, type Snapshot } from './harness';
import { THEMES } from './themes';

type Charts = Extract<DashboardBody, { kind: 'charts' }>;

/** Page source: each layout shift, with what moved, in window.__shifts. */
const SHIFTS = `(() => {
  const shifts = (window.__shifts = []);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) shifts.push(e.value.toFixed(4) + ' ' + e.sources.map((s) => s.node && (s.node.nodeName + '.' + s.node.className + JSON.stringify([s.previousRect, s.currentRect]))).join(',') + ' at ' + Math.round(e.startTime));
  }).observe({ type: 'layout-shift', buffered: true });
})();`;

describe('dashboard webview (headless Chromium)', () => {
  let repo: GitRepo;
  let scopeCommit: string;
  let session: BrowserSession | undefined;
  let served: Served;
  let browser: Browser;
  let snapshot: Snapshot;
  let body: Charts;
  const view: ViewChoice = { asOf: { kind: 'date', value: AS_OF }, windowDays: 90 };

  before(async () => {
    ({ repo, scopeCommit } = chartsRepo());
    const b = await computeBody({ root: repo.dir, workspace: loadWorkspace(repo.dir), view });
    assert.equal(b.kind, 'charts', JSON.stringify(b).slice(0, 300));
    body = b as Charts;
    snapshot = { type: 'snapshot', protocol: PROTOCOL_VERSION, seq: 1, folder: 'fixture', view, body };
    session = await startBrowser();
    ({ served, browser } = session);
  });
  after(async () => {
    await session?.close();
    repo?.cleanup();
  });

  const light = THEMES[0];
  const open = (theme = light) => openDashboard(browser, served, { theme, snapshot });
  const figureRows = (page: Page, figure: string) => tableRows(page, `#chart-${figure} details table tbody tr`);
  /** Clicks every small mark (a dot or diamond) of a chart; returns what the page posted. */
  const clickMarks = async (page: Page, figure: string): Promise<Record<string, unknown>[]> => {
    const before = (await posted(page)).length;
    const marks = await page.$$(`#chart-${figure} .chart svg path`);
    const boxes = [];
    for (const m of marks) {
      const box = await m.boundingBox();
      if (box && box.width >= 5 && box.width <= 16 && box.height >= 5 && box.height <= 16) boxes.push(box);
    }
    for (const box of boxes) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    // Marks overlap (a line's own symbol under a marker): one message per distinct target.
    const seen = new Map<string, Record<string, unknown>>();
    for (const m of (await posted(page)).slice(before)) seen.set(JSON.stringify({ ...m, requestId: 0 }), m);
    return [...seen.values()];
  };

  it('draws the sprint charts, with data tables equal to the metrics document', async () => {
    // Layout shifts (the Layout Instability API) from the page's start: the controls come after
    // the first charts, into the room their placeholders kept.
    const { page, problems } = await openDashboard(browser, served, { theme: light, snapshot, beforeLoad: async (p) => void (await p.addInitScript({ content: SHIFTS })) });
    await page.waitForTimeout(100);
    assert.deepEqual(await page.evaluate(() => (globalThis as unknown as { __shifts: string[] }).__shifts), [], 'nothing on the page moved');
    assert.deepEqual(await page.$$eval('.toolbar vscode-single-select', (els: DomEl[]) => els.map((e) => (e as unknown as { id: string }).id)), ['sprint', 'as-of-kind', 'window']);
    assert.equal(await page.$$eval('.control-placeholder', (els: DomEl[]) => els.length), 0);
    const drawn = await page.$$eval('.chart svg', (svgs: DomEl[]) => svgs.filter((s) => s.querySelectorAll('path, text').length > 5).length);
    assert.equal(drawn, 3, 'burndown, burnup, committed vs completed');
    // Drawn once, at the box's size, before the page says it rendered (not at 0 × 0 and again on resize).
    const sizes = await pageGlobal<string[]>(page, '__drawnSizes');
    const boxes = await page.$$eval('.chart', (els: DomEl[]) => els.map((el) => `${(el as unknown as { clientWidth: number }).clientWidth}x${(el as unknown as { clientHeight: number }).clientHeight}`));
    assert.deepEqual(sizes, boxes);
    assert.ok(sizes.every((x) => !x.startsWith('0x')), sizes.join(', '));
    const sprint = body.report.sprints.find((s) => s.id === 'S1')!;
    assert.equal(body.sprint, 'S1');
    const burndown = await figureRows(page, 'burndown');
    assert.equal(burndown.length, 12, 'one row per day 03-02..03-13');
    for (const b of sprint.burndown) {
      const row = burndown.find((r) => r[0] === b.date);
      assert.ok(row, b.date);
      assert.equal(row[2], b.remaining === null ? '–' : String(b.remaining), `remaining on ${b.date}`);
    }
    const burnup = await figureRows(page, 'burnup');
    assert.deepEqual(burnup.map((r) => [r[0], Number(r[1]), Number(r[2])]), sprint.burnup.map((b) => [b.date, b.scope, b.done]));
    const rendered = (await posted(page)).filter((m) => m.type === 'rendered');
    assert.deepEqual(rendered.map((m) => [m.seq, m.charts]), [[1, 3]]);
    // `ready` announced the tab and the box size it measured before any snapshot; the host sent
    // those charts behind the snapshot, so the first paint asked for none.
    const ready = (await posted(page)).find((m) => m.type === 'ready') as { draw?: { tab: string; width: number; height: number } } | undefined;
    assert.equal(ready?.draw?.tab, 'sprint');
    assert.deepEqual(boxes, boxes.map(() => `${ready?.draw?.width}x${ready?.draw?.height}`), 'the measured size is the boxes\'');
    assert.deepEqual((await posted(page)).filter((m) => m.type === 'draw'), [], `no draw asked at first paint: ${JSON.stringify(await posted(page)).slice(0, 3000)}`);
    await page.screenshot({ path: screenshotPath('sprint-light'), fullPage: true });
    assert.deepEqual(problems, []);
    assert.deepEqual((await pageGlobal<string[] | undefined>(page, '__csp')) ?? [], []);
    await page.close();
  });

  it('cycle time: the table lists the finished items, and clicking a dot posts the reveal message', async () => {
    const { page, problems } = await open();
    await selectTab(page, 'Cycle time');
    await page.waitForSelector('#chart-cycle-time .chart svg path', { state: 'attached' });
    const finished = body.report.items.filter((i) => i.cycleTimeDays !== null && i.doneAt !== null && i.doneAt.slice(0, 10) >= body.report.cycleTime!.from);
    assert.deepEqual((await figureRows(page, 'cycle-time')).map((r) => [r[0], Number(r[2])]), finished.map((i) => [i.id, i.cycleTimeDays]));
    assert.ok(finished.some((i) => i.id === 'A'), 'A finished on day 2');
    const sent = await clickMarks(page, 'cycle-time');
    assert.deepEqual(sent.map((m) => [m.type, m.id]).sort(), finished.map((i) => ['revealItem', i.id]).sort());
    // The keyboard way: the table's item id is a button posting the same message.
    await page.focus('#chart-cycle-time details summary');
    await page.keyboard.press('Enter');
    await page.focus('#chart-cycle-time details table button');
    await page.keyboard.press('Enter');
    assert.equal((await posted(page)).at(-1)?.id, (await figureRows(page, 'cycle-time'))[0][0], 'the first row\'s item');
    await page.close();
    assert.deepEqual(problems, []);
  });

  it('aging WIP dots reveal their item; the scope-change marker opens the commit diff', async () => {
    const { page, problems } = await open();
    const diff = await clickMarks(page, 'burndown');
    assert.deepEqual(diff.map((m) => [m.type, m.commit, m.item]), [['openCommitDiff', scopeCommit, 'C']]);
    await selectTab(page, 'Aging WIP');
    await page.waitForSelector('#chart-aging .chart svg path', { state: 'attached' });
    const sent = await clickMarks(page, 'aging');
    assert.deepEqual(sent.map((m) => [m.type, m.id]), [['revealItem', 'B']]);
    await page.close();
    assert.deepEqual(problems, []);
  });

  it('shows an XSS title as text, in tables and in the tooltip, and never runs it', async () => {
    const { page, problems } = await open();
    // The scope-change table names C by its title.
    const cells = await page.$$eval('.scope-changes td', (tds: DomEl[]) => tds.map((td) => td.textContent));
    assert.ok(cells.includes(XSS_TITLE), 'the title shows as text');
    const diamond = (await page.$$('#chart-burndown .chart svg path')).reverse();
    let tooltip = '';
    for (const m of diamond) {
      const box = await m.boundingBox();
      if (!box || box.width < 8 || box.width > 16 || box.height < 8 || box.height > 16) continue;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForTimeout(150);
      tooltip = await page.$eval('#chart-burndown .chart', (el: DomEl) => el.textContent ?? '');
      if (/Scope change \d{4}-/.test(tooltip)) break;
    }
    assert.match(tooltip, /Mallory/, 'the tooltip names the author');
    assert.ok(tooltip.includes(XSS_TITLE), `the tooltip shows the title as text: ${tooltip}`);
    assert.equal(await page.$$eval('img', (imgs: DomEl[]) => imgs.length), 0, 'no <img> element was made');
    await page.waitForTimeout(200);
    assert.deepEqual(problems, [], 'no alert dialog, no error');
    await page.close();
  });

  it('exports a chart as SVG and as PNG in messages the host accepts', async () => {
    const { page, problems } = await open();
    await page.click('#chart-burndown vscode-button[aria-label$="as SVG"]');
    await page.click('#chart-burndown vscode-button[aria-label$="as PNG"]');
    await page.waitForFunction(() => (globalThis as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'exportChart').length === 2);
    const exports = (await posted(page)).filter((m) => m.type === 'exportChart');
    assert.deepEqual(exports.map((m) => [m.chart, m.format]), [['burndown', 'svg'], ['burndown', 'png']]);
    for (const m of exports) assert.ok(parseWebviewMessage(m), `${m.format} passes the host's validator`);
    assert.match(String(exports[0].data), /^<svg[\s\S]*Burndown|^<svg/);
    assert.ok(String(exports[1].data).length > 5000, 'a PNG with content');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('draws the legend in the page: a button hides and shows its series (the host draws the chart again), the export shows it', async () => {
    const { page, problems } = await open();
    const legend = '#chart-burndown .chart-legend button';
    assert.deepEqual(await page.$$eval(legend, (b: DomEl[]) => b.map((x) => x.textContent)), ['Remaining', 'Ideal', 'Scope change']);
    // The ideal line is the chart's one dashed path; hidden, ECharts keeps the element with no path data.
    const ideal = () => page.$$eval('#chart-burndown .chart svg path[stroke-dasharray]', (p: DomEl[]) => p.map((x) => (x as DomEl & { getAttribute(n: string): string | null }).getAttribute('d') ?? ''));
    const before = await ideal();
    assert.equal(before.length, 1);
    assert.ok(before[0].length > 20, 'the ideal line is drawn');
    await page.click(`${legend}:has-text("Ideal")`);
    // The legend is drawn again with the frame the host sends back.
    await page.waitForSelector(`${legend}[aria-pressed="false"]:has-text("Ideal")`, { timeout: 10_000 });
    assert.deepEqual(await ideal(), [''], 'the ideal line is gone');
    await page.click('#chart-burndown vscode-button[aria-label$="as SVG"]');
    await page.waitForFunction(() => (globalThis as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'exportChart'));
    const svg = String((await posted(page)).find((m) => m.type === 'exportChart')?.data);
    assert.match(svg, /<g class="legend">.*>Remaining<\/text>.*text-decoration="line-through">Ideal<\/text>/);
    await page.click(`${legend}:has-text("Ideal")`);
    await page.waitForSelector(`${legend}[aria-pressed="true"]:has-text("Ideal")`, { timeout: 10_000 });
    assert.deepEqual(await ideal(), before);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('keeps the chosen tab and view with setState, and drops an older snapshot', async () => {
    const { page } = await open();
    await selectTab(page, 'Flow');
    const state = await pageGlobal<{ v: number; tab: string; view: ViewChoice; folder: string }>(page, '__state');
    assert.deepEqual(state, { v: 1, view, tab: 'flow', folder: 'fixture' });
    await send(page, { ...snapshot, seq: 3 });
    await post(page, { ...snapshot, seq: 2, body: { kind: 'empty', reason: 'no-history', message: 'stale' } });
    await page.waitForTimeout(200);
    assert.equal(await page.$$eval('.empty', (e: DomEl[]) => e.length), 0, 'seq 2 after seq 3 is dropped');
    assert.equal(await page.getAttribute('body', 'data-seq'), '3');
    await page.close();
  });

  it('draws the charts again in the new colours when VS Code changes the theme, the class or only the variables', async () => {
    const { page, problems } = await open();
    const draws = async () => (await posted(page)).filter((m) => m.type === 'draw') as unknown as { theme: { background: string } }[];
    // The variables only (another light theme: the body's class stays): VS Code sets them on <html>.
    const varsOnly = { ...THEMES[1].vars, '--vscode-editor-background': '#123456' };
    await page.evaluate((vars) => {
      const root = (globalThis as unknown as { document: { documentElement: { style: { setProperty(k: string, v: string): void } } } }).document.documentElement;
      for (const [k, v] of Object.entries(vars)) root.style.setProperty(k, v);
    }, varsOnly);
    await page.waitForFunction(() => (globalThis as unknown as { __posted: { type: string; theme?: { background: string } }[] }).__posted.some((m) => m.type === 'draw' && m.theme?.background === '#123456'), undefined, { timeout: 10_000 });
    // The host's redrawn charts are shown: their background is the new one.
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: DomEl }).document;
      const rects = Array.from(doc.querySelectorAll('.chart > svg > rect')) as unknown as { getAttribute(n: string): string | null }[];
      return rects.length === 3 && rects.every((r) => r.getAttribute('fill') === '#123456');
    }, undefined, { timeout: 10_000 });
    assert.equal((await draws()).filter((d) => d.theme.background === '#123456').length, 1, 'one draw for the change');
    // Light to high contrast: the class and the variables.
    const hc = THEMES[2];
    await page.evaluate(([vars, bodyClass]) => {
      const doc = (globalThis as unknown as { document: { body: { className: string }; documentElement: { style: { setProperty(k: string, v: string): void } } } }).document;
      for (const [k, v] of Object.entries(vars)) doc.documentElement.style.setProperty(k, v);
      doc.body.className = bodyClass;
    }, [hc.vars, hc.bodyClass] as const);
    const background = hc.vars['--vscode-editor-background'];
    await page.waitForFunction((bg) => {
      const doc = (globalThis as unknown as { document: DomEl }).document;
      const rects = Array.from(doc.querySelectorAll('.chart > svg > rect')) as unknown as { getAttribute(n: string): string | null }[];
      return rects.length === 3 && rects.every((r) => r.getAttribute('fill') === bg);
    }, background, { timeout: 10_000 });
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('shows the error state with file:line:col and a button that asks to open it', async () => {
    const { page } = await open();
    await send(page, { ...snapshot, seq: 2, body: { kind: 'error', problem: { file: 'backlog/backlog.yaml', line: 7, column: 12, message: 'Nested mappings are not allowed', hint: XSS_TITLE }, more: 1 } });
    const text = await page.$eval('.error-state', (e: DomEl) => e.textContent ?? '');
    assert.match(text, /backlog\/backlog\.yaml:7:12/);
    assert.ok(text.includes(XSS_TITLE));
    await page.click('#open-problem');
    assert.equal((await posted(page)).at(-1)?.type, 'openProblem');
    await page.close();
  });

  // Every tab's charts, drawn by the host, and the page's tooltip on hover, without a page error.
  const AXIS_TABS = new Set(['Sprint', 'Velocity', 'Flow', 'Forecast']);
  it('draws every tab, tooltips included, without a page error', async () => {
    const { page, problems } = await open();
    for (const tab of ['Sprint', 'Velocity', 'Cycle time', 'Flow', 'Aging WIP', 'Forecast']) {
      await selectTab(page, tab);
      // The tab's charts arrive from the host.
      await page.waitForFunction(() => {
        const doc = (globalThis as unknown as { document: DomEl }).document;
        const boxes = Array.from(doc.querySelectorAll('vscode-tab-panel .chart'));
        return boxes.length > 0 && boxes.every((b) => b.querySelectorAll(':scope > svg').length > 0);
      }, undefined, { timeout: 10_000 });
      const counts = await page.$$eval('vscode-tab-panel .chart', (els: DomEl[]) => els.map((el) => el.querySelectorAll('svg path, svg text').length));
      assert.ok(counts.every((n) => n > 5), `${tab}: a chart is empty (${counts.join(', ')})`);
      const box = await (await page.$('vscode-tab-panel .chart'))!.boundingBox();
      await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
      await page.waitForTimeout(50);
      // Axis charts: the tooltip names the category under the pointer and each series' value there.
      if (AXIS_TABS.has(tab)) {
        const tip = await page.$eval('vscode-tab-panel .chart .chart-tooltip', (el: DomEl & { hidden?: boolean }) => (el.hidden ? '' : (el.textContent ?? '')));
        assert.match(tip, /^\S+.*: \d/, `${tab}: the axis tooltip (${tip})`);
      }
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  for (const theme of THEMES) {
    it(`has no serious or critical axe-core violation in the ${theme.name} theme`, async () => {
      const { page, problems } = await openDashboard(browser, served, { theme, snapshot });
      for (const tab of ['Sprint', 'Cycle time', 'Health']) {
        await selectTab(page, tab);
        await page.waitForTimeout(100);
        // Open the data tables too: they are part of the page a screen reader reads.
        await page.$$eval('details', (ds: DomEl[]) => ds.forEach((d) => (d.open = true)));
        assert.deepEqual(await seriousViolations(page), [], `${theme.name} / ${tab}`);
        await page.screenshot({ path: screenshotPath(`${tab.toLowerCase().replace(/ /g, '-')}-${theme.name}`), fullPage: true });
      }
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
});
