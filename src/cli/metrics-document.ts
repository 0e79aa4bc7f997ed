// The metrics document of a repository as the CLI computes it (shared by
// `sprintlog metrics` and `sprintlog report`): the history of a ref up to an
// as-of instant, the files as they were then, computeMetrics, an optional --sprint filter.
// --as-of makes every "now" that instant: later commits are ignored, and when it is
// before the ref's last commit the files are read from the last commit at or before it.

import { execFile } from 'node:child_process';
import { readFilesAt, readHistory, type History } from '../core/history';
import { computeMetrics, type MetricsReport } from '../core/metrics';
import type { Workspace } from '../core/model';
import { buildWorkspace, DEFAULT_BACKLOG_PATH, readSourceFiles, type SourceFile } from '../core/parse/workspace';
import { endOfDay, isDay, isValidTimeZone, parseInstant } from '../core/time';
import { type CommandContext, UsageError } from './command';
import { repoRoot } from './repo';

/** Author time (ms) of the commit `ref` names; undefined when `root` is no git repository or has no commit. */
export function refTime(root: string, ref: string): Promise<{ ok: true; time: number } | { ok: false; reason: 'no-repo' | 'bad-ref'; message: string }> {
  return new Promise((resolve) => {
    execFile('git', ['log', '-1', '--format=%at', ref, '--'], { cwd: root }, (err, stdout, stderr) => {
      if (!err) return resolve({ ok: true, time: Number(stdout.trim()) * 1000 });
      const text = String(stderr || err.message);
      const noRepo = /not a git repository|ENOENT|does not have any commits/i.test(text) || (err as NodeJS.ErrnoException).code === 'ENOENT';
      resolve({ ok: false, reason: noRepo ? 'no-repo' : 'bad-ref', message: text.trim().split('\n')[0] });
    });
  });
}

/** The default "now": SPRINTLOG_NOW (ISO date-time, for reproducible runs) or the clock. */
function now(ctx: CommandContext): number {
  const env = ctx.io.env.SPRINTLOG_NOW;
  const t = env ? parseInstant(env) : undefined;
  return t ?? Date.now();
}

/** A day or an ISO instant; undefined when `text` is neither. */
export function asOfInstant(text: string, tz: string): number | undefined {
  const t = parseInstant(text);
  if (t !== undefined) return t;
  // A bare day means the end of that day in the sprint log's zone.
  if (isDay(text)) return endOfDay(text, tz);
  return undefined;
}

function parseAsOf(text: string, tz: string): number {
  const t = asOfInstant(text, tz);
  if (t !== undefined) return t;
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
  const range = base === undefined ? [ref] : ['--ancestry-path', `${base}..${ref}`];
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

export interface DocumentRequest {
  ref: string;
  /** The --as-of text (a day or an ISO instant); undefined = now. */
  asOfText?: string;
  /** A resolved as-of instant (wins over asOfText), e.g. the time of a ref. */
  asOf?: number;
  /** Only this sprint in `sprints` (a UsageError names the known ones). */
  sprint?: string;
  /** Command name in warnings (`sprintlog NAME: warning: ...`). */
  command: string;
}

export interface MetricsDocument {
  report: MetricsReport;
  /** The files the report was computed from. */
  workspace: Workspace;
  history: History;
  root: string;
}

/** Warnings and parse problems go to stderr, as `sprintlog metrics` always printed them. */
export async function metricsDocument(ctx: CommandContext, req: DocumentRequest): Promise<MetricsDocument> {
  const root = repoRoot(ctx);
  const ref = req.ref;
  // A user value never reaches git as an option.
  if (ref.startsWith('-')) throw new UsageError(`ref '${ref}' cannot start with '-'.`);
  const asOfText = req.asOfText;
  const disk = readSourceFiles(root);
  const zone = buildWorkspace(root, [], disk.sprints).sprintLog?.timezone ?? 'UTC';
  const asOf = req.asOf ?? (asOfText === undefined ? now(ctx) : parseAsOf(asOfText, isValidTimeZone(zone) ? zone : 'UTC'));
  const head = await refTime(root, ref);
  if (!head.ok && ref !== 'HEAD') {
    throw new Error(`cannot read ref '${ref}': ${head.message}`);
  }
  // The working tree is "now" only for HEAD, and only when as-of is not before HEAD's commit.
  const past = head.ok && asOf < head.time;
  const useWorkTree = ref === 'HEAD' && !past;
  const history = await readHistory(root, { ref, asOf, includeWorkingTree: useWorkTree, backlogPath: DEFAULT_BACKLOG_PATH });
  for (const w of history.warnings) ctx.io.err(`sprintlog ${req.command}: warning: ${w}\n`);

  let files: { backlogs: SourceFile[]; sprints?: SourceFile } = disk;
  if (!useWorkTree) {
    const commit = past ? await filesCommitAt(root, ref, asOf, lastCommitAtOrBefore(history, asOf)) : (history.head ?? ref);
    files = commit === undefined ? { backlogs: [] } : await readFilesAt(root, commit, DEFAULT_BACKLOG_PATH);
  }
  const workspace = buildWorkspace(root, files.backlogs, files.sprints);
  for (const p of workspace.parseProblems) ctx.io.err(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`);
  let report: MetricsReport = computeMetrics({ workspace, history, asOf, ref });

  const sprintId = req.sprint;
  if (sprintId !== undefined) {
    const sprint = report.sprints.find((s) => s.id === sprintId);
    if (!sprint) {
      const known = report.sprints.map((s) => s.id).join(', ') || 'none';
      throw new UsageError(`unknown sprint '${sprintId}' (sprints: ${known}).`);
    }
    report = { ...report, sprints: [sprint] };
  }
  return { report, workspace, history, root };
}

