// Dashboard webview entry (browser): receives whole snapshots from the host,
// builds the open tab's charts with the pure option builders of core/charts (their
// data tables, legends and tooltips) and has the host draw them (charts.ts). Texts
// from the YAML reach the page through textContent only.
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import { pickSprint, type ChartSpec } from '../core/charts';
import { PROTOCOL_VERSION, type DashboardBody, type DrawHint, type HostToWebview, type SavedState, type ViewChoice } from '../shared/protocol';
import { loadState, post, requestId, saveState } from './api';
import { CHART_TABS as CHART_TAB_IDS, tabSpecs, type ChartTab } from '../core/charts/frames';
import { chartPng, chartSvg, drawnCount, expectFirstFrames, firstFramesComing, place, prune, receive, request, type Chart } from './charts';
import { renderToolbar, renderToolbarFrame } from './controls';
import { clear, dataTable, h } from './dom';
import { pmoTabs, renderedHealth, renderPmoTab, type TabDef } from './pmo/tabs';
import { revealButton } from './reveal';
import { sprintSummary, scopeChangesTable } from './sections';
import { currentTheme, onThemeChange } from './theme';

type Snapshot = Extract<HostToWebview, { type: 'snapshot' }>;
type Charts = Extract<DashboardBody, { kind: 'charts' }>;

/** The chart tabs (core/charts/frames.ts lists them, in order), with their labels. */
const LABELS: Record<ChartTab, string> = { sprint: 'Sprint', velocity: 'Velocity', cycleTime: 'Cycle time', flow: 'Flow', aging: 'Aging WIP', forecast: 'Forecast' };
const CHART_TABS: { id: ChartTab; label: string }[] = CHART_TAB_IDS.map((id) => ({ id, label: LABELS[id] }));
/** The chart tabs, then the PMO ones of the snapshot shown (pmo/tabs.ts). */
let TABS: TabDef[] = CHART_TABS;

const app = document.getElementById('app') as HTMLElement;
const toolbar = h('div', { class: 'toolbar', role: 'group', 'aria-label': 'Dashboard controls' });
const progress = h('div', { class: 'progress', hidden: true, role: 'status' });
const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
const content = h('div', { class: 'content' });
const meta = h('p', { class: 'meta' });
clear(app);
app.append(h('h1', { class: 'visually-hidden' }, 'Sprintlog dashboard'), toolbar, progress, status, meta, content);

let saved: SavedState | undefined = loadState();
let tab: string = saved?.tab ?? 'sprint';
let lastSeq = -1;
let last: Snapshot | undefined;
let firstPaint = true;
/** Chart figures by chart id, kept across snapshots so ECharts instances are reused. */
const figures = new Map<string, { figure: HTMLElement; box: HTMLElement; legend: HTMLElement; plot: HTMLElement }>();
/** What each figure was built from (title, notes, table as JSON). */
const figureKeys = new WeakMap<HTMLElement, string>();

function persist(view: ViewChoice, folder?: string): void {
  saved = { v: 1, view, tab, folder: folder ?? saved?.folder };
  saveState(saved);
}

function changeView(view: ViewChoice): void {
  persist(view);
  post({ type: 'view', view });
}

function figureFor(spec: ChartSpec): { figure: HTMLElement; box: HTMLElement; legend: HTMLElement } {
  let f = figures.get(spec.id);
  if (!f) {
    const box = h('div', { class: 'chart', 'data-chart': spec.id, role: 'img' });
    // The page's legend (legend.ts) lies over the band above the plot, where ECharts drew its own.
    const legend = h('div', { class: 'chart-legend', role: 'group', 'aria-label': `${spec.title}: legend (a button hides or shows its series)`, hidden: true });
    f = { figure: h('figure', { class: 'chart-figure', id: `chart-${spec.id}` }), box, legend, plot: h('div', { class: 'plot' }, box, legend) };
    figures.set(spec.id, f);
  }
  const { figure, box, plot } = f;
  // Unchanged title, notes and table: the figure stays as it is (no new buttons and table; an open table stays open).
  const key = JSON.stringify([spec.title, spec.notes, spec.table]);
  if (figureKeys.get(figure) === key) return f;
  figureKeys.set(figure, key);
  box.setAttribute('aria-label', `${spec.title} chart; its data table follows`);
  const svgButton = h('vscode-button', { secondary: true, 'aria-label': `Export ${spec.title} as SVG` }, 'SVG');
  const pngButton = h('vscode-button', { secondary: true, 'aria-label': `Export ${spec.title} as PNG` }, 'PNG');
  svgButton.addEventListener('click', () => {
    const data = chartSvg(box);
    if (data) post({ type: 'exportChart', requestId: requestId(), chart: spec.id, format: 'svg', data });
  });
  pngButton.addEventListener('click', () => {
    void chartPng(box).then((data) => data && post({ type: 'exportChart', requestId: requestId(), chart: spec.id, format: 'png', data }));
  });
  // The box is kept (it holds the ECharts instance); everything around it is rebuilt.
  clear(figure);
  const revealable = spec.id === 'cycle-time' || spec.id === 'aging';
  const table = dataTable(spec.table, `${spec.title}: data`, revealable ? (row, col) => (col === 0 ? revealButton(String(row[0])) : undefined) : undefined);
  figure.append(
    h('div', { class: 'figure-head' }, h('h3', {}, spec.title), h('div', { class: 'exports', role: 'group', 'aria-label': `Export ${spec.title}` }, svgButton, pngButton)),
    plot,
    ...spec.notes.map((n) => h('p', { class: 'note' }, n)),
    h('details', { class: 'data' }, h('summary', {}, `Data table: ${spec.title}`), table),
  );
  return f;
}

/** Builds the tab; returns its charts (drawn by the host: renderPanels asks for them). */
function renderTab(body: Charts, panel: HTMLElement, id: string): Chart[] {
  clear(panel);
  if (renderPmoTab(body, panel, id)) return [];
  // Only the open tab's charts are built (the forecast's trials cost tens of milliseconds), by the
  // function the host draws them with: the same specs on both sides.
  const specs = tabSpecs(body, id as ChartTab, currentTheme());
  if (id === 'sprint') {
    const sprint = pickSprint(body.report, body.sprint);
    if (!sprint) {
      panel.append(h('div', { class: 'empty' }, h('h2', {}, 'No sprints yet'), h('p', {}, 'Add a sprint to backlog/sprints.yaml to see its burndown and burnup. The other tabs already show the flow of work.')));
      return [];
    }
    panel.append(sprintSummary(body, sprint));
  }
  for (const spec of specs) panel.append(figureFor(spec).figure);
  if (id === 'sprint') {
    const sprint = pickSprint(body.report, body.sprint);
    if (sprint) panel.append(scopeChangesTable(sprint, body.facts));
  }
  return specs.map((spec) => place(figures.get(spec.id)!.box, spec, figures.get(spec.id)!.legend));
}

let tabs: HTMLElement & { selectedIndex: number } | undefined;
const panels = new Map<string, HTMLElement>();
const headers = new Map<string, HTMLElement>();

/**
 * Builds the open tab and has its charts drawn; resolves when they are shown. A fresh tab
 * strip waits for lit to render its shadow DOM first: until then the panels have no size.
 */
function renderCharts(body: Charts, seq: number): Promise<void> {
  const wanted = [...CHART_TABS, ...pmoTabs(body)];
  const fresh = !tabs || !tabs.isConnected || wanted.map((t) => t.id).join() !== TABS.map((t) => t.id).join();
  if (!tabs || fresh) {
    TABS = wanted;
    clear(content);
    panels.clear();
    headers.clear();
    tabs = h('vscode-tabs', { 'aria-label': 'Dashboard sections' }) as HTMLElement & { selectedIndex: number };
    for (const t of TABS) {
      const header = h('vscode-tab-header', { slot: 'header', id: `tab-${t.id}` }, t.label);
      const panel = h('vscode-tab-panel', { 'aria-labelledby': `tab-${t.id}` });
      panels.set(t.id, panel);
      headers.set(t.id, header);
      tabs.append(header, panel);
    }
    tabs.addEventListener('vsc-tabs-select', (e) => {
      const index = (e as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex;
      tab = TABS[index]?.id ?? 'sprint';
      if (last) persist(last.view);
      if (last?.body.kind === 'charts') void renderCharts(last.body, last.seq);
    });
    content.append(tabs);
  }
  const index = Math.max(0, TABS.findIndex((t) => t.id === tab));
  if (tabs.selectedIndex !== index) tabs.selectedIndex = index;
  for (const t of wanted) if (headers.get(t.id)?.textContent !== t.label) headers.get(t.id)!.textContent = t.label;
  if (!fresh) return renderPanels(body, index, seq);
  const lit = (el: HTMLElement) => (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  return Promise.all([tabs, ...panels.values()].map(lit)).then(() => renderPanels(body, index, seq));
}

async function renderPanels(body: Charts, index: number, seq: number): Promise<void> {
  // Only the open tab is built and drawn: hidden panels have no size, and first paint stays short.
  let list: Chart[] = [];
  for (const [id, panel] of panels) {
    if (id === TABS[index].id) list = renderTab(body, panel, id);
    else clear(panel);
  }
  prune();
  if (list.length === 0) return;
  const problem = await request(seq, TABS[index].id as ChartTab, list);
  if (problem) status.textContent = problem;
}

function renderState(body: Exclude<DashboardBody, Charts>): void {
  tabs = undefined;
  clear(content);
  if (body.kind === 'error') {
    const p = body.problem;
    const where = `${p.file}:${p.line}:${p.column}`;
    const open = h('vscode-button', { id: 'open-problem' }, `Open ${p.file} at line ${p.line}, column ${p.column}`);
    open.addEventListener('click', () => post({ type: 'openProblem', requestId: requestId() }));
    content.append(
      h('div', { class: 'error-state', role: 'alert' },
        h('h2', {}, `${p.file} does not parse`),
        h('p', {}, h('code', {}, where), ` ${p.message}`),
        p.hint ? h('p', { class: 'hint' }, p.hint) : undefined,
        body.more > 0 ? h('p', { class: 'note' }, `${body.more} more problem${body.more === 1 ? '' : 's'} in the backlog files.`) : undefined,
        open,
      ),
    );
    return;
  }
  const titles: Record<string, string> = { 'no-history': 'No history to chart yet', 'no-sprints': 'No sprints yet', untrusted: 'Restricted mode', 'no-backlog': 'No backlog', failed: 'The dashboard could not be computed' };
  const key = body.kind === 'failed' ? 'failed' : body.reason;
  content.append(h('div', { class: 'empty' }, h('h2', {}, titles[key]), h('p', {}, body.message)));
}

function renderControls(s: Snapshot): void {
  const body = s.body;
  const report = body.kind === 'charts' ? body.report : undefined;
  renderToolbar(toolbar, {
    view: s.view,
    sprints: (report?.sprints ?? []).map((x) => ({ id: x.id, name: body.kind === 'charts' ? body.facts.sprints[x.id]?.name : undefined, status: x.status })),
    shownSprint: body.kind === 'charts' ? body.sprint : undefined,
    refs: body.kind === 'charts' || body.kind === 'empty' ? body.refs : undefined,
    onChange: changeView,
    onExportReport: () => post({ type: 'exportReport', requestId: requestId() }),
  });
}

function render(s: Snapshot): void {
  const started = performance.now();
  const body = s.body;
  persist(s.view, s.folder);
  const report = body.kind === 'charts' ? body.report : undefined;
  // The panel's first charts come before its controls: lit's selects are the page's costliest
  // elements (each lays the page out as it renders), and the charts are what the panel is opened
  // for. The controls follow once the charts are painted, in the room the toolbar keeps for them.
  const controlsFirst = !(firstPaint && body.kind === 'charts');
  if (controlsFirst) renderControls(s);
  else renderToolbarFrame(toolbar, s.view);
  // The first charts come right behind the first snapshot (`ready` announced the tab): the tab is
  // built meanwhile but shown with them, so the page is laid out and painted once, not once
  // with empty boxes and again with the charts.
  content.hidden = firstPaint && body.kind === 'charts' && firstFramesComing(tab);
  meta.textContent = report ? `${s.folder} · as of ${report.asOf} (${report.timezone}) · ${report.ref}${report.head ? ` at ${report.head.slice(0, 10)}` : ''}${report.uncommitted ? ' · with uncommitted changes' : ''}` : s.folder;
  // A fresh tab strip is drawn a few microtasks later (renderCharts), before any other message.
  const drawing = body.kind === 'charts' ? renderCharts(body, s.seq) : renderState(body);
  const done = (): void => {
    content.hidden = false;
    rendered(s, started, () => {
      if (controlsFirst) complete(s);
    });
    if (controlsFirst) return;
    // After the paint: the next frame, then a task.
    requestAnimationFrame(() => setTimeout(() => {
      // A newer snapshot may have come meanwhile: it has drawn its controls, or will.
      if (last === s) renderControls(s);
      complete(s);
    }));
  };
  if (drawing) void drawing.then(done);
  else done();
}

/** The page shows snapshot `s` in full, controls included (tests wait for this attribute). */
function complete(s: Snapshot): void {
  app.setAttribute('aria-busy', 'false');
  if (Number(document.body.dataset.seq ?? -1) < s.seq) document.body.dataset.seq = String(s.seq);
}

/** Tells the host that `s` is drawn, once it is painted; then `after`. */
function rendered(s: Snapshot, started: number, after: () => void): void {
  const charts = drawnCount();
  const first = firstPaint;
  firstPaint = false;
  const health = s.body.kind === 'charts' ? renderedHealth(panels.get(tab)) : undefined;
  // Said once the frame with the charts has been painted (the next animation frame, then a task):
  // `ms` runs from the page's start for the first snapshot, from the message after that.
  requestAnimationFrame(() => setTimeout(() => {
    const ms = first ? performance.now() : performance.now() - started;
    // For a profiler or a bench reading the page from outside (bench/dashboard-vscode.bench.ts).
    performance.mark('sprintlog:rendered', { detail: { seq: s.seq, charts, ms } });
    post({ type: 'rendered', seq: s.seq, charts, ms: Math.round(ms * 10) / 10, tab, ...(health ? { health } : {}) });
    after();
  }));
}

function showProgress(m: Extract<HostToWebview, { type: 'progress' }>): void {
  clear(progress);
  progress.hidden = !m.active;
  if (!m.active) return;
  const cancel = h('vscode-button', { secondary: true, id: 'cancel' }, 'Cancel');
  cancel.addEventListener('click', () => post({ type: 'cancel' }));
  progress.append(h('vscode-progress-bar', { 'aria-label': 'Reading the history' }), h('span', {}, m.message), cancel);
}

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  const m = e.data as HostToWebview;
  if (typeof m !== 'object' || m === null) return;
  if (m.type === 'snapshot') {
    if (m.protocol !== PROTOCOL_VERSION || m.seq <= lastSeq) return;
    lastSeq = m.seq;
    last = m;
    status.textContent = '';
    render(m);
  } else if (m.type === 'progress') showProgress(m);
  else if (m.type === 'frames') receive(m);
  else if (m.type === 'reply' && !m.ok && m.message) status.textContent = m.message;
  else if (m.type === 'showTab' && TABS.some((t) => t.id === m.tab)) {
    tab = m.tab;
    if (last) render(last);
  }
});

onThemeChange(() => last && render(last));
/**
 * What `ready` tells the host of the first charts: the tab the page opens on, its theme and the
 * size of a chart box (every box has the same), measured on a box put in and taken out at once
 * (no paint in between). The host draws them right after the first snapshot.
 */
function drawHint(): DrawHint | undefined {
  if (!CHART_TABS.some((t) => t.id === tab)) return undefined;
  const probe = h('div', { class: 'chart' });
  content.append(probe);
  const width = probe.clientWidth;
  const height = probe.clientHeight;
  probe.remove();
  if (width < 20 || height < 20) return undefined;
  const hint = { tab, theme: currentTheme(), width, height };
  expectFirstFrames(hint);
  return hint;
}

// Posted from a microtask, not from the bundle's top-level code: postMessage records
// where it was called from, and with a debugger attached that meant collecting the
// source positions of the whole top-level function (about 200 ms for the old 650 KB bundle).
queueMicrotask(() => {
  const draw = drawHint();
  post({ type: 'ready', protocol: PROTOCOL_VERSION, ...(draw ? { draw } : {}) });
});
