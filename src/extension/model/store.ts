// The backlog store's lifecycle: one FolderBacklog per workspace folder that has a
// backlog file, kept current as folders, settings, editor buffers and disk files
// change. Unsaved editor buffers win over disk, so views reflect unsaved typing and
// edits are planned against exactly the text they will be applied to. Reloads are
// debounced and async, so activation never parses. The jobs around it have their
// own files: which files are backlog files (files.ts on core's rule), reading them
// (sources.ts), noticing disk changes (changes.ts).
import * as vscode from 'vscode';
import type { Item, Problem, Workspace } from '../../core/model';
import { buildWorkspace } from '../../core/parse/workspace';
import { validateWorkspace } from '../../core/validate';
import { DiskChanges } from './changes';
import { folderPaths, roleOfUri, samePaths, type FolderPaths } from './files';
import { itemsById } from '../../core/lookup';
import { readSources, withBuffers, type Sources } from './sources';
import type { BacklogStore, FolderBacklog } from './types';

/**
 * Keystrokes come in bursts: parse once the burst pauses. 250 ms, not less: people type 5–8
 * characters a second, so a shorter pause re-parses mid-word (16 models in a 54-character burst
 * at 150 ms on a loaded machine); the diagnostic still follows the last key well within 0.5 s.
 */
const DEBOUNCE_MS = 250;

interface FolderState {
  key: string;
  folder: vscode.WorkspaceFolder;
  paths: FolderPaths;
  current?: FolderBacklog;
  /** The texts `current` was built from (the typing path re-reads only the buffers that changed). */
  sources?: Sources;
  timer?: ReturnType<typeof setTimeout>;
  /** Folder-relative paths of dirty buffers changed since the last load; undefined = read everything. */
  typed?: Map<string, vscode.TextDocument>;
  /** A buffer's text changed since the last load (the debounced load then follows typing). */
  keys?: boolean;
  /** Id of the latest load started; an older load that finishes late is dropped. */
  seq: number;
  /** The load in flight, if any. */
  pending?: Promise<FolderBacklog | undefined>;
  /** Messages of the unreadable files last logged, so each is logged once. */
  logged?: string;
}

export class Store implements BacklogStore {
  private readonly changed = new vscode.EventEmitter<FolderBacklog>();
  readonly onDidChange = this.changed.event;
  private readonly foldersChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeFolders = this.foldersChanged.event;
  private readonly states = new Map<string, FolderState>();
  private readonly disk: DiskChanges;
  private readonly subscriptions: vscode.Disposable[] = [];
  private counter = 0;
  private initial: Promise<void> | undefined;

  constructor(private readonly log?: vscode.LogOutputChannel) {
    this.disk = new DiskChanges((key) => {
      const s = this.states.get(key);
      if (s) this.schedule(s, undefined);
    }, log);
    this.subscriptions.push(
      this.disk,
      this.changed,
      this.foldersChanged,
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.sync(false)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('sprintlog.backlogFile') || e.affectsConfiguration('sprintlog.sprintsFile')) void this.sync(true);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.onDocument(e.document, true);
      }),
      // A closed buffer that was dirty leaves the disk text as the truth again.
      vscode.workspace.onDidCloseTextDocument((d) => this.onDocument(d, false)),
    );
  }

  /** Starts the first load in the background; `ready()` resolves when it is done. */
  start(): void {
    this.initial ??= this.sync(false);
  }

  ready(): Promise<void> {
    this.start();
    return this.initial ?? Promise.resolve();
  }

  folders(): readonly FolderBacklog[] {
    const out: FolderBacklog[] = [];
    for (const f of vscode.workspace.workspaceFolders ?? []) {
      const cur = this.states.get(f.uri.toString())?.current;
      if (cur) out.push(cur);
    }
    return out;
  }

  forUri(uri: vscode.Uri): FolderBacklog | undefined {
    const f = vscode.workspace.getWorkspaceFolder(uri);
    return f ? this.get(f) : undefined;
  }

  findItem(id: string, folder?: FolderBacklog): { folder: FolderBacklog; item: Item } | undefined {
    for (const fb of folder ? [folder] : this.folders()) {
      const item = itemsById(fb.workspace).get(id);
      if (item) return { folder: fb, item };
    }
    return undefined;
  }

  get(folder: vscode.WorkspaceFolder): FolderBacklog | undefined {
    return this.states.get(folder.uri.toString())?.current;
  }

  async reload(): Promise<void> {
    await this.ready();
    await Promise.all([...this.states.values()].map((s) => this.load(s, true)));
  }

  async reloadFolder(folder: vscode.WorkspaceFolder, edited?: ReadonlyMap<string, vscode.TextDocument>): Promise<FolderBacklog | undefined> {
    const s = this.states.get(folder.uri.toString());
    if (!s) return undefined;
    if (edited && s.sources) {
      // A full read in flight may bring other files' new texts: it finishes first. A full read
      // only scheduled (a disk change) waits for the command's own full reload after its save.
      while (s.pending) await s.pending.catch(() => undefined);
      if (s.sources) s.typed = new Map([...(s.typed ?? []), ...edited]);
    }
    return this.load(s, false, edited ? 'edit' : 'asked');
  }

  dispose(): void {
    for (const s of this.states.values()) this.dropState(s);
    this.states.clear();
    for (const d of this.subscriptions) d.dispose();
  }

  /** Follows the workspace folders and their path settings; never rejects (a failure is logged). */
  private async sync(pathsChanged: boolean): Promise<void> {
    try {
      await this.syncFolders(pathsChanged);
    } catch (e) {
      this.log?.error('Sprintlog: reading the workspace folders failed', e);
    }
  }

  private async syncFolders(pathsChanged: boolean): Promise<void> {
    const wanted = new Map((vscode.workspace.workspaceFolders ?? []).map((f) => [f.uri.toString(), f]));
    let lost = false;
    for (const [key, s] of this.states) {
      if (!wanted.has(key) || (pathsChanged && !samePaths(folderPaths(s.folder), s.paths))) {
        lost ||= s.current !== undefined;
        this.dropState(s);
        this.states.delete(key);
      }
    }
    if (lost) this.foldersChanged.fire();
    const loads: Promise<unknown>[] = [];
    for (const [key, folder] of wanted) {
      if (this.states.has(key)) continue;
      const s: FolderState = { key, folder, paths: folderPaths(folder), seq: 0 };
      this.states.set(key, s);
      this.disk.watch(key, folder, s.paths);
      loads.push(this.load(s, false));
    }
    await Promise.all(loads);
  }

  private dropState(s: FolderState): void {
    if (s.timer) clearTimeout(s.timer);
    s.seq++;
    // A load in flight sees the new seq and returns s.pending: that must not be itself (a promise
    // resolved with itself rejects, and the first load's rejection would stay in ready()).
    s.pending = undefined;
    this.disk.unwatch(s.key);
  }

  private onDocument(doc: vscode.TextDocument, typed: boolean): void {
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    const s = folder && this.states.get(folder.uri.toString());
    const at = s && roleOfUri(s.folder, s.paths, doc.uri);
    if (!s || !at) return;
    // Typing in a dirty buffer of a file the model already holds: only that text changed.
    const known = s.sources && [...s.sources.backlogs, ...(s.sources.sprints ? [s.sources.sprints] : [])].some((f) => f.file === at.rel && !f.problem);
    this.schedule(s, typed && doc.isDirty && known ? [at.rel, doc] : undefined, typed);
  }

  /** Reload after a pause; `typed` = one buffer's text changed, else everything is re-read. */
  private schedule(s: FolderState, typed: [string, vscode.TextDocument] | undefined, keys = false): void {
    if (s.timer) clearTimeout(s.timer);
    if (typed && (s.typed || !s.timer)) (s.typed ??= new Map()).set(typed[0], typed[1]);
    else s.typed = undefined;
    s.keys ||= keys;
    s.timer = setTimeout(() => {
      s.timer = undefined;
      this.load(s, false, 'paused').catch((e) => this.log?.error('Sprintlog: reload failed', e));
    }, DEBOUNCE_MS);
  }

  /**
   * Reads and parses a folder; fires onDidChange unless nothing changed (and not forced).
   * `why`: asked for (a command, a refresh), asked for by a command that just edited buffers,
   * or the debounced load after buffer or disk changes.
   */
  private async load(s: FolderState, force: boolean, why: 'asked' | 'edit' | 'paused' = 'asked'): Promise<FolderBacklog | undefined> {
    if (s.timer) {
      clearTimeout(s.timer);
      s.timer = undefined;
    }
    const afterKeys = why === 'paused' && s.keys === true;
    s.keys = undefined;
    // A full read in flight may be about to replace the other files' texts: then read everything again.
    const typed = !force && s.sources && !s.pending ? s.typed : undefined;
    s.typed = undefined;
    const seq = ++s.seq;
    const run = (async () => {
      let sources: Sources;
      if (typed) {
        sources = withBuffers(s.sources!, new Map([...typed].map(([rel, doc]) => [rel, doc.getText()])));
      } else {
        const read = await this.disk.beforeRead(s.key);
        sources = await readSources(s.folder, s.paths);
        if (seq === s.seq) read(sources.backlogs.some((b) => b.file === s.paths.backlogPath));
      }
      if (seq !== s.seq) return s.pending ? s.pending : s.current; // a newer load owns the result
      const built = this.build(s, sources, force);
      if (!('workspace' in built)) return built.result;
      // Parsing and validating 5,000 items are two blocks of the extension host's loop, not one;
      // but a command's edit is drawn first (what waits meanwhile is mostly its own save's work).
      if (why !== 'edit') {
        await new Promise((resolve) => setImmediate(resolve));
        if (seq !== s.seq) return s.pending ? s.pending : s.current;
      }
      return this.publish(s, sources, built.workspace, built.started, afterKeys);
    })();
    s.pending = run;
    try {
      return await run;
    } finally {
      if (s.pending === run) s.pending = undefined;
    }
  }

  /** The new model of the folder, or the result when there is none to validate (no backlog, nothing changed). */
  private build(s: FolderState, sources: Sources, force: boolean): { result: FolderBacklog | undefined } | { workspace: Workspace; started: number } {
    const hadBacklog = s.current !== undefined;
    this.logUnreadable(s, sources);
    // A main file that exists but cannot be read is still this folder's backlog: its error row says why.
    if (!sources.backlogs.some((b) => b.file === s.paths.backlogPath)) {
      s.current = undefined;
      s.sources = undefined;
      if (hadBacklog) this.foldersChanged.fire();
      return { result: undefined };
    }
    if (!force && s.current && s.sources && sameTexts(s.sources, sources)) return { result: s.current };
    const started = Date.now();
    // The previous model is reused where the texts are unchanged or partly changed (one keystroke re-parses one item).
    return { workspace: buildWorkspace(s.folder.uri.fsPath, sources.backlogs, sources.sprints, s.paths, s.current?.workspace), started };
  }

  private publish(s: FolderState, sources: Sources, ws: Workspace, started: number, typed: boolean): FolderBacklog {
    const hadBacklog = s.current !== undefined;
    const fb: FolderBacklog = { folder: s.folder, root: s.folder.uri.fsPath, workspace: ws, problems: validate(ws, this.log), version: ++this.counter, ...(typed ? { typed } : {}) };
    s.current = fb;
    s.sources = sources;
    this.log?.debug(`Sprintlog: loaded ${s.folder.name}: ${ws.items.length} items in ${Date.now() - started} ms (v${fb.version})`);
    if (!hadBacklog) this.foldersChanged.fire();
    this.changed.fire(fb);
    return fb;
  }

  private logUnreadable(s: FolderState, sources: Sources): void {
    const problems = [...sources.backlogs, ...(sources.sprints ? [sources.sprints] : [])].flatMap((f) => (f.problem ? [f.problem.message] : []));
    const text = problems.join('\n');
    if (text && text !== s.logged) this.log?.error(`Sprintlog: ${text}`);
    s.logged = text;
  }
}

/** validateWorkspace's list (parse problems included, sorted), or the parse problems when the validator failed. */
function validate(ws: Workspace, log?: vscode.LogOutputChannel): Problem[] {
  try {
    return validateWorkspace(ws);
  } catch (e) {
    // A validator bug must not hide the backlog: show what parsed.
    log?.error('Sprintlog: validation failed', e);
    return [...ws.parseProblems];
  }
}

function sameTexts(a: Sources, b: Sources): boolean {
  const key = (f: { file: string; text: string; problem?: Problem } | undefined): string => (f ? `${f.file}\0${f.problem?.message ?? ''}\0${f.text}` : '');
  return a.backlogs.length === b.backlogs.length && a.backlogs.every((f, i) => key(f) === key(b.backlogs[i])) && key(a.sprints) === key(b.sprints);
}
