// `sprintlog metrics`: the spec's metrics document (--json) or a readable summary.
// The document is computed by metrics-document.ts (shared with `sprintlog report`).

import { formatSummary } from '../../core/metrics/summary';
import { printableLines } from '../../core/printable';
import { type Command, type CommandContext, REPO_FLAG, stringFlag } from '../command';
import { METRICS_REPORT } from '../../core/metrics-cache';
import { cachedDerived } from '../metrics-document';

async function run(ctx: CommandContext): Promise<number> {
  const sprintId = stringFlag(ctx, 'sprint');
  // Through the result cache: a run with nothing changed since the last one reads the stored document.
  const { report, unparsed } = (await cachedDerived(ctx, { ref: stringFlag(ctx, 'ref') ?? 'HEAD', asOfText: stringFlag(ctx, 'as-of'), sprint: sprintId, command: 'metrics' }, METRICS_REPORT)).value;
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
