// The backlog store: one FolderBacklog per workspace folder that has a backlog
// file. Unsaved editor buffers win over disk, so views reflect unsaved typing and
// edits are planned against exactly the text they will be applied to.
// Reloads are debounced and async, so activation never parses.
import * as vscode from 'vscode';
import type { Item, Problem, Workspace } from '../../core/model';
import { archiveDir, buildWorkspace, type SourceFile } from '../../core/parse/workspace';
import { validateWorkspace } from '../../core/validate';
import { readSettings } from './config';
import type { BacklogStore, FolderBacklog } from './types';

const DEBOUNCE_MS = 150;
/**
 * File watchers miss events (a watcher process restarting, network drives, a
 * folder created after the watch began), so the store also compares the
 * files' sizes and times every few seconds: a few stat calls, no reading.
 */
const POLL_MS = 2000;

interface Paths {
  backlogPath: string;
  sprintsPath: string;
}

interface FolderState {
  folder: vscode.WorkspaceFolder;
  paths: Paths;
  current?: FolderBacklog;
  watcher: vscode.FileSystemWatcher;
  timer?: ReturnType<typeof setTimeout>;
  /** Id of the latest load started; an older load that finishes late is dropped. */
  seq: number;
  /** The load in flight, if any. */
  pending?: Promise<FolderBacklog | undefined>;
  /** Sizes and modification times of the backlog files when last read or polled. */
  diskSignature?: string;
}

const itemIndex = new WeakMap<Workspace, Map<string, Item>>();

/** id → item of a workspace (first occurrence wins on duplicates), built once per model. */
export function itemsById(ws: Workspace): Map<string, Item> {
  let m = itemIndex.get(ws);
  if (!m) {
    m = new Map();
    for (const i of ws.items) if (i.id && !m.has(i.id)) m.set(i.id, i);
    itemIndex.set(ws, m);
  }
  return m;
}

/** Files of a folder's backlog, repo-relative: main, sprints, archive folder. */
export function backlogFilesOf(ws: Pick<Workspace, 'backlogPath' | 'sprintsPath' | 'backlogs'>): string[] {
  const files = new Set<string>([ws.backlogPath, ws.sprintsPath]);
  for (const b of ws.backlogs) files.add(b.file);
  return [...files];
}

export class Store implements BacklogStore {
  private readonly changed = new vscode.EventEmitter<FolderBacklog>();
  readonly onDidChange = this.changed.event;
  private readonly foldersChanged = new vscode.EventEmitter<void>();
  /** Fires when a folder gains or loses its backlog (views rebuild their top level). */
  readonly onDidChangeFolders = this.foldersChanged.event;
  private readonly states = new Map<string, FolderState>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private counter = 0;
  private initial: Promise<void> | undefined;
  private polling = false;

  constructor(private readonly log?: vscode.LogOutputChannel) {
    const poll = setInterval(() => void this.pollDisk(), POLL_MS);
    this.subscriptions.push(
      { dispose: () => clearInterval(poll) },
      this.changed,
      this.foldersChanged,
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.syncFolders(false)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('sprintlog.backlogFile') || e.affectsConfiguration('sprintlog.sprintsFile')) this.syncFolders(true);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.onDocument(e.document.uri);
      }),
      // A closed buffer that was dirty leaves the disk text as the truth again.
      vscode.workspace.onDidCloseTextDocument((d) => this.onDocument(d.uri)),
    );
  }

  /** Starts the first load in the background; `ready()` resolves when it is done. */
  start(): void {
    this.initial ??= this.syncFolders(false);
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
    return f ? this.states.get(f.uri.toString())?.current : undefined;
  }

  /** The folder whose backlog files include `uri` (main, archive or sprints file). */
  ownerOfFile(uri: vscode.Uri): FolderBacklog | undefined {
    const fb = this.forUri(uri);
    if (!fb) return undefined;
    const rel = relPath(fb.folder, uri);
    return rel !== undefined && isBacklogFile(rel, fb.workspace) ? fb : undefined;
  }

  findItem(id: string, folder?: FolderBacklog): { folder: FolderBacklog; item: Item } | undefined {
    for (const fb of folder ? [folder] : this.folders()) {
      const item = itemsById(fb.workspace).get(id);
      if (item) return { folder: fb, item };
    }
    return undefined;
  }

  /** The latest state of a folder by its folder URI (after `reloadFolder` it is the fresh one). */
  get(folder: vscode.WorkspaceFolder): FolderBacklog | undefined {
    return this.states.get(folder.uri.toString())?.current;
  }

  async reload(): Promise<void> {
    await this.ready();
    await Promise.all([...this.states.values()].map((s) => this.load(s, true)));
  }

  /** Re-reads one folder now (buffers first) and returns its new state. */
  async reloadFolder(folder: vscode.WorkspaceFolder): Promise<FolderBacklog | undefined> {
    const s = this.states.get(folder.uri.toString());
    return s ? this.load(s, false) : undefined;
  }

  dispose(): void {
    for (const s of this.states.values()) this.dropState(s);
    this.states.clear();
    for (const d of this.subscriptions) d.dispose();
  }

  private async syncFolders(pathsChanged: boolean): Promise<void> {
    const wanted = new Map((vscode.workspace.workspaceFolders ?? []).map((f) => [f.uri.toString(), f]));
    let lost = false;
    for (const [key, s] of this.states) {
      const settings = readSettings(s.folder);
      const moved = pathsChanged && (settings.backlogFile !== s.paths.backlogPath || settings.sprintsFile !== s.paths.sprintsPath);
      if (!wanted.has(key) || moved) {
        lost ||= s.current !== undefined;
        this.dropState(s);
        this.states.delete(key);
      }
    }
    if (lost) this.foldersChanged.fire();
    const loads: Promise<unknown>[] = [];
    for (const [key, folder] of wanted) {
      if (this.states.has(key)) continue;
      const settings = readSettings(folder);
      const paths = { backlogPath: settings.backlogFile, sprintsPath: settings.sprintsFile };
      const s: FolderState = { folder, paths, seq: 0, watcher: this.watch(folder, paths) };
      this.states.set(key, s);
      loads.push(this.load(s, false));
    }
    await Promise.all(loads);
  }

  private watch(folder: vscode.WorkspaceFolder, paths: Paths): vscode.FileSystemWatcher {
    const archive = archiveDir(paths.backlogPath);
    const glob = `{${paths.backlogPath},${paths.sprintsPath},${archive}/*.yaml,${archive}/*.yml}`;
    const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, glob));
    const key = folder.uri.toString();
    const poke = (): void => {
      const s = this.states.get(key);
      if (s) this.schedule(s);
    };
    w.onDidChange(poke);
    w.onDidCreate(poke);
    w.onDidDelete(poke);
    return w;
  }

  /** Schedules a reload of every folder whose files changed on disk since the last poll. */
  private async pollDisk(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      for (const s of this.states.values()) {
        const signature = await diskSignature(s.folder, s.paths);
        if (signature !== s.diskSignature) this.schedule(s);
        s.diskSignature = signature;
      }
    } finally {
      this.polling = false;
    }
  }

  private dropState(s: FolderState): void {
    if (s.timer) clearTimeout(s.timer);
    s.seq++;
    // A load in flight sees the new seq and returns s.pending: that must not be itself (a promise
    // resolved with itself rejects, and the first load's rejection would stay in ready()).
    s.pending = undefined;
    s.watcher.dispose();
  }

  private onDocument(uri: vscode.Uri): void {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const s = folder && this.states.get(folder.uri.toString());
    if (!s) return;
    const rel = relPath(s.folder, uri);
    if (rel !== undefined && isBacklogFile(rel, s.paths)) this.schedule(s);
  }

  private schedule(s: FolderState): void {
    if (s.timer) clearTimeout(s.timer);
    s.timer = setTimeout(() => {
      s.timer = undefined;
      this.load(s, false).catch((e) => this.log?.error('Sprintlog: reload failed', e));
    }, DEBOUNCE_MS);
  }

  /** Reads and parses a folder; fires onDidChange unless nothing changed (and not forced). */
  private async load(s: FolderState, force: boolean): Promise<FolderBacklog | undefined> {
    if (s.timer) {
      clearTimeout(s.timer);
      s.timer = undefined;
    }
    const seq = ++s.seq;
    const run = (async () => {
      // Taken before reading, so a change made while reading still differs at the next poll.
      const signature = await diskSignature(s.folder, s.paths);
      const sources = await readSources(s.folder, s.paths);
      if (seq === s.seq) s.diskSignature = signature;
      if (seq !== s.seq) return s.pending ? s.pending : s.current; // a newer load owns the result
      const hadBacklog = s.current !== undefined;
      if (!sources.backlogs.some((b) => b.file === s.paths.backlogPath)) {
        s.current = undefined;
        if (hadBacklog) this.foldersChanged.fire();
        return undefined;
      }
      if (!force && s.current && sameTexts(s.current.workspace, sources)) return s.current;
      const started = Date.now();
      const ws = buildWorkspace(s.folder.uri.fsPath, sources.backlogs, sources.sprints, s.paths);
      const problems = [...ws.parseProblems, ...validate(ws, this.log)];
      const fb: FolderBacklog = { folder: s.folder, root: s.folder.uri.fsPath, workspace: ws, problems, version: ++this.counter };
      s.current = fb;
      this.log?.debug(`Sprintlog: loaded ${s.folder.name}: ${ws.items.length} items in ${Date.now() - started} ms (v${fb.version})`);
      if (!hadBacklog) this.foldersChanged.fire();
      this.changed.fire(fb);
      return fb;
    })();
    s.pending = run;
    try {
      return await run;
    } finally {
      if (s.pending === run) s.pending = undefined;
    }
  }
}

function validate(ws: Workspace, log?: vscode.LogOutputChannel): Problem[] {
  try {
    return validateWorkspace(ws).filter((p) => !ws.parseProblems.includes(p));
  } catch (e) {
    // A validator bug must not hide the backlog: show what parsed.
    log?.error('Sprintlog: validation failed', e);
    return [];
  }
}

function sameTexts(ws: Workspace, sources: { backlogs: SourceFile[]; sprints?: SourceFile }): boolean {
  if (ws.parseProblems.length > 0) return false; // a file that failed to parse is absent from the model: compare cannot tell
  if (ws.backlogs.length !== sources.backlogs.length) return false;
  const texts = new Map(ws.backlogs.map((b) => [b.file, b.text]));
  for (const b of sources.backlogs) if (texts.get(b.file) !== b.text) return false;
  return ws.sprintLog?.text === sources.sprints?.text;
}

export function relPath(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string | undefined {
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : folder.uri.path + '/';
  if (uri.scheme !== folder.uri.scheme || uri.authority !== folder.uri.authority || !uri.path.startsWith(base)) return undefined;
  return uri.path.slice(base.length);
}

function isBacklogFile(rel: string, paths: Paths): boolean {
  if (rel === paths.backlogPath || rel === paths.sprintsPath) return true;
  const dir = archiveDir(paths.backlogPath) + '/';
  return rel.startsWith(dir) && !rel.slice(dir.length).includes('/') && /\.ya?ml$/.test(rel);
}

const decoder = new TextDecoder('utf-8');

/**
 * Whether a clean document shows `disk`. VS Code opens a file with mixed line endings
 * with one ending throughout, so its buffer can differ from the disk there and only there.
 */
export function showsDiskText(doc: vscode.TextDocument, disk: string): boolean {
  const text = doc.getText();
  if (text === disk) return true;
  return text === disk.replace(/\r\n|\r|\n/g, doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
}

/**
 * Unsaved buffer text if the file has one, else the disk text (as a clean open document
 * shows it, when that differs only in line endings); undefined when it does not exist.
 */
async function readText(uri: vscode.Uri, open: Map<string, vscode.TextDocument>): Promise<string | undefined> {
  const doc = open.get(uri.toString());
  if (doc?.isDirty) return doc.getText();
  let disk: string;
  try {
    // TextDecoder drops a UTF-8 BOM, as VS Code's documents do, so offsets match the buffer's.
    disk = decoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
  // Offsets must be the editor's: edits are applied to the document, diagnostics shown on it.
  return doc && !doc.isClosed && disk !== doc.getText() && showsDiskText(doc, disk) ? doc.getText() : disk;
}

async function diskSignature(folder: vscode.WorkspaceFolder, paths: Paths): Promise<string> {
  const at = (rel: string): vscode.Uri => vscode.Uri.joinPath(folder.uri, rel);
  const names = [paths.backlogPath, paths.sprintsPath];
  const dir = archiveDir(paths.backlogPath);
  try {
    for (const [name] of await vscode.workspace.fs.readDirectory(at(dir))) if (/\.ya?ml$/.test(name)) names.push(`${dir}/${name}`);
  } catch {
    // no archive folder
  }
  const parts = await Promise.all(names.map(async (rel) => {
    try {
      const st = await vscode.workspace.fs.stat(at(rel));
      return `${rel}:${st.size}:${st.mtime}`;
    } catch {
      return `${rel}:-`;
    }
  }));
  return parts.join('|');
}

async function readSources(folder: vscode.WorkspaceFolder, paths: Paths): Promise<{ backlogs: SourceFile[]; sprints?: SourceFile }> {
  // Only dirty buffers differ from the disk on purpose; a clean buffer can lag behind a change made
  // on disk (checkout, another program), and then the disk is the truth.
  const open = new Map<string, vscode.TextDocument>();
  for (const d of vscode.workspace.textDocuments) if (!d.isClosed) open.set(d.uri.toString(), d);
  const at = (rel: string): vscode.Uri => vscode.Uri.joinPath(folder.uri, rel);
  const names = new Set<string>([paths.backlogPath]);
  const dir = archiveDir(paths.backlogPath);
  try {
    for (const [name, type] of await vscode.workspace.fs.readDirectory(at(dir))) {
      if (type === vscode.FileType.File && /\.ya?ml$/.test(name)) names.add(`${dir}/${name}`);
    }
  } catch {
    // no archive folder
  }
  const list = [...names].sort();
  const [texts, sprintsText] = await Promise.all([Promise.all(list.map((f) => readText(at(f), open))), readText(at(paths.sprintsPath), open)]);
  const backlogs: SourceFile[] = [];
  list.forEach((file, i) => {
    const text = texts[i];
    if (text !== undefined) backlogs.push({ file, text });
  });
  return { backlogs, sprints: sprintsText === undefined ? undefined : { file: paths.sprintsPath, text: sprintsText } };
}
