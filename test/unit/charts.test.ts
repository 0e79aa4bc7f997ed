// Chart option builders on the metrics of a real git repository whose history
// is known by hand (helpers/charts-repo.ts). Expected values come from that
// history and from the metrics document, never from the builders themselves.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildCharts, chartFacts, escapeHtml, escapeMarkdownCell, LIGHT_THEME, pickSprint, richText, themeFromCssVariables, type ChartSpec } from '../../src/core/charts';
import { simulate } from '../../src/core/charts/forecast';
import { velocityChart } from '../../src/core/charts/velocity';
import { TestHistory } from './helpers/history';
import { computeMetrics, percentile, type MetricsReport } from '../../src/core/metrics';
import { loadWorkspace } from '../../src/core/parse/workspace';
import { addDays, endOfDay, isWorkingDay } from '../../src/core/time';
import { AS_OF, chartsRepo, XSS_TITLE } from './helpers/charts-repo';
import type { GitRepo } from './helpers/gitrepo';

const hist = new TestHistory();

type Series = { name: string; data: unknown[]; markArea?: { data: unknown[] }; markLine?: { data: { yAxis?: number; xAxis?: string; name?: string }[] }; tooltip?: { formatter: (p: unknown) => string } };
const series = (c: ChartSpec): Series[] => c.option.series as unknown as Series[];
const named = (c: ChartSpec, name: string): Series => {
  const s = series(c).find((x) => x.name === name);
  assert.ok(s, `series ${name} in ${c.id}`);
  return s;
};

describe('chart option builders (src/core/charts)', function () {
  this.timeout(60000);
  let repo: GitRepo;
  let scopeCommit: string;
  let doc: MetricsReport;
  let charts: ReturnType<typeof buildCharts>;
  let facts: ReturnType<typeof chartFacts>;

  before(async () => {
    ({ repo, scopeCommit } = chartsRepo());
    const asOf = endOfDay(AS_OF, 'Europe/Berlin');
    const history = await hist.read(repo.dir, { asOf, cacheDir: false });
    const workspace = loadWorkspace(repo.dir);
    doc = computeMetrics({ workspace, history, asOf, ref: 'HEAD' });
    facts = chartFacts(workspace, history);
    charts = buildCharts(doc, facts, LIGHT_THEME, pickSprint(doc));
  });
  after(() => repo.cleanup());

  it('picks the active sprint and draws its burndown: remaining by hand, ideal to 0 at the end, the holiday run shaded', () => {
    const burndown = charts.sprint[0];
    assert.equal(burndown.id, 'burndown');
    assert.equal(pickSprint(doc)?.id, 'S1');
    const days = (burndown.option.xAxis as { data: string[] }).data;
    assert.deepEqual([days[0], days.length, days[11]], ['2026-03-02', 12, '2026-03-13']);
    // A3+B2 = 5; A done on the 4th → 2; C (+1) on the 5th → 3 until the as-of date; none after it.
    assert.deepEqual(named(burndown, 'Remaining').data, [5, 5, 2, 3, 3, 3, 3, 3, 3, 3, 3, null]);
    assert.deepEqual(named(burndown, 'Remaining').data.slice(0, 11), doc.sprints[1].burndown.map((b) => b.remaining));
    const ideal = named(burndown, 'Ideal').data as number[];
    // The document's ideal up to the as-of date, then committed 5 × working days after D / 9 working days.
    assert.deepEqual(ideal.slice(0, 11), doc.sprints[1].burndown.map((b) => b.ideal));
    assert.equal(ideal[11], 0);
    assert.equal(ideal[2], doc.sprints[1].burndown[2].ideal);
    // Friday 6th is a holiday, then the weekend: one shaded run, named holiday.
    assert.deepEqual(named(burndown, 'Remaining').markArea?.data, [[{ name: 'holiday', xAxis: '2026-03-06' }, { xAxis: '2026-03-08' }]]);
    assert.deepEqual(burndown.table.rows.map((r) => r[1]).slice(3, 8), ['yes', 'holiday', 'no', 'no', 'yes']);
  });

  it('marks each scope change with item, title, points, kind, commit id and author, its title neutralised for rich text', () => {
    const marks = named(charts.sprint[0], 'Scope change');
    assert.equal(marks.data.length, 1);
    const point = marks.data[0] as { value: unknown[]; tip: string };
    assert.deepEqual(point.value, ['2026-03-05', 3]);
    const tip = marks.tooltip?.formatter({ data: point }) ?? '';
    for (const part of ['C ', XSS_TITLE, 'added +1 pts', scopeCommit.slice(0, 10), 'by Mallory']) assert.ok(tip.includes(part), `${part} in ${tip}`);
    assert.deepEqual(doc.sprints[1].scopeChanges?.map((c) => [c.id, c.kind, c.points, c.commit]), [['C', 'added', 1, scopeCommit]]);
    // Rich text reads {style|text}: braces from the YAML never reach it as markup.
    assert.equal(richText('x {a|b} y'), 'x \uFF5Ba|b\uFF5D y');
  });

  it('burnup, committed vs completed and velocity carry the document figures; the average line spans the window', () => {
    const s1 = doc.sprints[1];
    assert.deepEqual(named(charts.sprint[1], 'Done').data, s1.burnup.map((b) => b.done));
    assert.deepEqual(named(charts.sprint[1], 'Scope').data, s1.burnup.map((b) => b.scope));
    assert.deepEqual(charts.sprint[2].table.rows, [['Capacity', 6], ['Committed', 5], ['Scope added', 1], ['Scope removed', 0], ['Completed', 3]]);
    const velocity = charts.velocity[0];
    assert.deepEqual(doc.velocity.sprints, [{ id: 'S0', committed: 4, completed: 4 }]);
    assert.deepEqual(velocity.table.rows, [['S0', 4, 4, 100, 'yes']]);
    const avg = named(velocity, 'Completed').markLine?.data[0] as unknown as { xAxis: string; yAxis: number }[];
    assert.deepEqual(avg.map((p) => [p.xAxis, p.yAxis]), [['S0', 4], ['S0', 4]]);
  });

  it('velocity: an average that is not whole is shown with one decimal, its label inside the plot', () => {
    const completed = [27, 28, 27];
    const average = completed.reduce((a, b) => a + b, 0) / completed.length; // 27.333…, as the document holds it
    const sprints = completed.map((c, i) => ({ id: `S${i + 1}`, committed: 30, completed: c }));
    const chart = velocityChart({ window: 3, average, sprints }, LIGHT_THEME);
    const mark = named(chart, 'Completed').markLine as unknown as { label: { formatter: string; position: string }; data: { yAxis: number }[][] };
    assert.equal(mark.label.formatter, 'avg 27.3');
    assert.equal(mark.label.position, 'insideEndTop');
    assert.equal(mark.data[0][0].yAxis, average, 'the line itself stays at the exact average');
    assert.deepEqual(chart.notes, ['Average completed of the last 3 closed sprints: 27.3.']);
  });

  it('cycle time: finished items by finish date with the p50/p85/p95 lines of the document; histogram by whole days', () => {
    const [scatter, histogram] = charts.cycleTime;
    // Z went todo → done on 20th Feb (started = done): 1 day; A: 3rd..4th Mar = 2 days. Nearest rank of [1, 2]: p50 1, p85 2, p95 2.
    assert.deepEqual(scatter.table.rows, [['Z', '2026-02-20', 1], ['A', '2026-03-04', 2]]);
    assert.deepEqual([doc.cycleTime?.p50, doc.cycleTime?.p85, doc.cycleTime?.p95], [1, 2, 2]);
    const lines = named(scatter, 'Finished items').markLine?.data ?? [];
    assert.deepEqual(lines.map((l) => [l.name, l.yAxis]), [['p50', 1], ['p85', 2], ['p95', 2]]);
    assert.deepEqual(histogram.table.rows, [[1, 1], [2, 1]]);
  });

  it('cumulative flow stacks done at the bottom with the legend in workflow order; throughput per Monday week', () => {
    const [cfd, throughput] = charts.flow;
    assert.deepEqual(series(cfd).map((s) => s.name), ['done', 'review', 'in-progress', 'todo']);
    assert.deepEqual((cfd.option.legend as { data: string[] }).data, ['todo', 'in-progress', 'review', 'done']);
    const i = doc.cfd?.findIndex((d) => d.date === '2026-03-04') ?? -1;
    assert.equal(named(cfd, 'done').data[i], 2); // Z and A
    assert.equal(named(cfd, 'todo').data[i], 1); // B
    assert.deepEqual(throughput.table.rows.filter((r) => (r[1] as number) > 0), [['2026-02-16', 1], ['2026-03-02', 1]]);
  });

  it('aging WIP: doing items by state column, age against the cycle-time bands', () => {
    const aging = charts.aging[0];
    // B in progress since the 11th: 2 days old on the 12th; p50 1 < 2 ≤ p85 2.
    assert.deepEqual(aging.table.rows, [['B', 'in-progress', 2, 'p50–p85']]);
    assert.deepEqual((aging.option.xAxis as { data: string[] }).data, ['in-progress', 'review']);
    const bands = named(aging, 'Work in progress').markArea?.data as { yAxis: number | string }[][];
    assert.deepEqual(bands.map((b) => [b[0].yAxis, b[1].yAxis]), [[0, 1], [1, 2], [2, 2], [2, 'max']]);
  });

  it('forecast: the re-simulated distributions give the document percentiles, which are the marked answers', () => {
    const f = doc.forecast;
    assert.ok(f && f.when && f.howMany);
    const d = simulate(f, AS_OF, facts);
    assert.equal(d.when?.length, f.trials);
    // In this process computeMetrics kept its trials; the webview gets the document as JSON and draws
    // them again from the seed: the same distributions.
    assert.deepEqual(simulate(JSON.parse(JSON.stringify(f)) as typeof f, AS_OF, facts), d);
    const cal = { workingDays: facts.workingDays, holidays: facts.holidays };
    const nth = (n: number): string => {
      let day = AS_OF;
      for (let k = 0; k < n; ) if (isWorkingDay((day = addDays(day, 1)), cal)) k++;
      return day;
    };
    const sorted = [...(d.when ?? [])].sort((a, b) => a - b);
    assert.equal(nth(percentile(sorted, 85) as number), f.when.p85);
    const desc = [...(d.howMany ?? [])].sort((a, b) => b - a);
    assert.equal(percentile(desc, 50), f.howMany.p50);
    const [when, howMany] = charts.forecast;
    assert.deepEqual(named(when, 'Trials').markLine?.data.map((m) => m.xAxis), [f.when.p50, f.when.p85, f.when.p95]);
    assert.deepEqual(named(howMany, 'Trials').markLine?.data.map((m) => m.xAxis), [f.howMany.p50, f.howMany.p85, f.howMany.p95].map(String));
    assert.equal(when.table.rows.reduce((a, r) => a + (r[1] as number), 0), f.trials);
  });
});

describe('chart builders: theme, escaping, bundle boundary', () => {
  it('a theme from --vscode-* variables: set ones win, missing ones keep the base', () => {
    const vars: Record<string, string> = { '--vscode-foreground': ' #cccccc', '--vscode-editor-background': '#1e1e1e', '--vscode-charts-green': '#89d185', '--vscode-font-size': '13px' };
    const t = themeFromCssVariables((n) => vars[n] ?? '');
    assert.deepEqual([t.foreground, t.background, t.category.done, t.percentiles[0], t.fontSize, t.muted], ['#cccccc', '#1e1e1e', '#89d185', '#89d185', 13, LIGHT_THEME.muted]);
  });

  it('escapes HTML and Markdown table cells with one owner each', () => {
    assert.equal(escapeHtml(`${XSS_TITLE} & "q" 'a'`), '&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; &#39;a&#39;');
    assert.equal(escapeMarkdownCell('a|b *c*\nd'), 'a\\|b \\*c\\* d');
  });

  it('only src/core/charts/echarts.ts loads ECharts at run time (the option builders import its types only)', () => {
    const dir = path.join(__dirname, '../../src/core/charts');
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts') && n !== 'echarts.ts')) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      assert.equal(/^import\s+(?!type\b)[^;]*from\s+'echarts/m.test(text), false, `${f} imports echarts at run time`);
    }
    const ext = fs.readdirSync(path.join(__dirname, '../../src/extension'), { recursive: true }) as string[];
    for (const f of ext.filter((n) => n.endsWith('.ts'))) {
      assert.equal(/from\s+'(echarts|[./]*core\/charts\/echarts)/.test(fs.readFileSync(path.join(__dirname, '../../src/extension', f), 'utf8')), false, f);
    }
  });
});
