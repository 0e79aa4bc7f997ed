// Runs the history engine + computeMetrics in the background for each folder of a
// trusted workspace (git is never run in an untrusted one), with a progress
// indicator and cancellation. Results are cached by HEAD commit and recomputed
// when HEAD moves or a backlog file is saved or changes on disk. Hover, CodeLens,
// the status bar and the views read the cache and listen to onDidChange.
import * as vscode from 'vscode';
import { HistoryEngine } from '../../core/history';
import type { MetricsSettings } from '../../core/metrics';
import { backlogDocument } from '../language/files';
import type { BacklogStore, FolderBacklog } from '../model/types';
import { computeSnapshot, recomputeSnapshot } from './compute';
import { gitDir, headCommit } from './git-head';
import type { HistorySnapshot, ItemTimeline, SprintFigures } from './types';

/** What consumers read; the views get it from the composition root. */
export interface HistoryReader {
  /** Fires after a folder's figures were (re)computed. */
  readonly onDidChange: vscode.Event<HistorySnapshot>;
  /** False in an untrusted workspace: no history, figures stay unknown. */
  readonly enabled: boolean;
  /** The window's history engine, lent to whoever reads the same history (reserved ids, the dashboard). */
  readonly engine: HistoryEngine;
  snapshot(root: string): HistorySnapshot | undefined;
  timeline(root: string, id: string): ItemTimeline | undefined;
  sprint(root: string, id: string): SprintFigures | undefined;
}

/** Saves and disk changes come in bursts (save all, checkout): wait a little. */
const RERUN_DELAY_MS = 800;
/**
 * A change of the working tree only (a save, an edit command; HEAD did not move) waits for a
 * quiet moment: the rerun blocks the extension host for about a second at 5,000 items, and
 * should not land between the edits and keystrokes of someone at work. Typing pushes it back.
 */
const WORKTREE_DELAY_MS = 3000;
/** Ages are in days: refresh a snapshot older than this when the window regains focus. */
const STALE_AFTER_MS = 60 * 60 * 1000;

interface FolderRun {
  root: string;
  snapshot?: HistorySnapshot;
  /** A backlog file changed on disk since the snapshot: the working-tree part is stale. */
  stale: boolean;
  timer?: ReturnType<typeof setTimeout>;
  running?: { abort: AbortController; done: Promise<void> };
  watcher?: vscode.Disposable;
}

export interface HistoryServiceOptions {
  log?: vscode.LogOutputChannel;
  settings?: (folder: vscode.WorkspaceFolder) => MetricsSettings;
}

export class HistoryService implements HistoryReader, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<HistorySnapshot>();
  readonly onDidChange = this.changed.event;
  private readonly runs = new Map<string, FolderRun>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The window's history engine: what it analysed stays in memory for the next run (and for the git service's reserved ids). */
  readonly engine = new HistoryEngine();
  private disposed = false;

  constructor(private readonly store: BacklogStore, private readonly opts: HistoryServiceOptions = {}) {
    this.subscriptions.push(
      this.changed,
      store.onDidChange((fb) => this.onModel(fb)),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        const at = backlogDocument(store, doc.uri);
        if (at) this.schedule(at.fb.root, true, WORKTREE_DELAY_MS);
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        for (const fb of store.folders()) this.onModel(fb);
      }),
      vscode.window.onDidChangeWindowState((s) => {
        if (s.focused) for (const run of this.runs.values()) void this.checkHead(run);
      }),
    );
    for (const fb of store.folders()) this.onModel(fb);
  }

  get enabled(): boolean {
    return vscode.workspace.isTrusted && !this.disposed;
  }

  snapshot(root: string): HistorySnapshot | undefined {
    return this.runs.get(root)?.snapshot;
  }

  timeline(root: string, id: string): ItemTimeline | undefined {
    return this.snapshot(root)?.items.get(id);
  }

  sprint(root: string, id: string): SprintFigures | undefined {
    return this.snapshot(root)?.sprints.get(id);
  }

  /** Recomputes now (or joins the run in flight) and resolves when the folder's figures are current. */
  async refresh(root?: string): Promise<void> {
    const roots = root ? [root] : this.store.folders().map((f) => f.root);
    await Promise.all(roots.map(async (r) => {
      const run = this.runOf(r);
      if (!run) return;
      if (run.timer) clearTimeout(run.timer);
      run.timer = undefined;
      await this.start(run);
    }));
  }

  /**
   * The settings changed (health thresholds, windows): recompute each folder's figures from
   * the snapshot's model and history, without reading git again. A run in flight read the
   * old settings: recompute once it is done.
   */
  settingsChanged(): void {
    for (const run of this.runs.values()) {
      if (run.running) void run.running.done.then(() => this.recompute(run));
      else this.recompute(run);
    }
  }

  private recompute(run: FolderRun): void {
    const fb = this.store.folders().find((f) => f.root === run.root);
    if (!run.snapshot || !fb || this.disposed) return;
    const next = recomputeSnapshot(run.snapshot, this.opts.settings?.(fb.folder));
    if (!next) return;
    run.snapshot = next;
    this.changed.fire(next);
  }

  /** Resolves once no run is scheduled or in flight (for tests and the views' first paint). */
  async idle(): Promise<void> {
    for (;;) {
      const busy = [...this.runs.values()].filter((r) => r.timer || r.running);
      if (busy.length === 0) return;
      await Promise.all(busy.map((r) => r.running?.done ?? new Promise((resolve) => setTimeout(resolve, 50))));
    }
  }

  private runOf(root: string): FolderRun | undefined {
    if (!this.enabled) return undefined;
    let run = this.runs.get(root);
    if (!run) {
      run = { root, stale: true };
      this.runs.set(root, run);
      void this.watchHead(run);
    }
    return run;
  }

  private onModel(fb: FolderBacklog): void {
    const run = this.runOf(fb.root);
    if (!run) return;
    if (!run.snapshot && !run.running) {
      this.schedule(fb.root, false, 0);
      return;
    }
    // Typing in an open buffer changes the model on every keystroke; history only
    // changes when text reaches the disk (save, checkout, another program).
    const dirty = vscode.workspace.textDocuments.some((d) => d.isDirty && backlogDocument(this.store, d.uri)?.fb.root === fb.root);
    if (!dirty) this.schedule(fb.root, true, WORKTREE_DELAY_MS);
    else if (run.timer) this.schedule(fb.root, false, WORKTREE_DELAY_MS);
  }

  private schedule(root: string, stale: boolean, delay = RERUN_DELAY_MS): void {
    const run = this.runOf(root);
    if (!run) return;
    run.stale ||= stale;
    if (run.timer) clearTimeout(run.timer);
    run.timer = setTimeout(() => {
      run.timer = undefined;
      void this.start(run);
    }, delay);
  }

  private async checkHead(run: FolderRun): Promise<void> {
    if (!this.enabled) return;
    const head = await headCommit(run.root);
    const old = run.snapshot && Date.now() - run.snapshot.asOf > STALE_AFTER_MS;
    if (head !== run.snapshot?.head || old) this.schedule(run.root, false, 200);
  }

  /** Watches HEAD and branch refs: a commit, checkout, pull or rebase moves them. */
  private async watchHead(run: FolderRun): Promise<void> {
    const dir = await gitDir(run.root);
    if (!dir || this.disposed || this.runs.get(run.root) !== run) return;
    const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), '{HEAD,packed-refs,refs/heads/**}'));
    const poke = (): void => void this.checkHead(run);
    w.onDidChange(poke);
    w.onDidCreate(poke);
    w.onDidDelete(poke);
    run.watcher = w;
  }

  private start(run: FolderRun): Promise<void> {
    run.running?.abort.abort();
    const fb = this.store.folders().find((f) => f.root === run.root);
    if (!fb || !this.enabled) return Promise.resolve();
    const abort = new AbortController();
    const done = this.compute(run, fb, abort).finally(() => {
      if (run.running?.abort === abort) run.running = undefined;
    });
    run.running = { abort, done };
    return done;
  }

  private async compute(run: FolderRun, fb: FolderBacklog, abort: AbortController): Promise<void> {
    const head = await headCommit(run.root);
    // Cached by HEAD: nothing committed and nothing written since, nothing to do.
    if (run.snapshot && !run.stale && head === run.snapshot.head && Date.now() - run.snapshot.asOf < STALE_AFTER_MS) return;
    const started = Date.now();
    try {
      const snapshot = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Sprintlog: reading history', cancellable: true },
        (progress, token) => {
          token.onCancellationRequested(() => abort.abort());
          let last = 0;
          return computeSnapshot(this.engine, run.root, fb.workspace, {
            signal: abort.signal,
            settings: this.opts.settings?.(fb.folder),
            onProgress: (n, total) => {
              const pct = total > 0 ? Math.floor((n / total) * 100) : 0;
              if (pct > last) progress.report({ message: `${n}/${total} commits`, increment: pct - last });
              last = pct;
            },
          });
        },
      );
      if (abort.signal.aborted || this.disposed) return;
      run.snapshot = snapshot;
      run.stale = false;
      this.opts.log?.info(`Sprintlog: history of ${fb.folder.name}: ${snapshot.history}, ${snapshot.items.size} items in ${Date.now() - started} ms (${snapshot.head?.slice(0, 8) ?? 'no commit'})`);
      for (const w of snapshot.warnings) this.opts.log?.warn(`Sprintlog: ${w}`);
      this.changed.fire(snapshot);
    } catch (e) {
      if (abort.signal.aborted) return;
      this.opts.log?.error(`Sprintlog: reading the history of ${fb.folder.name} failed`, e);
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const run of this.runs.values()) {
      if (run.timer) clearTimeout(run.timer);
      run.running?.abort.abort();
      run.watcher?.dispose();
    }
    this.runs.clear();
    for (const d of this.subscriptions) d.dispose();
  }
}
