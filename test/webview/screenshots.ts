// The README's dashboard screenshots (docs/images/dashboard-light.png and
// dashboard-dark.png, and the PMO tabs: dashboard-health-light.png,
// dashboard-kpis-dark.png, dashboard-dependencies-light.png, and dashboard-portfolio-light.png:
// the demo with a second team, `sprintlog demo --team shop`, as a two-folder workspace shows it): the built webview in headless Chromium with the demo
// repository's snapshot (as the host computes it) and VS Code's theme variables.
// Run: node esbuild.js && npx tsx test/webview/screenshots.ts
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadWorkspace } from '../../src/core/parse/workspace';
import { portfolioOf, portfolioTables, teamInputOf } from '../../src/core/portfolio';
import { computeBody } from '../../src/extension/dashboard/snapshot';
import { PROTOCOL_VERSION, type DashboardBody, type ViewChoice } from '../../src/shared/protocol';
import { launch, openDashboard, REPO, selectTab, serve } from './harness';
import { THEMES } from './themes';

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-shots-'));
  const served = await serve();
  const browser = await launch();
  try {
    const repo = path.join(dir, 'demo');
    execFileSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), 'demo', repo, '--today', '2026-11-26'], { stdio: 'ignore' });
    const view: ViewChoice = { asOf: { kind: 'date', value: '2026-11-26' }, windowDays: 90 };
    const body = await computeBody({ root: repo, workspace: loadWorkspace(repo), view });
    for (const theme of THEMES.filter((t) => t.name !== 'high-contrast')) {
      const { page } = await openDashboard(browser, served, { theme, snapshot: { type: 'snapshot', protocol: PROTOCOL_VERSION, seq: 1, folder: 'demo', view, body }, viewport: { width: 1100, height: 1000 } });
      const out = path.join(REPO, 'docs', 'images', `dashboard-${theme.name}.png`);
      await page.screenshot({ path: out, clip: { x: 0, y: 0, width: 1100, height: 1000 } });
      console.log(out);
      await page.close();
    }
    // The PMO tabs, each in one theme (the other one is the same layout).
    const shots: [string, string, (typeof THEMES)[number]['name']][] = [['Health', 'health', 'light'], ['KPIs', 'kpis', 'dark'], ['Dependencies', 'dependencies', 'light']];
    for (const [label, name, themeName] of shots) {
      const theme = THEMES.find((t) => t.name === themeName)!;
      const { page } = await openDashboard(browser, served, { theme, snapshot: { type: 'snapshot', protocol: PROTOCOL_VERSION, seq: 1, folder: 'demo', view, body }, viewport: { width: 1100, height: 900 } });
      await selectTab(page, label);
      await page.waitForTimeout(200);
      const out = path.join(REPO, 'docs', 'images', `dashboard-${name}-${themeName}.png`);
      await page.screenshot({ path: out, clip: { x: 0, y: 0, width: 1100, height: 900 } });
      console.log(out);
      await page.close();
    }
    // The Portfolio tab of a two-folder workspace: the demo and a second team.
    const shop = path.join(dir, 'shop');
    execFileSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), 'demo', shop, '--team', 'shop', '--today', '2026-11-26'], { stdio: 'ignore' });
    const shopBody = await computeBody({ root: shop, workspace: loadWorkspace(shop), view });
    if (body.kind !== 'charts' || shopBody.kind !== 'charts') throw new Error('the demo repositories have no charts');
    const data = portfolioOf([
      teamInputOf('demo', repo, { report: body.report, workspace: loadWorkspace(repo) }),
      teamInputOf('shop', shop, { report: shopBody.report, workspace: loadWorkspace(shop) }),
    ]);
    const withPortfolio: DashboardBody = { ...body, portfolio: { data, tables: portfolioTables(data) } };
    const light = THEMES.find((t) => t.name === 'light')!;
    const { page } = await openDashboard(browser, served, { theme: light, snapshot: { type: 'snapshot', protocol: PROTOCOL_VERSION, seq: 1, folder: 'demo', view, body: withPortfolio }, viewport: { width: 1100, height: 900 } });
    await selectTab(page, 'Portfolio');
    await page.waitForTimeout(200);
    const out = path.join(REPO, 'docs', 'images', 'dashboard-portfolio-light.png');
    await page.screenshot({ path: out, clip: { x: 0, y: 0, width: 1100, height: 900 } });
    console.log(out);
    await page.close();
  } finally {
    await browser.close();
    await served.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
