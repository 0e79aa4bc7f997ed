// One dashboard panel's data flow. Store and history events (a file saved or
// changed on disk, an unsaved buffer edited, HEAD moved) are debounced together
// into one recomputation; each result is a whole snapshot with a rising `seq`.
// Posts wait until the webview says `ready` (its HTML reloads every time the
// panel is shown again: no retainContextWhenHidden); while hidden the panel is
// only marked stale, and the latest snapshot is made and sent when it is back.
// The first snapshot is made while the page loads, and its charts drawn ahead at
// the size the page last announced, so `ready` finds both done.

import { errorMessage, reportError } from '../errors';
import * as vscode from 'vscode';
import type { HistoryReader } from '../history';
import { readSettings } from '../model/config';
import { metricsSettings } from '../health/settings';
import type { BacklogStore, FolderBacklog } from '../model/types';
import { teamInputOf } from '../../core/portfolio';
import { isDrawHint, parseWebviewMessage, PROTOCOL_VERSION, type DashboardBody, type HostToWebview, type ViewChoice, type WebviewToHost } from '../../shared/protocol';
import * as actions from './actions';
import type { PortfolioInputs } from './portfolio';
import { answerDraw, frameDrawer, prefetchFrames } from './draw';
import { computeBody, reportArgs } from './snapshot';

/** Typing fires a store change per keystroke; saves come in bursts. */
export const DEBOUNCE_MS = 150;

export interface ControllerDeps {
  store: BacklogStore;
  history: HistoryReader;
  log?: vscode.LogOutputChannel;
  /** The bundled CLI (dist/cli.js), for the Markdown report. */
  cli: string;
  /** The window's portfolio inputs (a multi-root workspace shows every folder's row). */
  portfolio?: PortfolioInputs;
  /** Where the page's last `ready` hint is kept (the workspace's memento): the next panel draws ahead. */
  state?: vscode.Memento;
}

export type Snapshot = Extract<HostToWebview, { type: 'snapshot' }>;
/** What the webview reports drawing: snapshot seq, charts, milliseconds, the open tab (and the Health tab's findings). */
export type Rendered = Omit<Extract<WebviewToHost, { type: 'rendered' }>, 'type'>;

export function defaultView(folder: vscode.WorkspaceFolder): ViewChoice {
  return { asOf: { kind: 'now' }, windowDays: readSettings(folder).cycleTimeWindow };
}

export class DashboardController implements vscode.Disposable {
  private seq = 0;
  private ready = false;
  private queue: HostToWebview[] = [];
  private latest?: Snapshot;
  /** The snapshot being made, if one is. */
  private inflight?: Promise<Snapshot>;
  /** Something changed since `latest` was made (or it was never made). */
  private dirty = true;
  private timer?: ReturnType<typeof setTimeout>;
  private running?: AbortController;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** What the webview reported drawing (tests, the first-paint figure). */
  lastRendered?: Rendered;
  private readonly renderedEmitter = new vscode.EventEmitter<Rendered>();
  readonly onDidRender = this.renderedEmitter.event;
  private readonly snapshotEmitter = new vscode.EventEmitter<Snapshot>();
  /** Fires with every snapshot made (posted now or when the webview is ready). */
  readonly onDidSnapshot = this.snapshotEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly folder: vscode.WorkspaceFolder,
    private view: ViewChoice,
    private readonly deps: ControllerDeps,
  ) {
    // ECharts loads while the webview loads its page: the page's first `draw` finds it ready.
    void frameDrawer().catch((e: unknown) => deps.log?.error('Sprintlog dashboard: loading the chart renderer failed', e));
    // Another folder's change matters too when the portfolio shows its row.
    const mine = (root: string) => root === folder.uri.fsPath || (deps.portfolio?.multiRoot ?? false);
    this.subscriptions.push(
      this.renderedEmitter,
      this.snapshotEmitter,
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      deps.store.onDidChange((fb) => mine(fb.root) && this.changed()),
      deps.history.onDidChange((s) => mine(s.root) && this.changed()),
      panel.onDidChangeViewState(() => {
        // Hidden: the webview's document is gone; it posts `ready` again when shown.
        if (!panel.visible) this.ready = false;
      }),
    );
    // The snapshot is made while the webview loads its page, not after it says `ready`.
    void this.refresh();
  }

  private get hintKey(): string {
    return `sprintlog.dashboard.drawHint:${this.folder.uri.toString()}`;
  }

  /**
   * Before the page is ready: its first charts drawn ahead, at the size and in the theme its
   * `ready` gave last time (a panel reopened, or restored after a reload, is most often the
   * same), so the drawer holds them when `ready` asks for them. Another size or theme is drawn
   * then, as without this.
   */
  private predraw(snapshot: Snapshot): void {
    const hint: unknown = this.deps.state?.get(this.hintKey);
    if (this.ready || !isDrawHint(hint)) return;
    void prefetchFrames(snapshot, hint);
  }

  /** Opens a tab of the panel (e.g. 'health'); the webview re-renders and reports it. */
  showTab(tab: string): void {
    this.post({ type: 'showTab', tab });
  }

  get viewChoice(): ViewChoice {
    return this.view;
  }

  get lastSnapshot(): Snapshot | undefined {
    return this.latest;
  }

  private fb(): FolderBacklog | undefined {
    return this.deps.store.folders().find((f) => f.folder.uri.toString() === this.folder.uri.toString());
  }

  private changed(): void {
    this.dirty = true;
    // Hidden: stale until shown (no work for a panel nobody sees).
    if (this.panel.visible) this.schedule();
  }

  private schedule(delay = DEBOUNCE_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delay);
  }

  private post(m: HostToWebview): void {
    if (!this.ready) {
      // Only the newest snapshot matters; replies and progress are kept in order.
      if (m.type === 'snapshot') this.queue = this.queue.filter((q) => q.type !== 'snapshot');
      this.queue.push(m);
      return;
    }
    void this.panel.webview.postMessage(m);
  }

  /** Recomputes the snapshot now (cancelling a run in flight) and posts it. */
  refresh(): Promise<Snapshot> {
    const made = this.compute();
    this.inflight = made;
    const done = () => {
      if (this.inflight === made) this.inflight = undefined;
    };
    made.then(done, done);
    return made;
  }

  private async compute(): Promise<Snapshot> {
    this.running?.abort();
    const abort = new AbortController();
    this.running = abort;
    this.dirty = false;
    const fb = this.fb();
    let body: DashboardBody;
    let progressShown = false;
    const progress = (message: string) => {
      progressShown = true;
      this.post({ type: 'progress', active: true, message });
    };
    if (!fb) body = { kind: 'empty', reason: 'no-backlog', message: `No backlog file in ${this.folder.name}.` };
    else if (!this.deps.history.enabled) {
      body = { kind: 'empty', reason: 'untrusted', message: 'The dashboard reads the git history: trust this workspace to see it (Sprintlog runs no git in restricted mode).' };
    } else {
      const slow = setTimeout(() => progress('Reading the history…'), 300);
      try {
        // The folder's metrics settings, as the history service and the agents read them.
        const settings = metricsSettings(this.folder);
        body = await computeBody({
          root: fb.root,
          workspace: fb.workspace,
          view: this.view,
          velocityWindow: settings.velocityWindow,
          thresholds: settings.thresholds,
          signal: abort.signal,
          engine: this.deps.history.engine,
          onProgress: (n, total) => progress(`Analysing the history: ${n} of ${total} commits`),
        });
        if (body.kind === 'charts' && this.deps.portfolio) body = { ...body, portfolio: await this.portfolio(fb.root, body, abort.signal) };
      } catch (e) {
        if (abort.signal.aborted) {
          if (progressShown) this.post({ type: 'progress', active: false, message: 'Cancelled.' });
          return this.latest ?? this.emptyCancelled();
        }
        this.deps.log?.error('Sprintlog dashboard: computing the snapshot failed', e);
        body = { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
      } finally {
        clearTimeout(slow);
      }
    }
    if (abort.signal.aborted) return this.latest ?? this.emptyCancelled();
    if (progressShown) this.post({ type: 'progress', active: false, message: '' });
    const snapshot: Snapshot = { type: 'snapshot', protocol: PROTOCOL_VERSION, seq: ++this.seq, folder: this.folder.name, view: this.view, body };
    this.latest = snapshot;
    this.running = undefined;
    this.post(snapshot);
    if (!this.ready) this.predraw(snapshot);
    this.snapshotEmitter.fire(snapshot);
    return snapshot;
  }

  /** The multi-root portfolio with this folder's row from `body` (undefined with one backlog folder). */
  private portfolio(root: string, body: Extract<DashboardBody, { kind: 'charts' }>, signal: AbortSignal) {
    const at = this.view.asOf.kind === 'now' ? 'now' : Date.parse(body.report.asOf);
    const input = teamInputOf(this.folder.name, root, { report: body.report, workspace: this.fb()!.workspace }, { epics: body.pmo.epics, external: body.pmo.kpis.dependencies?.external ?? null });
    return this.deps.portfolio!.portfolio({ root, at, input }, signal);
  }

  private emptyCancelled(): Snapshot {
    return { type: 'snapshot', protocol: PROTOCOL_VERSION, seq: this.seq, folder: this.folder.name, view: this.view, body: { kind: 'empty', reason: 'no-history', message: 'Cancelled.' } };
  }

  /** Every message from the webview enters here (tests call it too): validated, then acted on. */
  async receive(raw: unknown): Promise<void> {
    const m = parseWebviewMessage(raw);
    if (!m) {
      this.deps.log?.warn(`Sprintlog dashboard: ignored a malformed message from the webview`);
      return;
    }
    await this.handle(m);
  }

  private async handle(m: WebviewToHost): Promise<void> {
    switch (m.type) {
      case 'ready': {
        this.ready = true;
        const queued = this.queue;
        this.queue = [];
        for (const q of queued) void this.panel.webview.postMessage(q);
        // The snapshot begun when the panel was made posts itself when done.
        if (this.dirty || (!this.latest && !this.inflight)) await this.refresh();
        else if (this.inflight) await this.inflight;
        else if (!queued.some((q) => q.type === 'snapshot')) this.post(this.latest!);
        // The open tab's charts right behind the snapshot: the page's first paint waits for no `draw`.
        if (m.draw) {
          if (JSON.stringify(this.deps.state?.get(this.hintKey)) !== JSON.stringify(m.draw)) void this.deps.state?.update(this.hintKey, m.draw);
          const frames = await prefetchFrames(this.latest, m.draw);
          if (frames) this.post(frames);
        }
        return;
      }
      case 'view':
        this.view = m.view;
        if (this.timer) clearTimeout(this.timer);
        await this.refresh();
        return;
      case 'cancel':
        this.running?.abort();
        return;
      case 'draw': {
        const frames = await answerDraw(this.latest, m);
        if (frames?.message) this.deps.log?.warn(`Sprintlog dashboard: ${frames.message}`);
        if (frames) this.post(frames);
        return;
      }
      case 'rendered':
        this.lastRendered = { seq: m.seq, charts: m.charts, ms: m.ms, tab: m.tab, health: m.health };
        this.renderedEmitter.fire(this.lastRendered);
        return;
      default:
        return this.act(m);
    }
  }

  private async act(m: Extract<WebviewToHost, { requestId: number }>): Promise<void> {
    const fb = this.fb();
    let refused: string | undefined;
    try {
      if (!fb) refused = 'The backlog of this folder is gone.';
      else if (m.type === 'revealItem') refused = await actions.revealItem(fb, m.id);
      else if (m.type === 'openCommitDiff') refused = await actions.openCommitDiff(this.deps.history.engine, fb, m.commit, m.item);
      else if (m.type === 'openProblem') {
        const body = this.latest?.body;
        refused = body?.kind === 'error' ? await actions.openProblem(fb, body.problem) : 'The files parse again.';
      } else if (m.type === 'exportChart') refused = await actions.exportChart(fb, m.chart, m.format, m.data);
      else if (m.type === 'exportReport') refused = await actions.exportReport(fb, this.deps.cli, reportArgs(this.view, this.latest?.body.kind === 'charts' ? this.latest.body.sprint : undefined));
    } catch (e) {
      // The extension's one reporter: logged, a refusal as a warning, a failure as an error with "Open Log".
      refused = this.deps.log ? reportError(this.deps.log, e, `Dashboard ${m.type}`).refused : errorMessage(e);
    }
    this.post({ type: 'reply', requestId: m.requestId, ok: refused === undefined, ...(refused ? { message: refused } : {}) });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.running?.abort();
    for (const d of this.subscriptions) d.dispose();
  }
}
