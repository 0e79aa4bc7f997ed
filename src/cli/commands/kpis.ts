// `sprintlog kpis`: the PMO's KPI table per sprint and its trend, open retro
// actions, time in state, capacity and load, dependencies.

import { kpiDocument, kpiText } from '../../core/kpis';
import { type Command, type CommandContext, REPO_FLAG, stringFlag } from '../command';
import { resolveAsOf } from '../metrics-document';
import { metricsDocument } from '../metrics-document';

async function run(ctx: CommandContext): Promise<number> {
  const at = await resolveAsOf(ctx, stringFlag(ctx, 'as-of'));
  const doc = await metricsDocument(ctx, { ...at, command: 'kpis' });
  const k = kpiDocument(doc.report, doc.workspace, doc.history);
  ctx.io.out(ctx.flags.json === true ? JSON.stringify(k, null, 2) + '\n' : kpiText(k));
  return 0;
}

export const kpisCommand: Command = {
  name: 'kpis',
  summary: 'KPIs per sprint and their trend, open retro actions, bottlenecks, capacity and dependencies.',
  usage: 'kpis [--repo DIR] [--as-of ISO|REF] [--json]',
  details: [
    'Per sprint: committed, velocity (completed points), predictability (completed / committed), cycle time',
    'p50/p85 and throughput of the items finished on its days, scope change (points added + removed after',
    'the start, % of committed), blocked days of its items, review satisfaction, open retro actions.',
    'Then the trend over closed sprints, open retro actions with owner and age, time in state per state',
    '(p50/p85 of the stays, from the history), capacity vs committed vs velocity, each assignee\'s open',
    'points against their average, and the depends_on picture (blocked chains, critical paths, other teams).',
  ].join('\n'),
  flags: [
    REPO_FLAG,
    { name: 'as-of', type: 'string', arg: 'ISO|REF', help: 'A day, an ISO date-time with offset, or a ref (default: now).' },
    { name: 'json', type: 'boolean', help: 'Print the KPI document as JSON.' },
  ],
  positionals: { min: 0, max: 0 },
  run,
};
