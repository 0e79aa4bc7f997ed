// `sprintlog portfolio`: one report across many repositories (teams), read in
// parallel (--jobs at a time, each with its own history cache), or from the
// JSON artifacts their CI jobs wrote (--from DIR: no clone needed). A repository
// that is missing, shallow or has a broken file still gets its row, naming the problem.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { forecastDocument, type EpicProgress } from '../../core/forecast';
import { dependencyReport } from '../../core/kpis';
import type { MetricsReport } from '../../core/metrics';
import type { Derived } from '../../core/metrics-cache';
import { portfolioHtml, portfolioMarkdown, portfolioOf, portfolioText, teamReport, type TeamInput } from '../../core/portfolio';
import { printable } from '../../core/printable';
import { type Command, type CommandContext, stringFlag, UsageError } from '../command';
import { cachedDerived } from '../metrics-document';

const FORMATS = ['text', 'json', 'md', 'html'] as const;
type Format = (typeof FORMATS)[number];

interface TeamSpec { team: string; dir: string }

function teamsFromConfig(ctx: CommandContext, file: string): TeamSpec[] {
  const full = path.resolve(ctx.io.cwd, file);
  let doc: unknown;
  try {
    doc = parse(fs.readFileSync(full, 'utf8'));
  } catch (e) {
    throw new UsageError(`--config ${printable(file)}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  const list = (doc as { teams?: unknown } | null)?.teams;
  if (!Array.isArray(list)) throw new UsageError(`--config ${printable(file)}: expected 'teams:' with a list of repository folders or {name, repo} entries.`);
  return list.map((t, i) => {
    const repo = typeof t === 'string' ? t : (t as { repo?: unknown })?.repo;
    if (typeof repo !== 'string') throw new UsageError(`--config ${printable(file)}: teams[${i}] needs a repo folder.`);
    const name = typeof t === 'object' && typeof (t as { name?: unknown }).name === 'string' ? (t as { name: string }).name : undefined;
    const dir = path.resolve(path.dirname(full), repo);
    return { team: name ?? path.basename(dir), dir };
  });
}

/**
 * What a row needs of a repository's metrics document: the report's row fields, its
 * epics' forecast, its `team:ID` entries and its files' errors. Nothing in it names the
 * as-of instant itself (the figures use its day), so the cache reuses it all day.
 */
const ROW_INPUT: Derived<Omit<TeamInput, 'team' | 'source'>> = {
  kind: 'portfolio',
  derive: (d) => ({
    report: teamReport(d.report),
    problems: d.workspace.parseProblems.filter((p) => p.severity === 'error').map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`),
    epics: forecastDocument(d.report, d.workspace, null).epics,
    external: dependencyReport(d.report, d.workspace).external,
  }),
};

/** A repository's row input: its metrics document, epics forecast and `team:ID` entries; any failure becomes a problem. */
async function fromRepo(ctx: CommandContext, spec: TeamSpec, asOfText: string | undefined): Promise<TeamInput> {
  const errors: string[] = [];
  const sub: CommandContext = { positionals: [], flags: { repo: spec.dir }, io: { ...ctx.io, out: () => undefined, err: (t) => errors.push(t.trimEnd()) } };
  try {
    // Through the result cache: an unchanged repository costs one read of its files and of its stored row input.
    const { value } = await cachedDerived(sub, { ref: 'HEAD', asOfText, command: 'portfolio' }, ROW_INPUT);
    return { team: spec.team, source: spec.dir, ...value };
  } catch (e) {
    return { team: spec.team, source: spec.dir, report: null, epics: null, external: null, problems: [e instanceof Error ? e.message : String(e)] };
  }
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** `<team>.json` (or `<team>.metrics.json`) = `sprintlog metrics --json`; beside it, optionally `<team>.forecast.json` and `<team>.kpis.json`. */
function fromArtifacts(dir: string): TeamInput[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).sort();
  } catch {
    throw new UsageError(`--from ${printable(dir)}: no such folder.`);
  }
  const main = names.filter((n) => n.endsWith('.json') && !n.endsWith('.forecast.json') && !n.endsWith('.kpis.json'));
  return main.map((name) => {
    const team = name.replace(/(\.metrics)?\.json$/, '');
    const file = path.join(dir, name);
    const input: TeamInput = { team, source: file, report: null, epics: null, external: null, problems: [] };
    try {
      const r = readJson(file) as MetricsReport;
      if (typeof r !== 'object' || r === null || !Array.isArray(r.sprints) || !Array.isArray(r.items) || !r.velocity) throw new Error('not a `sprintlog metrics --json` document');
      input.report = r;
    } catch (e) {
      input.problems.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
      return input;
    }
    const side = (suffix: string): unknown => {
      const f = path.join(dir, `${team}${suffix}`);
      if (!fs.existsSync(f)) return undefined;
      try {
        return readJson(f);
      } catch (e) {
        input.problems.push(`${team}${suffix}: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
    };
    const f = side('.forecast.json') as { epics?: EpicProgress[] } | undefined;
    const k = side('.kpis.json') as { dependencies?: { external?: TeamInput['external'] } | null } | undefined;
    input.epics = f?.epics ?? null;
    input.external = k?.dependencies?.external ?? null;
    return input;
  });
}

/** At most `jobs` repositories at once: their git processes run in parallel, the figures are computed in turn. */
async function pool<T, R>(items: readonly T[], jobs: number, work: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return out;
}

async function run(ctx: CommandContext): Promise<number> {
  const format = (stringFlag(ctx, 'format') ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown --format '${format}': use text, json, md or html.`);
  const jobsText = stringFlag(ctx, 'jobs');
  if (jobsText !== undefined && !/^[1-9]\d{0,3}$/.test(jobsText)) throw new UsageError(`--jobs must be a whole number from 1 to 9999, got '${jobsText}'.`);
  const jobs = jobsText === undefined ? os.availableParallelism() : Number(jobsText);
  const from = stringFlag(ctx, 'from');
  const config = stringFlag(ctx, 'config');
  const given = [from !== undefined, config !== undefined, ctx.positionals.length > 0].filter(Boolean).length;
  if (given !== 1) throw new UsageError('name the teams one way: repository folders, --config FILE, or --from DIR.');
  let inputs: TeamInput[];
  if (from !== undefined) inputs = fromArtifacts(path.resolve(ctx.io.cwd, from));
  else {
    const specs = config !== undefined ? teamsFromConfig(ctx, config) : ctx.positionals.map((p) => ({ team: path.basename(path.resolve(ctx.io.cwd, p)), dir: path.resolve(ctx.io.cwd, p) }));
    const seen = new Set<string>();
    for (const s of specs) {
      if (seen.has(s.team)) throw new UsageError(`two teams named '${printable(s.team)}': give them names in a --config file.`);
      seen.add(s.team);
    }
    inputs = await pool(specs, jobs, (s) => fromRepo(ctx, s, stringFlag(ctx, 'as-of')));
  }
  const p = portfolioOf(inputs);
  ctx.io.out(format === 'json' ? JSON.stringify(p, null, 2) + '\n' : format === 'md' ? portfolioMarkdown(p) : format === 'html' ? portfolioHtml(p) : portfolioText(p));
  for (const t of p.teams) for (const problem of t.problems) ctx.io.err(`sprintlog portfolio: ${printable(t.team)}: ${printable(problem)}\n`);
  return 0;
}

export const portfolioCommand: Command = {
  name: 'portfolio',
  summary: 'One report across many repositories (teams): KPIs, warnings, epics vs targets, cross-team dependencies.',
  usage: 'portfolio REPO... | --config FILE | --from DIR [--format text|json|md|html] [--jobs N] [--as-of ISO]',
  details: [
    'Per team: velocity, predictability (completed / committed over the velocity window), cycle time p50/p85,',
    'review satisfaction, warnings, epics with their 85 % forecast date against the target; then totals and the',
    '`team:ID` entries of depends_on, resolved when that team is listed (done / open / not-found), else team-not-listed.',
    'Repositories are read --jobs at a time (default: the number of cores), each with its own history cache.',
    'A missing, shallow or broken repository keeps its row, with the problem named (also on stderr); exit 0.',
    '--config FILE: YAML `teams: [{name: pay, repo: ../pay}, ../web]` (folders relative to the file).',
    '--from DIR: the artifacts of CI jobs instead of the repositories: <team>.json from `sprintlog metrics --json`,',
    'optionally <team>.forecast.json (`sprintlog forecast --json`: epics) and <team>.kpis.json (`sprintlog kpis',
    '--json`: cross-team dependencies). The same figures as a direct run.',
  ].join('\n'),
  flags: [
    { name: 'config', type: 'string', arg: 'FILE', help: 'A YAML file listing the teams\' repositories.' },
    { name: 'from', type: 'string', arg: 'DIR', help: 'Build the report from metrics JSON artifacts in DIR.' },
    { name: 'format', type: 'string', arg: 'FORMAT', help: 'Output: text (default), json, md or html.' },
    { name: 'jobs', type: 'string', arg: 'N', help: 'Repositories read at once (default: the number of cores).' },
    { name: 'as-of', type: 'string', arg: 'ISO', help: 'Analyse every repository as of this day or date-time (default: now).' },
  ],
  positionals: { min: 0, max: Infinity },
  run,
};
