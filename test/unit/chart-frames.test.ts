// The charts as the host draws them for the dashboard's page (core/charts/frames.ts,
// extension/dashboard/draw.ts), on a real git repository's snapshot: the page's
// CSP-safe SVG, the sizes and legends asked for, hidden series, the frames kept
// for an unchanged chart, and the answers to a stale or chartless `draw`.
import * as assert from 'node:assert/strict';
import { LIGHT_THEME } from '../../src/core/charts';
import { FrameDrawer, pageSvg, tabSpecs } from '../../src/core/charts/frames';
import { loadSvgCanvas } from '../../src/core/charts/load';
import { loadWorkspace } from '../../src/core/parse/workspace';
import { answerDraw, prefetchFrames } from '../../src/extension/dashboard/draw';
import { computeBody } from '../../src/extension/dashboard/snapshot';
import { PROTOCOL_VERSION, type DashboardBody, type HostToWebview, type ViewChoice, type WebviewToHost } from '../../src/shared/protocol';
import { AS_OF, chartsRepo, XSS_TITLE } from './helpers/charts-repo';
import type { GitRepo } from './helpers/gitrepo';

type Charts = Extract<DashboardBody, { kind: 'charts' }>;
type Snapshot = Extract<HostToWebview, { type: 'snapshot' }>;
type Draw = Extract<WebviewToHost, { type: 'draw' }>;

describe('chart frames: the charts the host draws for the dashboard page', function () {
  this.timeout(60000);
  let repo: GitRepo;
  let body: Charts;
  let drawer: FrameDrawer;
  const view: ViewChoice = { asOf: { kind: 'date', value: AS_OF }, windowDays: 90 };

  before(async () => {
    ({ repo } = chartsRepo());
    const b = await computeBody({ root: repo.dir, workspace: loadWorkspace(repo.dir), view });
    assert.equal(b.kind, 'charts');
    body = b as Charts;
    drawer = new FrameDrawer(await loadSvgCanvas({ legend: false }));
  });
  after(() => {
    drawer?.dispose();
    repo?.cleanup();
  });

  it('draws each chart asked for at its size, with no style the CSP would block, the legend in ECharts colours', () => {
    const specs = tabSpecs(body, 'sprint', LIGHT_THEME);
    assert.deepEqual(specs.map((s) => s.id), ['burndown', 'burnup', 'commitment']);
    const frames = drawer.draw(specs, [
      { id: 'burnup', width: 500, height: 280, hidden: [] },
      { id: 'burndown', width: 640, height: 300, hidden: [] },
      { id: 'no-such-chart', width: 640, height: 300, hidden: [] },
    ]);
    assert.deepEqual(frames.map((f) => [f.id, f.width, f.height]), [['burnup', 500, 280], ['burndown', 640, 300]]);
    const burndown = frames[1];
    assert.match(burndown.svg, /^<svg width="640" height="300"[^>]*viewBox="0 0 640 300"/);
    assert.doesNotMatch(burndown.svg, /<style|style="/, 'no <style> element, no style attribute');
    assert.match(burndown.svg, /<text[^>]* font-size="\d+px" font-family="[^"]*Segoe UI/, 'the text styles as presentation attributes');
    // Clip paths named after the chart: unique among the page's charts.
    assert.match(burndown.svg, /id="burndown-c0"/);
    assert.doesNotMatch(burndown.svg, /zr\d+-/);
    // The marks carry the indices the page's tooltips and clicks read.
    assert.match(burndown.svg, /ecmeta_series_index="2" ecmeta_data_index="0"/, 'the scope-change marker');
    assert.deepEqual(burndown.legend.map((e) => [e.name, e.kind, e.hidden]), [['Remaining', 'line', false], ['Ideal', 'dashed', false], ['Scope change', 'diamond', false]]);
    assert.equal(burndown.legend[0].colour, LIGHT_THEME.palette[0], 'Remaining takes the palette\'s first colour');
    assert.equal(burndown.legend[1].colour, LIGHT_THEME.muted, 'Ideal: its own colour');
    assert.equal(burndown.legend[2].colour, LIGHT_THEME.warning);
    assert.equal(frames[0].legend.map((e) => e.name).join(), 'Scope,Done');
  });

  it('escapes the texts of the files in the SVG (an XSS title stays text)', () => {
    const [aging] = drawer.draw(tabSpecs(body, 'aging', LIGHT_THEME), [{ id: 'aging', width: 600, height: 300, hidden: [] }]);
    const [ct] = drawer.draw(tabSpecs(body, 'cycleTime', LIGHT_THEME), [{ id: 'cycle-time', width: 600, height: 300, hidden: [] }]);
    for (const f of [aging, ct]) {
      assert.ok(!f.svg.includes(XSS_TITLE), `${f.id}: the raw title is not in the SVG`);
      assert.doesNotMatch(f.svg, /<img|onerror=/i);
    }
  });

  it('draws a hidden series without its data, keeps its legend entry struck, and keeps an unchanged chart', () => {
    const specs = tabSpecs(body, 'sprint', LIGHT_THEME);
    const ask = { id: 'burndown', width: 640, height: 300, hidden: [] };
    const [shown] = drawer.draw(specs, [ask]);
    const [hidden] = drawer.draw(specs, [{ ...ask, hidden: ['Ideal'] }]);
    // Drawn dashed paths (ECharts keeps a hidden line's element, with no path data).
    const dashed = (svg: string) => (svg.match(/<path d="M[^"]+"[^>]*stroke-dasharray/g) ?? []).length;
    assert.ok(dashed(shown.svg) >= 1, 'the ideal line is dashed');
    assert.equal(dashed(hidden.svg), dashed(shown.svg) - 1, 'the ideal line is gone');
    assert.deepEqual(hidden.legend.map((e) => e.hidden), [false, true, false]);
    // Same chart, same size, same hidden series: the frame kept, not drawn again (the page's edits redraw only what changed).
    assert.equal(drawer.draw(tabSpecs(body, 'sprint', LIGHT_THEME), [ask])[0], shown);
    assert.notEqual(drawer.draw(tabSpecs(body, 'sprint', { ...LIGHT_THEME, foreground: '#010203' }), [ask])[0], shown, 'another theme draws again');
  });

  it('answers a draw from the snapshot it names; none for an older one; a message for a body without charts', async () => {
    const snapshot: Snapshot = { type: 'snapshot', protocol: PROTOCOL_VERSION, seq: 4, folder: 'fixture', view, body };
    const draw: Draw = { type: 'draw', seq: 4, tab: 'velocity', theme: LIGHT_THEME, charts: [{ id: 'velocity', width: 600, height: 300, hidden: [] }] };
    const answer = await answerDraw(snapshot, draw);
    assert.equal(answer?.type, 'frames');
    assert.deepEqual(answer?.frames.map((f) => f.id), ['velocity']);
    assert.equal(answer?.message, undefined);
    assert.equal(await answerDraw(snapshot, { ...draw, seq: 3 }), undefined, 'the page asks again for the newer snapshot');
    assert.equal(await answerDraw(undefined, draw), undefined);
    const empty = await answerDraw({ ...snapshot, body: { kind: 'empty', reason: 'no-history', message: 'none' } }, draw);
    assert.deepEqual(empty?.frames, []);
    assert.match(empty?.message ?? '', /no charts/);
  });

  it("draws the tab `ready` announced, at its size, for the snapshot; nothing for a tab without charts", async () => {
    const snapshot: Snapshot = { type: 'snapshot', protocol: PROTOCOL_VERSION, seq: 7, folder: 'fixture', view, body };
    const frames = await prefetchFrames(snapshot, { tab: 'sprint', theme: LIGHT_THEME, width: 900, height: 320 });
    assert.equal(frames?.seq, 7);
    assert.equal(frames?.tab, 'sprint');
    assert.deepEqual(frames?.frames.map((f) => [f.id, f.width, f.height]), [['burndown', 900, 320], ['burnup', 900, 320], ['commitment', 900, 320]]);
    assert.equal(await prefetchFrames(snapshot, { tab: 'health', theme: LIGHT_THEME, width: 900, height: 320 }), undefined);
    assert.equal(await prefetchFrames({ ...snapshot, body: { kind: 'failed', message: 'x' } }, { tab: 'sprint', theme: LIGHT_THEME, width: 900, height: 320 }), undefined);
  });

  it('pageSvg: style attributes become presentation attributes (quotes kept inside), the <style> element goes', () => {
    const svg = `<svg><style ><![CDATA[.a:hover{cursor:pointer}]]></style><text style="font-size:12px;font-family:&quot;Segoe WPC&quot;, sans-serif;user-select:none">a &amp; b</text></svg>`;
    assert.equal(pageSvg(svg), '<svg><text font-size="12px" font-family="&quot;Segoe WPC&quot;, sans-serif">a &amp; b</text></svg>');
  });
});
