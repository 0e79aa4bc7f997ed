// The PMO tabs (Health, KPIs, Dependencies, Portfolio) in headless Chromium,
// drawn from the snapshot the host computes for the demo repository (plus a
// commit with XSS texts, pmo-repo.ts). Expected figures come from the CLI run on
// the same repository (`sprintlog health --json`, `sprintlog kpis --json`), not
// from the code that made the snapshot.
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { HealthResult } from '../../src/core/health';
import type { KpiDocument } from '../../src/core/kpis';
import { loadWorkspace } from '../../src/core/parse/workspace';
import { computeBody } from '../../src/extension/dashboard/snapshot';
import { PROTOCOL_VERSION, type DashboardBody, type ViewChoice } from '../../src/shared/protocol';
import { openDashboard, pageGlobal, posted, screenshotPath, selectTab, seriousViolations, send, startBrowser, tableRows, type BrowserSession, type DomEl, type Served, type Snapshot } from './harness';
import { DEMO_DAY, pmoRepo, XSS, type PmoRepo } from './pmo-repo';
import { THEMES } from './themes';

type Charts = Extract<DashboardBody, { kind: 'charts' }>;
const cell = (v: string | number | null): string => (v === null ? '–' : String(v));

describe('dashboard PMO tabs (headless Chromium, demo repository)', () => {
  let repo: PmoRepo;
  let session: BrowserSession | undefined;
  let served: Served;
  let browser: Browser;
  let snapshot: Snapshot;
  let body: Charts;
  let health: HealthResult;
  let kpis: KpiDocument;
  const view: ViewChoice = { asOf: { kind: 'date', value: DEMO_DAY }, windowDays: 90 };

  before(async function () {
    this.timeout(180_000);
    repo = pmoRepo();
    const b = await computeBody({ root: repo.dir, workspace: loadWorkspace(repo.dir), view });
    assert.equal(b.kind, 'charts', JSON.stringify(b).slice(0, 300));
    body = b as Charts;
    snapshot = { type: 'snapshot', protocol: PROTOCOL_VERSION, seq: 1, folder: 'demo', view, body };
    health = JSON.parse(repo.cli('health', '--format', 'json', '--as-of', DEMO_DAY)) as HealthResult;
    kpis = JSON.parse(repo.cli('kpis', '--json', '--as-of', DEMO_DAY)) as KpiDocument;
    session = await startBrowser();
    ({ served, browser } = session);
  });
  after(async () => {
    await session?.close();
    repo?.cleanup();
  });

  const open = (theme = THEMES[0], s = snapshot) => openDashboard(browser, served, { theme, snapshot: s });
  const lastPost = async (page: Page) => (await posted(page)).at(-1);

  it('Health: one row per finding of the health core, items as reveal buttons', async () => {
    const { page, problems } = await open();
    await selectTab(page, 'Health');
    const rows = await tableRows(page, '.health-findings tbody tr');
    assert.deepEqual(rows, health.findings.map((f) => [f.severity === 'warning' ? 'Warning' : 'Info', f.code, f.message, f.sprints.join(', '), f.items.join(', ')]));
    // The demo's known signs on its active sprint (as the CLI reports them).
    for (const code of ['behind-ideal', 'blocked-long']) assert.ok(health.findings.some((f) => f.code === code && f.sprints.includes('S12')), `${code} on S12`);
    const blocked = health.findings.findIndex((f) => f.code === 'blocked-long');
    await page.click(`.health-findings tbody tr:nth-child(${blocked + 1}) button[data-item]`);
    const m = await lastPost(page);
    assert.deepEqual([m?.type, m?.id], ['revealItem', health.findings[blocked].items[0]]);
    // By keyboard too: the next item button, Enter.
    const behind = health.findings.findIndex((f) => f.code === 'behind-ideal');
    await page.focus(`.health-findings tbody tr:nth-child(${behind + 1}) button[data-item]:nth-of-type(2)`);
    await page.keyboard.press('Enter');
    assert.equal((await lastPost(page))?.id, health.findings[behind].items[1]);
    // The thresholds the findings were computed with.
    const thresholds = await tableRows(page, '.thresholds tbody tr');
    assert.deepEqual(thresholds.find((r) => r[0] === 'blocked-long')?.slice(0, 2), ['blocked-long', '3']);
    assert.match((await page.textContent('vscode-tab-header:has-text("Health")')) ?? '', new RegExp(`Health \\(${health.findings.filter((f) => f.severity === 'warning').length}\\)`));
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('KPIs: the table per sprint equals `sprintlog kpis --json`, with a sparkline per KPI', async () => {
    const { page, problems } = await open();
    await selectTab(page, 'KPIs');
    const rows = await tableRows(page, '.kpi-table tbody tr');
    assert.deepEqual(rows, kpis.sprints.map((s) => [s.id, s.status ?? '–', s.committed, s.completed, s.predictabilityPct, s.cycleTimeP50, s.cycleTimeP85, s.throughput, s.scopeChangePct, s.blockedDays, s.satisfaction, s.openRetroActions].map(cell)));
    const sparks = await page.$$eval('.kpi-trends svg.sparkline', (svgs: (DomEl & { getAttribute(n: string): string | null })[]) => svgs.map((s) => [s.getAttribute('aria-label'), s.querySelectorAll('path').length]));
    assert.equal(sparks.length, kpis.trends.length);
    kpis.trends.forEach((t, i) => {
      assert.ok(String(sparks[i][0]).endsWith(t.values.map((v) => (v === null ? 'unknown' : String(v))).join(', ')), `${t.label}: ${sparks[i][0]}`);
      assert.equal(sparks[i][1], t.values.some((v) => v !== null) ? 1 : 0);
    });
    const retro = await tableRows(page, '.kpi-retro tbody tr');
    assert.deepEqual(retro, (kpis.openRetroActions ?? []).map((a) => [a.sprint, String(a.index), a.text, a.owner ?? 'nobody', cell(a.ageDays)]));
    assert.ok(retro.some((r) => r[2].startsWith(XSS)), 'the XSS action shows as text');
    const states = await tableRows(page, '.kpi-states tbody tr');
    assert.deepEqual(states, (kpis.timeInState ?? []).map((s) => [s.state, s.stays, s.p50, s.p85, s.now].map(cell)));
    assert.match((await page.textContent('.bottleneck')) ?? '', new RegExp(`Bottleneck: ${kpis.bottleneck}`));
    const load = await tableRows(page, '.kpi-capacity table:nth-of-type(2) tbody tr');
    assert.deepEqual(load.map((r) => r.slice(0, 5)), (kpis.load ?? []).map((l) => [l.sprint, l.assignee, l.points, l.items, l.average].map(cell)));
    // Epics against their targets, the at-risk flag as `sprintlog forecast` computes it.
    const forecast = JSON.parse(repo.cli('forecast', '--json', '--as-of', DEMO_DAY)) as { epics: { id: string; atRisk: boolean | null; when: { p85: string | null } | null; items: { done: number; total: number } }[] };
    const epics = await tableRows(page, '.kpi-epics tbody tr');
    assert.deepEqual(epics.map((r) => [r[0], r[3], r[6], r[8] === 'AT RISK']), forecast.epics.map((e) => [e.id, `${e.items.done}/${e.items.total}`, cell(e.when?.p85 ?? null), e.atRisk === true]));
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('Dependencies: the graph\'s nodes reveal their item; blocked chains, planned-before and critical paths as the core lists them', async () => {
    const { page, problems } = await open();
    await selectTab(page, 'Dependencies');
    const deps = kpis.dependencies!;
    const ids = [...new Set(deps.edges.flatMap((e) => [e.from, e.to]))].sort();
    const nodes = await page.$$eval('.dep-graph g.dep-node', (gs: (DomEl & { getAttribute(n: string): string | null })[]) => gs.map((g) => g.getAttribute('data-item') ?? ''));
    assert.deepEqual([...nodes].sort(), ids);
    assert.equal(await page.$$eval('.dep-graph path.dep-edge', (p: DomEl[]) => p.length), deps.edges.length);
    assert.deepEqual(await tableRows(page, '.dep-blocked tbody tr'), deps.blockedChains.map((c) => [c[0], c.join(' → '), c[c.length - 1]]));
    assert.ok(deps.blockedChains.some((c) => c[0] === 'PAY-82' && c.at(-1) === 'PAY-49'), 'the chain the fixture commit made');
    assert.deepEqual((await tableRows(page, '.dep-before tbody tr')).map((r) => [r[0], r[2]]), deps.plannedBefore.map((p) => [p.id, p.dependsOn.join(', ')]));
    assert.deepEqual((await tableRows(page, '.dep-critical tbody tr')).map((r) => [r[0], r[1], r[4]]), deps.criticalPaths.map((c) => [c.epic, cell(c.target), c.path.join(' → ')]));
    // A node by mouse and by keyboard.
    await page.click('.dep-graph g.dep-node[data-item="PAY-49"]');
    assert.deepEqual(await lastPost(page).then((m) => [m?.type, m?.id]), ['revealItem', 'PAY-49']);
    await page.focus('.dep-graph g.dep-node[data-item="PAY-82"]');
    await page.keyboard.press('Enter');
    assert.equal((await lastPost(page))?.id, 'PAY-82');
    assert.match((await page.getAttribute('.dep-graph g.dep-node[data-item="PAY-49"]', 'class')) ?? '', /\bblocked\b/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('shows XSS texts from the files as text in every PMO tab, and never runs them', async () => {
    const { page, problems } = await open();
    await selectTab(page, 'Health');
    const why = await page.$$eval('.health-findings td', (tds: DomEl[]) => tds.map((t) => t.textContent ?? ''));
    assert.ok(why.some((t) => t.includes(XSS)), 'the open-retro-actions warning quotes the action as text');
    await selectTab(page, 'Dependencies');
    const label = await page.getAttribute('.dep-graph g.dep-node[data-item="PAY-47"]', 'aria-label');
    assert.ok(label?.includes(XSS), `the node names its title as text: ${label}`);
    const tip = await page.$eval('.dep-graph g.dep-node[data-item="PAY-47"] title', (t: DomEl) => t.textContent ?? '');
    assert.ok(tip.includes(XSS));
    await page.hover('.dep-graph g.dep-node[data-item="PAY-47"]');
    await selectTab(page, 'KPIs');
    await page.waitForTimeout(200);
    assert.equal(await page.$$eval('img', (imgs: DomEl[]) => imgs.length), 0, 'no <img> element was made');
    assert.deepEqual(problems, [], 'no alert dialog, no error');
    assert.deepEqual((await pageGlobal<string[] | undefined>(page, '__csp')) ?? [], []);
    await page.close();
  });

  it('a portfolio tab only when the snapshot has a portfolio (a multi-root workspace)', async () => {
    const { page, problems } = await open();
    const labels = async () => page.$$eval('vscode-tab-header', (hs: DomEl[]) => hs.map((x) => (x.textContent ?? '').trim()));
    assert.ok(!(await labels()).includes('Portfolio'), 'one folder: no portfolio');
    const { portfolioOf, portfolioTables, teamInputOf } = await import('../../src/core/portfolio');
    const other = pmoRepo();
    try {
      const otherBody = (await computeBody({ root: other.dir, workspace: loadWorkspace(other.dir), view })) as Charts;
      const data = portfolioOf([
        teamInputOf('payments', repo.dir, { report: body.report, workspace: loadWorkspace(repo.dir) }),
        teamInputOf(XSS, other.dir, { report: otherBody.report, workspace: loadWorkspace(other.dir) }),
      ]);
      await send(page, { ...snapshot, seq: 2, body: { ...body, portfolio: { data, tables: portfolioTables(data) } } });
      assert.ok((await labels()).includes('Portfolio'));
      await selectTab(page, 'Portfolio');
      const teams = await tableRows(page, '.portfolio table:first-of-type tbody tr');
      assert.deepEqual(teams.map((r) => r[0]), ['payments', XSS]);
      // Numbers to two decimals, as `sprintlog portfolio` prints them (27.333… → 27.33).
      assert.deepEqual(teams.map((r) => r[2]), data.teams.map((t) => cell(t.velocity === null ? null : Math.round(t.velocity * 100) / 100)));
      await page.screenshot({ path: screenshotPath('portfolio-light'), fullPage: true });
    } finally {
      other.cleanup();
    }
    assert.equal(await page.$$eval('img', (imgs: DomEl[]) => imgs.length), 0);
    assert.deepEqual(problems, []);
    await page.close();
  });

  for (const theme of THEMES) {
    it(`PMO tabs: no serious or critical axe-core violation in the ${theme.name} theme`, async () => {
      const { page, problems } = await open(theme);
      for (const tab of ['Health', 'KPIs', 'Dependencies']) {
        await selectTab(page, tab);
        await page.waitForTimeout(100);
        await page.$$eval('details', (ds: DomEl[]) => ds.forEach((d) => (d.open = true)));
        assert.deepEqual(await seriousViolations(page), [], `${theme.name} / ${tab}`);
        await page.screenshot({ path: screenshotPath(`pmo-${tab.toLowerCase()}-${theme.name}`), fullPage: true });
      }
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
});
