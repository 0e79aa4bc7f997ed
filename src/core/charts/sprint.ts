// Sprint charts: burndown (remaining, ideal, non-working days shaded, scope
// changes marked), burnup (scope and done), committed vs completed.

import { WORKTREE } from '../history/types';
import type { ScopeChange, SprintMetrics } from '../metrics/types';
import { dayRange } from '../time';
import { axisStyle, baseOption, fmt, localDay, working } from './common';
import { richText } from './escape';
import type { ChartFacts, ChartSpec, ChartTheme } from './types';

export interface ShadedRun {
  from: string;
  to: string;
  /** 'holiday' when the run holds a holiday, else 'weekend'. */
  kind: 'holiday' | 'weekend';
}

/** Runs of consecutive non-working days of the sprint (for markArea). */
export function nonWorkingRuns(days: readonly string[], facts: ChartFacts): ShadedRun[] {
  const runs: ShadedRun[] = [];
  let open: ShadedRun | undefined;
  for (const d of days) {
    if (working(d, facts)) {
      open = undefined;
      continue;
    }
    if (open) open.to = d;
    else runs.push((open = { from: d, to: d, kind: 'weekend' }));
    if (facts.holidays.includes(d)) open.kind = 'holiday';
  }
  return runs;
}

/**
 * Ideal line over the whole sprint. The document gives it up to the as-of date
 * (an active sprint stops there); later days follow the spec's formula
 * committed × working days after D / working days of the sprint.
 */
function idealLine(sprint: SprintMetrics, days: readonly string[], facts: ChartFacts): (number | null)[] {
  const given = new Map(sprint.burndown.map((b) => [b.date, b.ideal]));
  const workDays = days.filter((d) => working(d, facts));
  return days.map((d) => {
    if (given.has(d)) return given.get(d) ?? null;
    if (sprint.committed === null || workDays.length === 0) return null;
    const after = workDays.filter((w) => w > d).length;
    return Math.round(((sprint.committed * after) / workDays.length) * 100) / 100;
  });
}

function changeLine(c: ScopeChange, facts: ChartFacts): string {
  const title = facts.titles[c.id];
  const pts = c.points === null ? 'unestimated' : `${c.kind === 'removed' ? '−' : c.points > 0 ? '+' : ''}${c.points} pts`;
  const commit = facts.commits[c.commit];
  const who = commit ? ` by ${commit.author}` : '';
  return richText(`${c.id}${title !== undefined ? ` ${title}` : ''}\n  ${c.kind} ${pts}, commit ${c.commit.slice(0, 10)}${who}`);
}

/** Scope changes grouped by their local day, in document order. */
export function changesByDay(sprint: SprintMetrics): Map<string, ScopeChange[]> {
  const byDay = new Map<string, ScopeChange[]>();
  for (const c of sprint.scopeChanges ?? []) {
    // The document writes times in its own zone: the day is the string's (no Intl, whose first
    // time-zone formatter costs the webview's first paint tens of milliseconds).
    const d = localDay(c.time);
    byDay.set(d, [...(byDay.get(d) ?? []), c]);
  }
  return byDay;
}

export function burndownChart(sprint: SprintMetrics, facts: ChartFacts, theme: ChartTheme): ChartSpec {
  const days = dayRange(sprint.start, sprint.end);
  const remaining = new Map(sprint.burndown.map((b) => [b.date, b.remaining]));
  const ideal = idealLine(sprint, days, facts);
  const runs = nonWorkingRuns(days, facts);
  const byDay = changesByDay(sprint);
  const markers = [...byDay].map(([d, list]) => {
    // The dashboard opens this commit's diff on a click: the day's last committed change (the uncommitted one has no diff).
    const last = [...list].reverse().find((c) => c.commit !== WORKTREE);
    return { value: [d, remaining.get(d) ?? null], tip: `Scope change ${d}\n` + list.map((c) => changeLine(c, facts)).join('\n'), commit: last?.commit, id: last?.id };
  });
  const option = {
    ...baseOption(theme, ['Remaining', 'Ideal', 'Scope change']),
    xAxis: { type: 'category', data: days, boundaryGap: false, ...axisStyle(theme), splitLine: { show: false } },
    yAxis: { type: 'value', name: 'points', min: 0, ...axisStyle(theme) },
    series: [
      {
        name: 'Remaining',
        type: 'line',
        data: days.map((d) => remaining.get(d) ?? null),
        step: false,
        symbolSize: 6,
        lineStyle: { width: 2.5 },
        markArea: {
          silent: true,
          itemStyle: { color: theme.shade },
          label: { color: theme.muted, fontFamily: theme.fontFamily, fontSize: theme.fontSize - 2, position: 'insideTop' },
          data: runs.map((r) => [{ name: r.kind === 'holiday' ? 'holiday' : 'weekend', xAxis: r.from }, { xAxis: r.to }]),
        },
      },
      { name: 'Ideal', type: 'line', data: ideal, symbol: 'none', lineStyle: { type: 'dashed', width: 1.5 }, color: theme.muted },
      {
        name: 'Scope change',
        type: 'scatter',
        symbol: 'diamond',
        symbolSize: 12,
        // Above the Remaining line's own symbols at the same point, so a hover or click reaches the marker.
        z: 3,
        color: theme.warning,
        data: markers,
        tooltip: { trigger: 'item', formatter: (p: { data?: { tip?: string } }) => p.data?.tip ?? '' },
      },
    ],
  };
  const rows = days.map((d, i) => [
    d,
    working(d, facts) ? 'yes' : facts.holidays.includes(d) ? 'holiday' : 'no',
    remaining.get(d) ?? null,
    ideal[i],
    (byDay.get(d) ?? []).map((c) => `${c.id} ${c.kind} ${fmt(c.points)}`).join('; '),
  ]);
  return {
    id: 'burndown',
    title: `Burndown ${sprint.id}`,
    option: option as ChartSpec['option'],
    table: { headers: ['Date', 'Working day', 'Remaining', 'Ideal', 'Scope changes'], rows },
    notes: sprint.burndown.length < days.length ? ['Remaining stops at the as-of date; the ideal line runs to the sprint end.'] : [],
  };
}

export function burnupChart(sprint: SprintMetrics, theme: ChartTheme): ChartSpec {
  const option = {
    ...baseOption(theme, ['Scope', 'Done']),
    xAxis: { type: 'category', data: sprint.burnup.map((b) => b.date), boundaryGap: false, ...axisStyle(theme), splitLine: { show: false } },
    yAxis: { type: 'value', name: 'points', min: 0, ...axisStyle(theme) },
    tooltip: { ...baseOption(theme, undefined).tooltip, trigger: 'axis' },
    series: [
      { name: 'Scope', type: 'line', step: 'end', data: sprint.burnup.map((b) => b.scope), color: theme.palette[2] },
      { name: 'Done', type: 'line', data: sprint.burnup.map((b) => b.done), areaStyle: { opacity: 0.2 }, color: theme.palette[1] },
    ],
  };
  return {
    id: 'burnup',
    title: `Burnup ${sprint.id}`,
    option: option as ChartSpec['option'],
    table: { headers: ['Date', 'Scope', 'Done'], rows: sprint.burnup.map((b) => [b.date, b.scope, b.done]) },
    notes: [],
  };
}

export function commitmentChart(sprint: SprintMetrics, theme: ChartTheme): ChartSpec {
  const bars: [string, number | null][] = [
    ['Capacity', sprint.capacity],
    ['Committed', sprint.committed],
    ['Scope added', sprint.scopeAdded],
    ['Scope removed', sprint.scopeRemoved],
    ['Completed', sprint.completed],
  ];
  const option = {
    ...baseOption(theme, undefined),
    xAxis: { type: 'category', data: bars.map((b) => b[0]), ...axisStyle(theme), splitLine: { show: false } },
    yAxis: { type: 'value', name: 'points', min: 0, ...axisStyle(theme) },
    tooltip: { ...baseOption(theme, undefined).tooltip, trigger: 'axis' },
    series: [
      {
        name: 'Points',
        type: 'bar',
        barMaxWidth: 48,
        data: bars.map((b, i) => ({ value: b[1], itemStyle: { color: theme.palette[[3, 0, 2, 4, 1][i]] } })),
        label: { show: true, position: 'top', color: theme.foreground, fontFamily: theme.fontFamily },
      },
    ],
  };
  return {
    id: 'commitment',
    title: `Committed vs completed ${sprint.id}`,
    option: option as ChartSpec['option'],
    table: { headers: ['Figure', 'Points'], rows: bars.map((b) => [b[0], b[1]]) },
    notes: [],
  };
}
