// The metrics document of a repository, shared by `sprintlog metrics`, `sprintlog
// report` and the dashboard panel (one owner): the history of a ref up to an as-of
// instant, the files as they were then, computeMetrics, an optional --sprint filter.
// --as-of makes every "now" that instant: later commits are ignored, and when it is
// before the ref's last commit the sprint log (and states, epics) are read from the last
// commit at or before it; the items are those of the history at that instant (spec §6).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitArgumentError, gitNameArg } from './git-args';
import { runGit } from './git-run';
import { HistoryEngine, type History } from './history';
import { computeMetrics, type MetricsReport, type MetricsSettings } from './metrics';
import type { Workspace } from './model';
import { printable } from './printable';
import { chunkStoreFile, loadChunkStore, saveChunkStore } from './parse/chunk-store';
import { DEFAULT_BACKLOG_PATH } from './parse/backlog-files';
import { buildWorkspace, readSourceFiles, type SourceFile } from './parse/workspace';
import { endOfDay, isDay, isValidTimeZone, parseDay, parseInstant } from './time';

/** The caller's mistake (a bad ref, day or sprint id): the CLI prints it as a usage error, the panel shows it. */
export class MetricsRequestError extends Error {}

/** The history of `ref`; an unknown ref is the user's mistake, said as such. */
async function historyOf(engine: HistoryEngine, root: string, ref: string, asOf: number, includeWorkingTree: boolean, run: RunOptions): Promise<History> {
  try {
    return (await engine.read(root, { ref, asOf, includeWorkingTree, backlogPath: DEFAULT_BACKLOG_PATH, signal: run.signal, onProgress: run.onProgress })).history;
  } catch (e) {
    if (ref === 'HEAD') throw e;
    throw new Error(`cannot read ref '${ref}': ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** A day (the end of it in `tz`) or an ISO instant; undefined when `text` is neither. */
export function asOfInstant(text: string, tz: string): number | undefined {
  const t = parseInstant(text);
  if (t !== undefined) return t;
  return isDay(text) ? endOfDay(text, tz) : undefined;
}

function parseAsOf(text: string, tz: string): number {
  const t = asOfInstant(text, tz);
  if (t !== undefined) return t;
  throw new MetricsRequestError(`--as-of '${printable(text)}' is neither a day (2026-11-20) nor an ISO 8601 date-time with offset (2026-11-20T18:00:00+01:00).`);
}

/** Author time (ms) of the commit `ref` names (checked first: never read by git as an option). */
export async function refTime(root: string, ref: string): Promise<{ ok: true; time: number } | { ok: false; message: string }> {
  const name = gitRef(ref, 'ref');
  try {
    const r = await runGit(root, ['log', '-1', '--format=%at', '--end-of-options', name, '--'], { maxBuffer: 1 << 20 });
    if (r.code === 0) return { ok: true, time: Number(r.stdout.trim()) * 1000 };
    return { ok: false, message: (r.stderr || `git log exited with code ${r.code}`).trim().split('\n')[0] };
  } catch (e) {
    return { ok: false, message: (e instanceof Error ? e.message : String(e)).trim().split('\n')[0] };
  }
}

/** The last analysed commit (one touching a backlog file) at or before `asOf` (author time), topologically latest. */
function lastCommitAtOrBefore(history: History, asOf: number): string | undefined {
  let best: { hash: string; order: number } | undefined;
  for (const c of history.commits) if (c.authorTime <= asOf && (!best || c.order > best.order)) best = c;
  return best?.hash;
}

/**
 * The commit whose files stand for the files at `asOf`: the topologically latest
 * commit of `ref` authored at or before it that descends from `base` (the last
 * backlog commit then; every commit when there is none). Commits that touch only
 * the sprint log count: its state at as-of is theirs, not the last backlog commit's.
 */
async function filesCommitAt(root: string, ref: string, asOf: number, base: string | undefined): Promise<string | undefined> {
  const range = base === undefined ? ['--end-of-options', ref] : ['--ancestry-path', '--end-of-options', `${base}..${ref}`];
  const r = await runGit(root, ['log', '--topo-order', '--format=%H %at', ...range, '--'], { maxBuffer: 256 * 1024 * 1024 }).catch(() => undefined);
  if (r?.code !== 0) return base;
  for (const line of r.stdout.split('\n')) {
    const [hash, at] = line.split(' ');
    if (hash && Number(at) * 1000 <= asOf) return hash;
  }
  return base;
}

/** A ref from the user, refused before any git runs when git would read it as an option (`--ref=--output=FILE`). */
function gitRef(ref: string, what: string): string {
  try {
    return gitNameArg(ref, what);
  } catch (e) {
    if (e instanceof GitArgumentError) throw new MetricsRequestError(e.message);
    throw e;
  }
}

/** A bare repository (no working tree): `root` is the git directory itself. Its HEAD is what is analysed. */
function isBare(root: string): boolean {
  return !fs.existsSync(path.join(root, '.git')) && fs.existsSync(path.join(root, 'HEAD')) && fs.existsSync(path.join(root, 'objects')) && fs.existsSync(path.join(root, 'refs'));
}

const zoneOf = (ws: Workspace): string => {
  const zone = ws.sprintLog?.timezone ?? 'UTC';
  return isValidTimeZone(zone) ? zone : 'UTC';
};

type Files = { backlogs: SourceFile[]; sprints?: SourceFile };

interface Analysis {
  history: History;
  files: Files;
  workspace: Workspace;
  /** Working-tree files that do not parse, replaced by their committed versions. */
  unparsed: string[];
}

/** Cancellation and progress of the history read (the panel shows both). */
interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

async function analyse(req: DocumentRequest, engine: HistoryEngine, root: string, ref: string, asOf: number, bare: boolean, disk: Files): Promise<Analysis> {
  // The working tree is "now" only for HEAD, and only when as-of is not before HEAD's commit
  // (its author time comes with the history: no git process of its own).
  let useWorkTree = ref === 'HEAD' && !bare;
  let history = await historyOf(engine, root, ref, asOf, useWorkTree, req);
  const past = history.headTime !== undefined && asOf < history.headTime;
  if (past && useWorkTree) {
    useWorkTree = false;
    history = await historyOf(engine, root, ref, asOf, false, req);
  }
  let files: Files = disk;
  if (!useWorkTree) {
    const commit = past ? await filesCommitAt(root, ref, asOf, lastCommitAtOrBefore(history, asOf)) : (history.head ?? ref);
    files = commit === undefined || history.head === undefined ? { backlogs: [] } : await engine.filesAt(root, commit, DEFAULT_BACKLOG_PATH);
  }
  // The caller's model (the editor's unsaved buffers) stands for the working tree's files.
  let workspace = useWorkTree && req.workingTree ? req.workingTree : buildWorkspace(root, files.backlogs, files.sprints);
  const unparsed = useWorkTree && history.head !== undefined ? [...new Set(workspace.parseProblems.filter((p) => p.severity === 'error').map((p) => p.file))] : [];
  if (unparsed.length > 0) {
    // Never a silent partial document: a file that does not parse stands for its last committed version.
    const committed = await engine.filesAt(root, history.head!, DEFAULT_BACKLOG_PATH);
    const keep = (f: SourceFile): boolean => !unparsed.includes(f.file);
    const backlogs = [...files.backlogs.filter(keep), ...committed.backlogs.filter((f) => !keep(f))];
    const sprints = files.sprints && keep(files.sprints) ? files.sprints : committed.sprints;
    workspace = buildWorkspace(root, backlogs, sprints);
    const broken = buildWorkspace(root, files.backlogs, files.sprints).parseProblems;
    for (const p of broken) req.err(`${printable(p.file)}:${p.line}:${p.column}: ${p.severity}: ${printable(p.message)}\n`);
    files = { backlogs, sprints };
  }
  return { history, files, workspace, unparsed };
}

export interface DocumentRequest extends RunOptions {
  /** The repository's folder. */
  root: string;
  ref: string;
  /** The --as-of text (a day or an ISO instant); undefined = now. */
  asOfText?: string;
  /** A resolved as-of instant (wins over asOfText), e.g. the time of a ref. */
  asOf?: number;
  /** Only this sprint in `sprints` (a MetricsRequestError names the known ones). */
  sprint?: string;
  /** Command name in messages (`sprintlog NAME: warning: ...`). */
  command: string;
  /** "Now" when neither asOf nor asOfText is given (called only then: SPRINTLOG_NOW may be invalid). */
  now: () => number;
  /** Receives each warning and parse problem as a line (the CLI's stderr). */
  err: (line: string) => void;
  /** The model to analyse instead of the working tree's files when analysing HEAD now (the editor's buffers). */
  workingTree?: Workspace;
  settings?: MetricsSettings;
  /** The caller's history engine (the panel's keeps what it analysed); a new one for this call when absent. */
  engine?: HistoryEngine;
}

export interface MetricsDocument {
  report: MetricsReport;
  /** The files the report was computed from. */
  workspace: Workspace;
  history: History;
  root: string;
  /** Working-tree files that did not parse (their committed versions were analysed). */
  unparsed: string[];
}

/** Warnings and parse problems go to stderr, as `sprintlog metrics` always printed them. */
export async function metricsDocument(req: DocumentRequest): Promise<MetricsDocument> {
  const root = req.root;
  const ref = gitRef(req.ref, '--ref');
  const asOfText = req.asOf === undefined ? req.asOfText : undefined;
  const bare = isBare(root);
  // What the engine analyses for one as-of is reused by the next (the zone may move it).
  const engine = req.engine ?? new HistoryEngine();
  const store = chunkStoreFile(root);
  loadChunkStore(store);
  const disk: Files = bare ? { backlogs: [] } : readSourceFiles(root);
  // A bare day is the end of that day in the zone of the sprint log being analysed: the one of that
  // instant, which may not be the working tree's (the zone can change). Start from the ref's and settle.
  // Only an as-of text needs the zone: "now" and a ref's time are instants (no second parse of sprints.yaml).
  let zone = '';
  if (asOfText !== undefined) {
    const refFiles = ref === 'HEAD' && !bare ? disk : isDay(asOfText) ? await engine.filesAt(root, ref, DEFAULT_BACKLOG_PATH).catch(() => disk) : disk;
    zone = zoneOf(buildWorkspace(root, [], refFiles.sprints));
  }
  let asOf = req.asOf ?? (asOfText === undefined ? req.now() : parseAsOf(asOfText, zone));
  let a = await analyse(req, engine, root, ref, asOf, bare, disk);
  for (let i = 0; asOfText !== undefined && isDay(asOfText) && zoneOf(a.workspace) !== zone && i < 3; i++) {
    zone = zoneOf(a.workspace);
    asOf = endOfDay(asOfText, zone);
    a = await analyse(req, engine, root, ref, asOf, bare, disk);
  }
  const { history, workspace, unparsed } = a;
  saveChunkStore(store);
  for (const w of history.warnings) req.err(`sprintlog ${req.command}: warning: ${printable(w)}\n`);
  if (unparsed.length === 0) for (const p of workspace.parseProblems) req.err(`${printable(p.file)}:${p.line}:${p.column}: ${p.severity}: ${printable(p.message)}\n`);
  let report: MetricsReport = computeMetrics({ workspace, history, asOf, ref, settings: req.settings });
  if (unparsed.length > 0) {
    const message = `${unparsed.join(', ')} in the working tree ${unparsed.length === 1 ? 'does' : 'do'} not parse: analysing the last committed version instead (commit ${history.head!.slice(0, 10)}). Fix the file to see its changes.`;
    req.err(`sprintlog ${req.command}: error: ${printable(message)}\n`);
    report = { ...report, warnings: [{ code: 'unparsed-files', severity: 'warning', ids: [], message }, ...report.warnings] };
  }

  const sprintId = req.sprint;
  if (sprintId !== undefined) {
    const sprint = report.sprints.find((s) => s.id === sprintId);
    if (!sprint) {
      const known = report.sprints.map((s) => s.id).join(', ') || 'none';
      throw new MetricsRequestError(`unknown sprint '${sprintId}' (sprints: ${known}).`);
    }
    report = { ...report, sprints: [sprint] };
  }
  return { report, workspace, history, root, unparsed };
}

/** What an as-of text means: a day or an ISO instant on HEAD, else a ref (tag, branch, commit) as of its commit's author time. */
export interface AsOfChoice {
  ref: string;
  asOf?: number;
  asOfText?: string;
}

/** `report --as-of` and the panel's as-of picker: a day or an ISO instant on HEAD, else a ref analysed as of its commit's author time. */
export async function resolveAsOf(root: string, text: string | undefined): Promise<AsOfChoice> {
  if (text === undefined) return { ref: 'HEAD' };
  // Whether the text is a day or an instant does not depend on the zone (metricsDocument reads that);
  // asked without computing the instant, which would load the time-zone data (a warm report needs none).
  const timeText = parseInstant(text) !== undefined || parseDay(text) !== undefined;
  if (timeText) return { ref: 'HEAD', asOfText: text };
  if (text.startsWith('-')) throw new MetricsRequestError(`--as-of '${printable(text)}' is neither a date nor a ref (a ref cannot start with '-').`);
  const at = await refTime(root, text);
  if (!at.ok) throw new MetricsRequestError(`--as-of '${printable(text)}' is neither a day (2026-11-20), an ISO date-time with offset, nor a ref git knows (${at.message}).`);
  return { ref: text, asOf: at.time };
}
