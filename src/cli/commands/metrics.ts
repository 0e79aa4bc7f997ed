// `sprintlog metrics`: the spec's metrics document (--json) or a readable summary.
// --as-of makes every "now" that instant: later commits are ignored, and when it is
// before the ref's last commit the sprint log (and states, epics) are read from the last
// commit at or before it; the items are those of the history at that instant (spec §6).

import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitArgumentError, gitNameArg } from '../../core/git-args';
import { readFilesAt, readHistory, type History } from '../../core/history';
import { computeMetrics, type MetricsReport } from '../../core/metrics';
import type { Workspace } from '../../core/model';
import { chunkStoreFile, loadChunkStore, saveChunkStore } from '../../core/parse/chunk-store';
import { buildWorkspace, DEFAULT_BACKLOG_PATH, readSourceFiles, type SourceFile } from '../../core/parse/workspace';
import { endOfDay, isDay, isValidTimeZone, parseInstant } from '../../core/time';
import { type Command, type CommandContext, REPO_FLAG, stringFlag, UsageError } from '../command';
import { repoRoot } from '../repo';
import { formatSummary } from '../../core/metrics/summary';
import { printable, printableLines } from '../../core/printable';

/** The history of `ref`; an unknown ref is the user's mistake, said as such. */
async function historyOf(root: string, ref: string, asOf: number, includeWorkingTree: boolean): Promise<History> {
  try {
    return await readHistory(root, { ref, asOf, includeWorkingTree, backlogPath: DEFAULT_BACKLOG_PATH });
  } catch (e) {
    if (ref === 'HEAD') throw e;
    throw new Error(`cannot read ref '${ref}': ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** The default "now": SPRINTLOG_NOW (ISO date-time, for reproducible runs) or the clock. */
function now(ctx: CommandContext): number {
  const env = ctx.io.env.SPRINTLOG_NOW;
  if (env === undefined || env === '') return Date.now();
  const t = parseInstant(env);
  // A wrong value must not silently mean "the clock": the figures would differ from what was asked for.
  if (t === undefined) throw new UsageError(`SPRINTLOG_NOW='${printable(env)}' is not an ISO 8601 date-time with offset (e.g. 2026-11-20T18:00:00+01:00); unset it to use the clock.`);
  return t;
}

function parseAsOf(text: string, tz: string): number {
  const t = parseInstant(text);
  if (t !== undefined) return t;
  // A bare day means the end of that day in the sprint log's zone.
  if (isDay(text)) return endOfDay(text, tz);
  throw new UsageError(`--as-of '${text}' is neither a day (2026-11-20) nor an ISO 8601 date-time with offset (2026-11-20T18:00:00+01:00).`);
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
function filesCommitAt(root: string, ref: string, asOf: number, base: string | undefined): Promise<string | undefined> {
  const range = base === undefined ? ['--end-of-options', ref] : ['--ancestry-path', '--end-of-options', `${base}..${ref}`];
  return new Promise((resolve) => {
    execFile('git', ['log', '--topo-order', '--format=%H %at', ...range, '--'], { cwd: root, maxBuffer: 256 * 1024 * 1024 }, (err, stdout) => {
      if (err) return resolve(base);
      for (const line of stdout.split('\n')) {
        const [hash, at] = line.split(' ');
        if (hash && Number(at) * 1000 <= asOf) return resolve(hash);
      }
      resolve(base);
    });
  });
}

/** --ref, refused before any git runs when git would read it as an option (`--ref=--output=FILE`). */
function refFlag(ctx: CommandContext): string {
  const ref = stringFlag(ctx, 'ref') ?? 'HEAD';
  try {
    return gitNameArg(ref, '--ref');
  } catch (e) {
    if (e instanceof GitArgumentError) throw new UsageError(e.message);
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

async function analyse(ctx: CommandContext, root: string, ref: string, asOf: number, bare: boolean, disk: Files): Promise<Analysis> {
  // The working tree is "now" only for HEAD, and only when as-of is not before HEAD's commit
  // (its author time comes with the history: no git process of its own).
  let useWorkTree = ref === 'HEAD' && !bare;
  let history = await historyOf(root, ref, asOf, useWorkTree);
  const past = history.headTime !== undefined && asOf < history.headTime;
  if (past && useWorkTree) {
    useWorkTree = false;
    history = await historyOf(root, ref, asOf, false);
  }
  let files: Files = disk;
  if (!useWorkTree) {
    const commit = past ? await filesCommitAt(root, ref, asOf, lastCommitAtOrBefore(history, asOf)) : (history.head ?? ref);
    files = commit === undefined || history.head === undefined ? { backlogs: [] } : await readFilesAt(root, commit, DEFAULT_BACKLOG_PATH);
  }
  let workspace = buildWorkspace(root, files.backlogs, files.sprints);
  const unparsed = useWorkTree && history.head !== undefined ? [...new Set(workspace.parseProblems.filter((p) => p.severity === 'error').map((p) => p.file))] : [];
  if (unparsed.length > 0) {
    // Never a silent partial document: a file that does not parse stands for its last committed version.
    const committed = await readFilesAt(root, history.head!, DEFAULT_BACKLOG_PATH);
    const keep = (f: SourceFile): boolean => !unparsed.includes(f.file);
    const backlogs = [...files.backlogs.filter(keep), ...committed.backlogs.filter((f) => !keep(f))];
    const sprints = files.sprints && keep(files.sprints) ? files.sprints : committed.sprints;
    workspace = buildWorkspace(root, backlogs, sprints);
    const broken = buildWorkspace(root, files.backlogs, files.sprints).parseProblems;
    for (const p of broken) ctx.io.err(`${printable(p.file)}:${p.line}:${p.column}: ${p.severity}: ${printable(p.message)}\n`);
    files = { backlogs, sprints };
  }
  return { history, files, workspace, unparsed };
}

async function run(ctx: CommandContext): Promise<number> {
  const root = repoRoot(ctx);
  const ref = refFlag(ctx);
  const asOfText = stringFlag(ctx, 'as-of');
  const bare = isBare(root);
  const store = chunkStoreFile(root);
  loadChunkStore(store);
  const disk: Files = bare ? { backlogs: [] } : readSourceFiles(root);
  // A bare day is the end of that day in the zone of the sprint log being analysed: the one of that
  // instant, which may not be the working tree's (the zone can change). Start from the ref's and settle.
  const refFiles = ref === 'HEAD' && !bare ? disk : asOfText !== undefined && isDay(asOfText) ? await readFilesAt(root, ref, DEFAULT_BACKLOG_PATH).catch(() => disk) : disk;
  let zone = zoneOf(buildWorkspace(root, [], refFiles.sprints));
  let asOf = asOfText === undefined ? now(ctx) : parseAsOf(asOfText, zone);
  let a = await analyse(ctx, root, ref, asOf, bare, disk);
  for (let i = 0; asOfText !== undefined && isDay(asOfText) && zoneOf(a.workspace) !== zone && i < 3; i++) {
    zone = zoneOf(a.workspace);
    asOf = endOfDay(asOfText, zone);
    a = await analyse(ctx, root, ref, asOf, bare, disk);
  }
  const { history, workspace, unparsed } = a;
  saveChunkStore(store);
  for (const w of history.warnings) ctx.io.err(`sprintlog metrics: warning: ${printable(w)}\n`);
  if (unparsed.length === 0) for (const p of workspace.parseProblems) ctx.io.err(`${printable(p.file)}:${p.line}:${p.column}: ${p.severity}: ${printable(p.message)}\n`);
  let report: MetricsReport = computeMetrics({ workspace, history, asOf, ref });
  if (unparsed.length > 0) {
    const message = `${unparsed.join(', ')} in the working tree ${unparsed.length === 1 ? 'does' : 'do'} not parse: analysing the last committed version instead (commit ${history.head!.slice(0, 10)}). Fix the file to see its changes.`;
    ctx.io.err(`sprintlog metrics: error: ${printable(message)}\n`);
    report = { ...report, warnings: [{ code: 'unparsed-files', severity: 'warning', ids: [], message }, ...report.warnings] };
  }

  const sprintId = stringFlag(ctx, 'sprint');
  if (sprintId !== undefined) {
    const sprint = report.sprints.find((s) => s.id === sprintId);
    if (!sprint) {
      const known = report.sprints.map((s) => s.id).join(', ') || 'none';
      throw new UsageError(`unknown sprint '${sprintId}' (sprints: ${known}).`);
    }
    report = { ...report, sprints: [sprint] };
  }
  ctx.io.out(ctx.flags.json === true ? JSON.stringify(report, null, 2) + '\n' : printableLines(formatSummary(report, sprintId)));
  // The document is complete (for the committed files), yet what was asked for could not be read.
  return unparsed.length > 0 ? 1 : 0;
}

export const metricsCommand: Command = {
  name: 'metrics',
  summary: 'Sprint and flow metrics from the backlog files and their git history.',
  usage: 'metrics [--repo DIR] [--ref REF] [--as-of ISO] [--sprint ID] [--json]',
  details: [
    'Committed vs completed, scope changes, burndown, velocity, cycle time, throughput,',
    'cumulative flow, a Monte Carlo forecast and health warnings (spec: docs/spec/metrics.md).',
    '--as-of makes every "now" that instant (a bare day means the end of that day in the',
    "sprint log's time zone, as that log was then); commits after it are ignored. SPRINTLOG_NOW sets the default now.",
    'A bare repository is analysed at HEAD. When a backlog file of the working tree does not parse, its',
    'last committed version is analysed instead: said on stderr and in `warnings` (unparsed-files), exit 1.',
  ].join('\n'),
  flags: [
    REPO_FLAG,
    { name: 'ref', type: 'string', arg: 'REF', help: 'Analyse the history of this ref (default: HEAD and the working tree).' },
    { name: 'as-of', type: 'string', arg: 'ISO', help: 'Analyse as of this day or date-time with offset (default: now).' },
    { name: 'sprint', type: 'string', arg: 'ID', help: 'Show this sprint (default: the active one); with --json, only it in `sprints`.' },
    { name: 'json', type: 'boolean', help: 'Print the metrics document as JSON.' },
  ],
  positionals: { min: 0, max: 0 },
  run,
};
