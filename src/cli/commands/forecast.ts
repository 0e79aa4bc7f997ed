// `sprintlog forecast`: Monte Carlo answers for the active sprint, the epics and a
// question (an epic, items, the first N, or how many by a date), seeded.

import { forecastDocument, ForecastQuestionError, forecastText, type Question } from '../../core/forecast';
import { isDay } from '../../core/time';
import { type Command, type CommandContext, REPO_FLAG, stringFlag, UsageError } from '../command';
import { resolveAsOf } from '../metrics-document';
import { metricsDocument } from '../metrics-document';

function positive(text: string, flag: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(text) || Number(text) > max) throw new UsageError(`${flag} must be a whole number from 0 to ${max}, got '${text}'.`);
  return Number(text);
}

/** At most one question; mistakes are usage mistakes (exit 2) before any git runs. */
function question(ctx: CommandContext): Question | null {
  const asked: Question[] = [];
  const epic = stringFlag(ctx, 'epic');
  const items = stringFlag(ctx, 'items');
  const top = stringFlag(ctx, 'top');
  const by = stringFlag(ctx, 'by');
  if (epic !== undefined) asked.push({ kind: 'epic', id: epic });
  if (items !== undefined) {
    const ids = items.split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (ids.length === 0) throw new UsageError('--items needs item ids, e.g. --items PAY-3,PAY-7.');
    asked.push({ kind: 'items', ids });
  }
  if (top !== undefined) asked.push({ kind: 'top', n: positive(top, '--top') });
  if (by !== undefined) {
    if (!isDay(by)) throw new UsageError(`--by '${by}' is not a day (YYYY-MM-DD).`);
    asked.push({ kind: 'by', date: by });
  }
  if (asked.length > 1) throw new UsageError('ask one question at a time: --epic, --items, --top or --by.');
  return asked[0] ?? null;
}

async function run(ctx: CommandContext): Promise<number> {
  const q = question(ctx);
  const seedText = stringFlag(ctx, 'seed');
  const seed = seedText === undefined ? undefined : positive(seedText, '--seed', 0xffffffff);
  const at = await resolveAsOf(ctx, stringFlag(ctx, 'as-of'));
  const doc = await metricsDocument(ctx, { ...at, command: 'forecast', settings: seed === undefined ? {} : { forecastSeed: seed } });
  try {
    const f = forecastDocument(doc.report, doc.workspace, q);
    ctx.io.out(ctx.flags.json === true ? JSON.stringify(f, null, 2) + '\n' : forecastText(f));
  } catch (e) {
    if (e instanceof ForecastQuestionError) throw new UsageError(e.message);
    throw e;
  }
  return 0;
}

export const forecastCommand: Command = {
  name: 'forecast',
  summary: 'Monte Carlo forecasts: the active sprint, epics vs targets, when N items are done, how many by a date.',
  usage: 'forecast [--repo DIR] [--epic ID | --items IDS | --top N | --by DATE] [--seed N] [--as-of ISO|REF] [--json]',
  details: [
    'Resamples the daily throughput (items finished) of the last 30 working days, 10,000 trials, seeded:',
    'the same repository, as-of and seed always give the same answers (spec docs/spec/metrics.md §4).',
    'Always shows the active sprint\'s chance to finish its open items by its end, and every epic\'s',
    'progress (items and points) with its 85 % date against its target (AT RISK when later).',
    '--epic, --items and --top ask "when will these be done" (50/85/95 % and the distribution);',
    '--by asks "how many items by that day".',
  ].join('\n'),
  flags: [
    REPO_FLAG,
    { name: 'epic', type: 'string', arg: 'ID', help: 'When will the open items of this epic be done.' },
    { name: 'items', type: 'string', arg: 'IDS', help: 'When will these items (comma-separated) be done.' },
    { name: 'top', type: 'string', arg: 'N', help: 'When will the first N open items of the backlog be done.' },
    { name: 'by', type: 'string', arg: 'DATE', help: 'How many items will be done by this day.' },
    { name: 'seed', type: 'string', arg: 'N', help: 'Seed of the trials (default 1).' },
    { name: 'as-of', type: 'string', arg: 'ISO|REF', help: 'A day, an ISO date-time with offset, or a ref (default: now).' },
    { name: 'json', type: 'boolean', help: 'Print the forecast document as JSON (with the distributions).' },
  ],
  positionals: { min: 0, max: 0 },
  run,
};
