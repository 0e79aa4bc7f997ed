// The page's chart legend (src/webview/legend.ts) on the demo's real chart options:
// what ECharts is given in the page (no legend, hidden series without data or marks)
// and the legend drawn into an exported SVG (names escaped, hidden ones struck through).
import * as assert from 'node:assert/strict';
import { buildCharts, chartFacts, LIGHT_THEME, pickSprint, type ChartSpec } from '../../src/core/charts';
import { computeMetrics } from '../../src/core/metrics';
import { loadWorkspace } from '../../src/core/parse/workspace';
import { endOfDay } from '../../src/core/time';
import { renderSvgs } from '../../src/cli/report/render';
import { entryKind, legendNames, pageOption, withLegend, type LegendEntry, type SeriesOption } from '../../src/core/charts/legend';
import { AS_OF, chartsRepo } from './helpers/charts-repo';
import type { GitRepo } from './helpers/gitrepo';
import { TestHistory } from './helpers/history';

describe('webview chart legend', () => {
  let repo: GitRepo;
  let burndown: ChartSpec;

  before(async () => {
    ({ repo } = chartsRepo());
    const asOf = endOfDay(AS_OF, 'Europe/Berlin');
    const history = await new TestHistory().read(repo.dir, { asOf, cacheDir: false });
    const workspace = loadWorkspace(repo.dir);
    const doc = computeMetrics({ workspace, history, asOf, ref: 'HEAD' });
    burndown = buildCharts(doc, chartFacts(workspace, history), LIGHT_THEME, pickSprint(doc)).sprint[0];
  });
  after(() => repo.cleanup());

  it('is the builder legend, not given to ECharts; a hidden series keeps its name but loses its data and marks', () => {
    const option = burndown.option as Record<string, unknown>;
    assert.deepEqual(legendNames(option), ['Remaining', 'Ideal', 'Scope change']);
    const shown = pageOption(option, new Set());
    assert.equal('legend' in shown, false);
    assert.deepEqual(shown.series, option.series);
    const hidden = pageOption(option, new Set(['Remaining']));
    const series = hidden.series as { name: string; data: unknown[]; markArea?: unknown }[];
    assert.deepEqual(series[0].data, []);
    assert.equal(series[0].markArea, undefined);
    assert.deepEqual(series[1], (option.series as unknown[])[1]);
  });

  it('draws the legend into the exported SVG, text escaped, hidden entries struck through', async () => {
    const [chart] = await renderSvgs([{ ...burndown, option: pageOption(burndown.option as Record<string, unknown>, new Set()) }]);
    const entries: LegendEntry[] = [
      { name: '<img src=x onerror=alert(1)> & co', kind: 'line', colour: '#3794ff', hidden: false },
      { name: 'Ideal', kind: 'dashed', colour: '#ccc"/><script>', hidden: true },
    ];
    const out = withLegend(chart, entries, 760, { colour: '#ccc', font: "'Segoe UI'", size: 12 });
    assert.ok(out.startsWith(chart.slice(0, chart.lastIndexOf('</svg>'))));
    assert.ok(out.endsWith('</g></svg>'));
    assert.match(out, />&lt;img src=x onerror=alert\(1\)&gt; &amp; co<\/text>/);
    assert.doesNotMatch(out, /<img|<script/);
    assert.match(out, /stroke-dasharray="5 3"\/><text [^>]*text-decoration="line-through">Ideal</);
    assert.equal(withLegend(chart, [], 760, { colour: '#ccc', font: 'x', size: 12 }), chart);
    // The burndown's scope changes are diamonds, its ideal line dashed: the keys say so.
    const series = (burndown.option.series ?? []) as SeriesOption[];
    assert.deepEqual(series.map(entryKind), ['line', 'dashed', 'diamond']);
  });

  it("leaves the CLI's report with ECharts' own legend (useLegend)", async () => {
    const [withOwn] = await renderSvgs([burndown]);
    const [without] = await renderSvgs([{ ...burndown, option: pageOption(burndown.option as Record<string, unknown>, new Set()) }]);
    assert.match(withOwn, />Scope change</);
    assert.doesNotMatch(without, />Scope change</);
  });
});
