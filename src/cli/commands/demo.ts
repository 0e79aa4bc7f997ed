// `sprintlog demo DIR`: write the deterministic demo repository (team PAY,
// six sprints of git history) into a new folder and show its active sprint.

import * as path from 'node:path';
import { checkToday, DEFAULT_SEED, type DemoResult, type DemoTeam, demoToday, generateDemo, TEAM_SEEDS, TEAMS } from '../../core/demo';
import { effectiveState, type Workspace } from '../../core/model';
import { loadWorkspace } from '../../core/parse/workspace';
import { printableLines } from '../../core/printable';
import { type Command, type CommandContext, now, stringFlag, UsageError } from '../command';
import { sprintById } from '../../core/lookup';

function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) > 0xffffffff) throw new UsageError(`--seed must be an integer from 0 to 4294967295, got '${text}'.`);
  return Number(text);
}

/** The active sprint's items in rank order: id, state, points, assignee, title. */
export function activeSprintTable(ws: Workspace, sprintId: string): string {
  const sprint = sprintById(ws.sprintLog, sprintId);
  const items = ws.items.filter((i) => i.sprint === sprintId);
  const rows = items.map((i) => [i.id, effectiveState(i, ws.states), i.points === undefined ? '-' : String(i.points), i.assignee ?? '-', i.title + (i.blocked ? `  [blocked: ${i.blocked}]` : '')]);
  const head = ['ID', 'STATE', 'PTS', 'ASSIGNEE', 'TITLE'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c === r.length - 1 ? cell : c === 2 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  const title = sprint ? `${sprint.id} ${sprint.name ?? ''} (${sprint.start} to ${sprint.end})${sprint.goal ? `: ${sprint.goal}` : ''}` : sprintId;
  return [`Active sprint ${title.replace(/\s+/g, ' ')}`, '  ' + line(head), ...rows.map((r) => '  ' + line(r))].join('\n') + '\n';
}

function summary(r: DemoResult, ws: Workspace): string {
  const main = ws.backlogs.find((b) => b.file === ws.backlogPath);
  const archived = ws.backlogs.filter((b) => b !== main);
  return [
    `Created the ${ws.project ?? 'PAY'} demo repository in ${r.dir}`,
    `  seed ${r.seed}, today ${r.today}; HEAD ${r.head}`,
    `  ${r.commits} commits (${r.merges} merges) by ${r.authors.length} authors: ${r.authors.join(', ')}`,
    `  ${r.sprints.length} sprints ${r.sprints[0].id}..${r.activeSprint} (${r.sprints[0].start} to ${r.sprints[r.sprints.length - 1].end}), ${r.activeSprint} active`,
    `  ${ws.items.length} items: ${main?.items.length ?? 0} in ${ws.backlogPath}${archived.map((b) => `, ${b.items.length} in ${b.file}`).join('')}`,
    ...(r.openBranches.length > 0 ? [`  open branches: ${r.openBranches.join(', ')}`] : []),
    '',
  ].join('\n');
}

async function run(ctx: CommandContext): Promise<number> {
  const seed = parseSeed(stringFlag(ctx, 'seed'));
  const team = (stringFlag(ctx, 'team') ?? 'pay') as DemoTeam;
  if (!TEAMS.includes(team)) throw new UsageError(`unknown --team '${team}': use ${TEAMS.join(' or ')}.`);
  const today = stringFlag(ctx, 'today') ?? demoToday(now(ctx));
  try {
    checkToday(today);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const dir = path.resolve(ctx.io.cwd, ctx.positionals[0]);
  const result = generateDemo(dir, { seed, today, team });
  const ws = loadWorkspace(result.dir);
  ctx.io.out(printableLines(summary(result, ws) + '\n' + activeSprintTable(ws, result.activeSprint)));
  return 0;
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Create a demo repository (team PAY, six sprints of git history) in a new folder.',
  usage: 'demo DIR [--team pay|shop] [--seed N] [--today YYYY-MM-DD]',
  details: [
    'DIR must not exist or be empty. The repository has backlog/backlog.yaml, backlog/sprints.yaml,',
    'backlog/archive/*.yaml and a little code, with a day-by-day history by five authors:',
    'planning, feature branches merged with --no-ff, re-estimates, blockers, reopened items,',
    'scope added mid-sprint, carry-over, reviews and retros.',
    'Six two-week sprints; the last one is active on --today (default: the current day in Europe/Berlin, or of SPRINTLOG_NOW), the others closed.',
    'The same seed and --today always give the same files and the same commit hashes.',
  ].join('\n'),
  flags: [
    { name: 'seed', type: 'string', arg: 'N', help: `Seed of the story's random choices (default ${DEFAULT_SEED}; ${TEAM_SEEDS.shop} for --team shop).` },
    { name: 'team', type: 'string', arg: 'pay|shop', help: 'pay (default), or shop: a second team (SHOP ids, other people, its own history) for `sprintlog portfolio`.' },
    { name: 'today', type: 'string', arg: 'YYYY-MM-DD', help: 'Day on which the last sprint is active; the history ends that morning (default: today in Europe/Berlin).' },
  ],
  positionals: { min: 1, max: 1 },
  run,
};
