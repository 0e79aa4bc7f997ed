// `sprintlog metrics`: the spec's metrics document (--json) or a readable summary.
// --as-of makes every "now" that instant: later commits are ignored, and when it is
// before the ref's last commit the sprint log (and states, epics) are read from the last
// commit at or before it; the items are those of the history at that instant (spec §6).

import { execFile } from 'node:child_process';
import { readFilesAt, readHistory, type History } from '../../core/history';
import { computeMetrics, type MetricsReport } from '../../core/metrics';
import { buildWorkspace, DEFAULT_BACKLOG_PATH, readSourceFiles, type SourceFile } from '../../core/parse/workspace';
import { endOfDay, isDay, isValidTimeZone, parseInstant } from '../../core/time';
import { type Command, type CommandContext, REPO_FLAG, stringFlag, UsageError } from '../command';
import { repoRoot } from '../repo';
import { formatSummary } from '../../core/metrics/summary';

/** Author time (ms) of the commit `ref` names; undefined when `root` is no git repository or has no commit. */
function refTime(root: string, ref: string): Promise<{ ok: true; time: number } | { ok: false; reason: 'no-repo' | 'bad-ref'; message: string }> {
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

async function run(ctx: CommandContext): Promise<number> {
  const root = repoRoot(ctx);
  const ref = stringFlag(ctx, 'ref') ?? 'HEAD';
  const asOfText = stringFlag(ctx, 'as-of');
  const disk = readSourceFiles(root);
  const zone = buildWorkspace(root, [], disk.sprints).sprintLog?.timezone ?? 'UTC';
  const asOf = asOfText === undefined ? now(ctx) : parseAsOf(asOfText, isValidTimeZone(zone) ? zone : 'UTC');

  const head = await refTime(root, ref);
  if (!head.ok && ref !== 'HEAD') {
    throw new Error(`cannot read ref '${ref}': ${head.message}`);
  }
  // The working tree is "now" only for HEAD, and only when as-of is not before HEAD's commit.
  const past = head.ok && asOf < head.time;
  const useWorkTree = ref === 'HEAD' && !past;
  const history = await readHistory(root, { ref, asOf, includeWorkingTree: useWorkTree, backlogPath: DEFAULT_BACKLOG_PATH });
  for (const w of history.warnings) ctx.io.err(`sprintlog metrics: warning: ${w}\n`);

  let files: { backlogs: SourceFile[]; sprints?: SourceFile } = disk;
  if (!useWorkTree) {
    const commit = past ? await filesCommitAt(root, ref, asOf, lastCommitAtOrBefore(history, asOf)) : (history.head ?? ref);
    files = commit === undefined ? { backlogs: [] } : await readFilesAt(root, commit, DEFAULT_BACKLOG_PATH);
  }
  const workspace = buildWorkspace(root, files.backlogs, files.sprints);
  for (const p of workspace.parseProblems) ctx.io.err(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`);
  let report: MetricsReport = computeMetrics({ workspace, history, asOf, ref });

  const sprintId = stringFlag(ctx, 'sprint');
  if (sprintId !== undefined) {
    const sprint = report.sprints.find((s) => s.id === sprintId);
    if (!sprint) {
      const known = report.sprints.map((s) => s.id).join(', ') || 'none';
      throw new UsageError(`unknown sprint '${sprintId}' (sprints: ${known}).`);
    }
    report = { ...report, sprints: [sprint] };
  }
  ctx.io.out(ctx.flags.json === true ? JSON.stringify(report, null, 2) + '\n' : formatSummary(report, sprintId));
  return 0;
}

export const metricsCommand: Command = {
  name: 'metrics',
  summary: 'Sprint and flow metrics from the backlog files and their git history.',
  usage: 'metrics [--repo DIR] [--ref REF] [--as-of ISO] [--sprint ID] [--json]',
  details: [
    'Committed vs completed, scope changes, burndown, velocity, cycle time, throughput,',
    'cumulative flow, a Monte Carlo forecast and health warnings (spec: docs/spec/metrics.md).',
    '--as-of makes every "now" that instant (a bare day means the end of that day in the',
    "sprint log's time zone); commits after it are ignored. SPRINTLOG_NOW sets the default now.",
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
