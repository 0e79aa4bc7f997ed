// `sprintlog health`: the early-warning signs of spec metrics.md §5 as a CI gate.
// The warnings are the metrics document's (one computation); this command picks
// the failing codes, sets the thresholds, and prints text, JSON or annotations.

import { healthJson, healthOf, HealthOptionError, healthText, involvedText, parseFailOn, parseThresholds, THRESHOLD_KEYS, type HealthResult } from '../../core/health';
import type { WarningCode } from '../../core/metrics';
import { printable } from '../../core/printable';
import { type Command, type CommandContext, REPO_FLAG, stringFlag, UsageError } from '../command';
import { resolveAsOf } from '../metrics-document';
import { metricsDocument } from '../metrics-document';
import { escapeData, escapeProperty } from './validate';

const FORMATS = ['text', 'json', 'github'] as const;

/** ::error for a code the gate fails on, ::warning / ::notice for the rest. */
function healthGithub(h: HealthResult): string {
  return h.findings.map((f) => {
    const level = f.failing ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
    const who = involvedText(f.items, f.sprints);
    const text = printable(f.message) + (who ? `\nInvolves ${printable(who)}` : '');
    return `::${level} title=${escapeProperty(`sprintlog health: ${f.code}`)}::${escapeData(text)}\n`;
  }).join('');
}

/** Option mistakes are usage mistakes (exit 2), checked before any git runs. */
function options(ctx: CommandContext): { failOn: WarningCode[]; thresholds: ReturnType<typeof parseThresholds>; format: (typeof FORMATS)[number] } {
  const format = (stringFlag(ctx, 'format') ?? 'text') as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`unknown --format '${format}': use text, json or github.`);
  try {
    const failText = stringFlag(ctx, 'fail-on');
    const raw = ctx.flags.threshold;
    return { format, failOn: failText === undefined ? [] : parseFailOn(failText), thresholds: parseThresholds(Array.isArray(raw) ? raw : []) };
  } catch (e) {
    if (e instanceof HealthOptionError) throw new UsageError(e.message);
    throw e;
  }
}

async function run(ctx: CommandContext): Promise<number> {
  const { failOn, thresholds, format } = options(ctx);
  const at = await resolveAsOf(ctx, stringFlag(ctx, 'as-of'));
  const doc = await metricsDocument(ctx, { ...at, command: 'health', settings: { thresholds } });
  const h = healthOf(doc.report, doc.workspace.states, failOn);
  ctx.io.out(format === 'json' ? healthJson(h) : format === 'github' ? healthGithub(h) : healthText(h));
  return h.failed.length > 0 ? 1 : 0;
}

export const healthCommand: Command = {
  name: 'health',
  summary: 'Early warnings (behind ideal, scope creep, blocked, aging, ...) as a CI gate.',
  usage: 'health [--repo DIR] [--as-of ISO|REF] [--fail-on CODES|all] [--threshold CODE=N]... [--format text|json|github]',
  details: [
    'The health warnings of `sprintlog metrics` (spec docs/spec/metrics.md §5), each with the sprints and',
    'items it involves. Exit status: 1 when a code listed in --fail-on fired, 0 otherwise (without',
    '--fail-on: always 0), 2 on a usage mistake such as an unknown code.',
    'Thresholds (defaults: the spec\'s), as --threshold CODE=N:',
    ...Object.entries(THRESHOLD_KEYS).map(([code, t]) => `  ${code.padEnd(18)} ${t!.means}`),
    'Example for CI: sprintlog health --fail-on behind-ideal,blocked-long --format github',
  ].join('\n'),
  flags: [
    REPO_FLAG,
    { name: 'as-of', type: 'string', arg: 'ISO|REF', help: 'A day, an ISO date-time with offset, or a ref (default: now).' },
    { name: 'fail-on', type: 'string', arg: 'CODES', help: 'Comma-separated warning codes that fail the gate (exit 1), or all.' },
    { name: 'threshold', type: 'string', arg: 'CODE=N', multiple: true, help: 'Change a rule\'s threshold, e.g. blocked-long=5 (repeatable).' },
    { name: 'format', type: 'string', arg: 'FORMAT', help: 'Output: text (default), json or github.' },
  ],
  positionals: { min: 0, max: 0 },
  run,
};
