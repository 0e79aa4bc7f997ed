// `sprintlog forecast` for people: the 50/85/95 % answers, the chance by a date,
// a small text histogram of the distribution, epics against their targets.

import { printable } from '../printable';
import type { ForecastDocument } from './plan';
import type { HowManyAnswer, WhenAnswer } from './simulate';

const pct = (p: number): string => `${Math.round(p * 1000) / 10} %`;
const BAR = 40;

function bars(rows: { label: string; trials: number }[], trials: number): string[] {
  const max = Math.max(1, ...rows.map((r) => r.trials));
  return rows.map((r) => `    ${r.label.padEnd(10)} ${'#'.repeat(Math.round((r.trials / max) * BAR)).padEnd(BAR)} ${pct(r.trials / trials)}`);
}

function whenLines(w: WhenAnswer, trials: number, histogram: boolean): string[] {
  if (w.items === 0) return ['  Nothing left to do.'];
  if (w.p50 === null && w.p85 === null) return [`  ${w.items} open items: no forecast (no items finished in the sampled days).`];
  const lines = [`  ${w.items} open items done by ${w.p50 ?? 'never'} (50 %), ${w.p85 ?? 'never'} (85 %), ${w.p95 ?? 'never'} (95 %)`];
  if (w.chanceBy) lines.push(`  Chance to be done by ${w.chanceBy.date}: ${pct(w.chanceBy.probability)}`);
  if (histogram) lines.push('  Finishing date (share of trials):', ...bars(w.distribution.map((d) => ({ label: d.date, trials: d.trials })), trials));
  if (w.never > 0) lines.push(`  ${pct(w.never / trials)} of the trials never finish (throughput too low).`);
  return lines;
}

function howManyLines(h: HowManyAnswer, trials: number): string[] {
  return [
    `How many items by ${h.date} (${h.workingDays} working days): at least ${h.p50} (50 %), ${h.p85} (85 %), ${h.p95} (95 %)`,
    '  Items done (share of trials):',
    ...bars(h.distribution.map((d) => ({ label: String(d.items), trials: d.trials })), trials),
  ];
}

export function forecastText(d: ForecastDocument): string {
  if (d.sample === null || d.trials === null) return `Sprintlog forecast as of ${d.asOf}: no forecast without the complete git history of the backlog files.\n`;
  const t = d.trials;
  const lines = [
    `Sprintlog forecast as of ${d.asOf} (${t} trials, seed ${d.seed}; throughput of ${d.sample.throughput.length} working days ${d.sample.from ?? ''} → ${d.sample.to ?? ''})`,
  ];
  if (d.selection) lines.push('', `For ${printable(d.selection.label)}:`, ...whenLines(d.selection.when, t, true));
  if (d.howMany) lines.push('', ...howManyLines(d.howMany, t));
  if (d.sprint) {
    lines.push('', `Active sprint ${printable(d.sprint.id)} (ends ${d.sprint.end}): ${pct(d.sprint.chanceByEnd)} chance to finish its ${d.sprint.open.length} open items by its end`);
    if (!d.selection && !d.howMany) lines.push(...whenLines(d.sprint.when, t, false).filter((l) => !l.includes('Chance')));
  }
  if (d.epics.length > 0) {
    lines.push('', 'Epics:');
    for (const e of d.epics) {
      const risk = e.atRisk === true ? '  AT RISK' : '';
      const when = e.when === null || e.when.items === 0 ? (e.open.length === 0 ? 'done' : 'no forecast') : `85 % by ${e.when.p85 ?? 'never'}`;
      lines.push(`  ${printable(e.id)} ${printable(e.title)}: ${e.items.done}/${e.items.total} items, ${e.points.done}/${e.points.total} points; ${when}${e.target ? `, target ${e.target}` : ''}${risk}`);
    }
  }
  return lines.join('\n') + '\n';
}
