// `sprintlog portfolio`: one report across many repositories (teams), read in
// parallel (--jobs at a time, each with its own caches: portfolio-repos.ts), or from the
// JSON artifacts their CI jobs wrote (--from DIR: no clone needed). A repository
// that is missing, shallow or has a broken file still gets its row, naming the problem.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { EpicProgress } from '../../core/forecast';
import type { MetricsReport } from '../../core/metrics';
import { portfolioHtml, portfolioMarkdown, portfolioOf, portfolioText, type TeamInput } from '../../core/portfolio';
import { printable } from '../../core/printable';
import { type Command, type CommandContext, stringFlag, UsageError } from '../command';
import { repoInputs, type TeamSpec } from './portfolio-repos';

const FORMATS = ['text', 'json', 'md', 'html'] as const;
type Format = (typeof FORMATS)[number];

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
    inputs = await repoInputs(ctx, specs, jobs, stringFlag(ctx, 'as-of'));
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
    'Repositories are analysed --jobs at a time (default: the number of cores) in worker threads, each with its own',
    'history cache; a row is kept in <git-dir>/sprintlog-cache until the commit, the backlog files or the day change.',
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
