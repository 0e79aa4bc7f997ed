// `sprintlog metrics`: the spec's metrics document (--json) or a readable summary.
// The document is computed by metrics-document.ts (shared with `sprintlog report`).

import { type Command, type CommandContext, REPO_FLAG, stringFlag } from '../command';
import { metricsDocument } from '../metrics-document';
import { formatSummary } from '../../core/metrics/summary';

async function run(ctx: CommandContext): Promise<number> {
  const sprintId = stringFlag(ctx, 'sprint');
  const { report } = await metricsDocument(ctx, { ref: stringFlag(ctx, 'ref') ?? 'HEAD', asOfText: stringFlag(ctx, 'as-of'), sprint: sprintId, command: 'metrics' });
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
