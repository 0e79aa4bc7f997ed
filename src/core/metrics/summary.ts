// The human-readable `sprintlog metrics` summary: one sprint in detail (with a
// small text burndown against the ideal line), then velocity, cycle time, forecast, warnings.

import { weekday } from '../time';
import type { MetricsReport, SprintMetrics } from './types';

const BAR = 30;
const num = (n: number | null): string => (n === null ? '–' : String(Math.round(n * 100) / 100));
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The sprint to show: the one asked for, else the active one, else the last closed, else the first planned. */
export function focusSprint(r: MetricsReport, id?: string): SprintMetrics | undefined {
  if (id !== undefined) return r.sprints.find((s) => s.id === id);
  const closed = r.sprints.filter((s) => s.status === 'closed');
  return r.sprints.find((s) => s.status === 'active') ?? closed[closed.length - 1] ?? r.sprints.find((s) => s.status === 'planned');
}

/** One line per day: `#` for remaining points, `|` where the ideal line is. */
export function textBurndown(s: SprintMetrics): string[] {
  const scale = Math.max(1, s.committed ?? 0, ...s.burndown.map((d) => Math.max(d.remaining ?? 0, d.ideal ?? 0)));
  return s.burndown.map((d) => {
    const cells: string[] = Array.from({ length: BAR + 1 }, (_, i) => (d.remaining !== null && i < Math.round((d.remaining / scale) * BAR) ? '#' : ' '));
    if (d.ideal !== null) cells[Math.round((d.ideal / scale) * BAR)] = '|';
    const label = `${d.date.slice(5)} ${weekday(d.date)}${d.working ? ' ' : '*'}`;
    return `    ${label} ${cells.join('')} ${num(d.remaining).padStart(6)}  ideal ${num(d.ideal)}`;
  });
}

function sprintSection(s: SprintMetrics): string[] {
  const lines = [`Sprint ${s.id} (${s.status ?? 'invalid dates'}, ${s.start} → ${s.end})`];
  const items = s.committedItems === null ? '' : ` (${plural(s.committedItems, 'item')})`;
  lines.push(`  Committed ${num(s.committed)} points${items}, completed ${num(s.completed)}${s.capacity !== null ? `, capacity ${num(s.capacity)}` : ''}`);
  lines.push(`  Scope +${num(s.scopeAdded)} / −${num(s.scopeRemoved)} points after the start (${s.scopeChanges === null ? 'unknown' : plural(s.scopeChanges.length, 'change')})`);
  if (s.unestimated && s.unestimated.length > 0) lines.push(`  Unestimated: ${s.unestimated.join(', ')}`);
  if (s.burndown.length > 0) {
    lines.push('  Burndown (# remaining points, | ideal; * non-working day):');
    lines.push(...textBurndown(s));
  }
  return lines;
}

export function formatSummary(r: MetricsReport, sprintId?: string): string {
  const head = r.head ? ` ${r.head.slice(0, 7)}` : '';
  const lines = [`Sprintlog metrics as of ${r.asOf} (${r.ref}${head}${r.uncommitted ? ' + uncommitted changes' : ''}; history: ${r.history})`, ''];
  const s = focusSprint(r, sprintId);
  lines.push(...(s ? sprintSection(s) : ['No sprints in the sprint log.']), '');
  const v = r.velocity;
  const vs = v.sprints.slice(-v.window).map((x) => `${x.id} ${num(x.completed)}/${num(x.committed)}`).join(', ');
  lines.push(
    v.sprints.length === 0
      ? 'Velocity: no closed sprint yet'
      : `Velocity: ${num(v.average)} (last ${plural(Math.min(v.window, v.sprints.length), 'closed sprint')}: ${vs})`,
  );
  const c = r.cycleTime;
  lines.push(
    c === null
      ? 'Cycle time: unknown (no complete history)'
      : `Cycle time, ${c.from} → ${c.to}: ${plural(c.count, 'item')}, mean ${num(c.mean)}, p50 ${num(c.p50)}, p70 ${num(c.p70)}, p85 ${num(c.p85)}, p95 ${num(c.p95)} days`,
  );
  const f = r.forecast;
  if (f?.when) lines.push(`Forecast: ${plural(f.when.items, 'item')} done by ${f.when.p50 ?? '–'} (50 %), ${f.when.p85 ?? '–'} (85 %), ${f.when.p95 ?? '–'} (95 %)`);
  if (f?.howMany) lines.push(`Forecast: by ${f.howMany.date}, ${f.howMany.p50} (50 %), ${f.howMany.p85} (85 %), ${f.howMany.p95} (95 %) more items done`);
  if (r.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const w of r.warnings) lines.push(`  ${w.severity === 'warning' ? '!' : 'i'} ${w.code}: ${w.message}`);
  }
  return lines.join('\n') + '\n';
}
