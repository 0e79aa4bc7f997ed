// The dashboard snapshot's PMO part (src/extension/dashboard/pmo.ts) on the demo
// repository: the same findings, KPIs and epic forecasts as `sprintlog health`,
// `kpis` and `forecast` on that repository; thresholds from the settings reach
// the warnings; the epics' Monte Carlo is reused while its inputs are unchanged.
// And the sparkline geometry the KPI trends are drawn with.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { sparklineGeometry } from '../../src/core/charts/sparkline';
import type { HealthResult } from '../../src/core/health';
import type { KpiDocument } from '../../src/core/kpis';
import { kpiTable } from '../../src/core/kpis';
import { metricsDocument } from '../../src/core/metrics-document';
import { loadWorkspace } from '../../src/core/parse/workspace';
import type { Portfolio } from '../../src/core/portfolio';
import { portfolioOf } from '../../src/core/portfolio';
import { epicForecasts, folderTeamInput } from '../../src/extension/dashboard/pmo';
import { computeBody } from '../../src/extension/dashboard/snapshot';
import type { DashboardBody, ViewChoice } from '../../src/shared/protocol';

type Charts = Extract<DashboardBody, { kind: 'charts' }>;
const DAY = '2026-11-26';
const view: ViewChoice = { asOf: { kind: 'date', value: DAY }, windowDays: 90 };

describe('dashboard PMO snapshot (src/extension/dashboard/pmo.ts, demo repository)', function () {
  this.timeout(120_000);
  let tmp: string;
  let dir: string;
  let body: Charts;

  async function cli(...args: string[]): Promise<string> {
    let out = '';
    let err = '';
    const code = await main(args, { cwd: '/', out: (t) => (out += t), err: (t) => (err += t), env: {} });
    assert.equal(code, 0, err);
    return out;
  }

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-pmo-unit-'));
    dir = path.join(tmp, 'demo');
    await cli('demo', dir, '--today', DAY);
    body = (await computeBody({ root: dir, workspace: loadWorkspace(dir), view })) as Charts;
    assert.equal(body.kind, 'charts');
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('health: the findings of `sprintlog health`, with the default thresholds', async () => {
    const h = JSON.parse(await cli('health', '--format', 'json', '--as-of', DAY, '--repo', dir)) as HealthResult;
    assert.deepEqual(body.pmo.health, h.findings);
    assert.ok(h.findings.some((f) => f.code === 'blocked-long' && f.sprints.includes('S12')), 'the demo has a long-blocked item in S12');
    assert.equal(body.pmo.thresholds.find((t) => t.code === 'blocked-long')?.value, 3);
  });

  it('thresholds from the settings change the findings (as --threshold does)', async () => {
    const h = JSON.parse(await cli('health', '--format', 'json', '--as-of', DAY, '--threshold', 'blocked-long=30', '--repo', dir)) as HealthResult;
    const raised = (await computeBody({ root: dir, workspace: loadWorkspace(dir), view, thresholds: { blockedDays: 30 } })) as Charts;
    assert.deepEqual(raised.pmo.health, h.findings);
    assert.ok(!raised.pmo.health.some((f) => f.code === 'blocked-long'), 'no item blocked 30 days');
    assert.equal(raised.pmo.thresholds.find((t) => t.code === 'blocked-long')?.value, 30);
    assert.match(raised.pmo.thresholds.find((t) => t.code === 'blocked-long')!.means, /default 3$/);
  });

  it('KPIs: the document of `sprintlog kpis --json`, and its table', async () => {
    const k = JSON.parse(await cli('kpis', '--json', '--as-of', DAY, '--repo', dir)) as KpiDocument;
    assert.deepEqual(body.pmo.kpis, k);
    assert.deepEqual(body.pmo.kpiTable, kpiTable(k));
    assert.ok(k.dependencies && k.dependencies.criticalPaths.length > 0, 'the demo has critical paths');
  });

  it('epics: `sprintlog forecast --json`\'s, without the per-date histogram', async () => {
    const f = JSON.parse(await cli('forecast', '--json', '--as-of', DAY, '--repo', dir)) as { epics: Charts['pmo']['epics'] };
    assert.deepEqual(body.pmo.epics, f.epics.map((e) => (e.when ? { ...e, when: { ...e.when, distribution: [] } } : e)));
    assert.ok(f.epics.some((e) => e.atRisk === true), 'an epic of the demo is at risk');
  });

  it('the epics\' Monte Carlo is reused while its inputs are the same, and redone when an item moves', async () => {
    const doc = await metricsDocument({ root: dir, ref: 'HEAD', asOfText: DAY, command: 'test', now: Date.now, err: () => undefined });
    const first = epicForecasts(doc);
    assert.equal(epicForecasts({ ...doc, report: structuredClone(doc.report) }), first, 'equal inputs: the kept answer');
    const open = first.find((e) => e.open.length > 0)!;
    const moved = { ...doc.report, items: doc.report.items.map((i) => (i.id === open.open[0] ? { ...i, state: 'done' } : i)) };
    const after = epicForecasts({ ...doc, report: moved });
    assert.notEqual(after, first);
    assert.equal(after.find((e) => e.id === open.id)!.items.done, open.items.done + 1);
  });

  it('a multi-root portfolio: each folder\'s row input gives the figures `sprintlog portfolio` gives for the repositories', async () => {
    const shop = path.join(tmp, 'shop');
    await cli('demo', shop, '--team', 'shop', '--today', DAY);
    const at = Date.parse(body.report.asOf);
    const inputs = await Promise.all([['demo', dir], ['shop', shop]].map(([team, root]) => folderTeamInput({ team, root, workspace: loadWorkspace(root), at })));
    const panel = portfolioOf(inputs);
    let out = '';
    const code = await main(['portfolio', dir, shop, '--format', 'json'], { cwd: '/', out: (t) => (out += t), err: () => undefined, env: { SPRINTLOG_NOW: body.report.asOf } });
    assert.equal(code, 0);
    const direct = JSON.parse(out) as Portfolio;
    assert.deepEqual(panel, direct);
    assert.equal(panel.teams.length, 2);
    assert.ok(panel.teams.every((t) => t.ok && t.velocity !== null), 'both rows have figures');
    // A folder without a repository still gets its row, naming the problem (as the CLI's does).
    const [row] = portfolioOf([await folderTeamInput({ team: 'gone', root: path.join(tmp, 'gone'), workspace: loadWorkspace(dir), at })]).teams;
    assert.equal(row.ok, false);
    assert.match(row.problems.join('; '), /does not exist/);
  });
});

describe('sparklineGeometry (src/core/charts/sparkline.ts)', () => {
  it('scales the known values into the box and breaks the line at an unknown one', () => {
    const g = sparklineGeometry([1, null, 3, 2], 100, 20, 0);
    // x steps of 100 / 3; 1 is the bottom (y 20), 3 the top (y 0), 2 the middle.
    assert.deepEqual(g.points, [{ x: 0, y: 20, value: 1 }, { x: 66.7, y: 0, value: 3 }, { x: 100, y: 10, value: 2 }]);
    assert.equal(g.path, 'M0 20 M66.7 0 L100 10');
  });

  it('equal values draw a flat middle line; nothing known draws nothing', () => {
    assert.equal(sparklineGeometry([4, 4], 50, 10, 5).path, 'M5 5 L45 5');
    assert.deepEqual(sparklineGeometry([null, null], 50, 10), { path: '', points: [] });
  });
});
