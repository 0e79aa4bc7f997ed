// Pieces every chart option shares: text style, grid, axes and the rich-text
// tooltip, all from the theme; plus small helpers on the document's dates.

import type { EChartsOption } from 'echarts';
import { addDays, isWorkingDay } from '../time';
import type { ChartFacts, ChartTheme } from './types';

/** `YYYY-MM-DD` of an ISO time with offset written in the document's zone (its local date). */
export function localDay(iso: string): string {
  return iso.slice(0, 10);
}

export function working(day: string, facts: ChartFacts): boolean {
  return isWorkingDay(day, { workingDays: facts.workingDays, holidays: facts.holidays });
}

/** Monday of the week holding `day` (weeks start on Monday, ISO 8601). */
export function weekStart(day: string): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((dow + 6) % 7));
}

export function axisStyle(theme: ChartTheme): Record<string, unknown> {
  return {
    axisLine: { lineStyle: { color: theme.muted } },
    axisTick: { lineStyle: { color: theme.muted } },
    axisLabel: { color: theme.muted, fontFamily: theme.fontFamily, fontSize: theme.fontSize - 1 },
    splitLine: { lineStyle: { color: theme.grid } },
    nameTextStyle: { color: theme.muted, fontFamily: theme.fontFamily },
  };
}

/**
 * The base of every option. Animation off (the SVG report renders one frame; the
 * webview re-renders on every snapshot). Tooltips in rich-text mode: no HTML.
 */
export function baseOption(theme: ChartTheme, legend: string[] | undefined): EChartsOption {
  return {
    animation: false,
    backgroundColor: theme.background,
    color: theme.palette,
    textStyle: { color: theme.foreground, fontFamily: theme.fontFamily, fontSize: theme.fontSize },
    grid: { left: 48, right: 48, top: legend ? 40 : 20, bottom: 40 },
    tooltip: {
      renderMode: 'richText',
      confine: true,
      backgroundColor: theme.background,
      borderColor: theme.grid,
      textStyle: { color: theme.foreground, fontFamily: theme.fontFamily, fontSize: theme.fontSize },
    },
    ...(legend ? { legend: { data: legend, top: 4, textStyle: { color: theme.foreground, fontFamily: theme.fontFamily } } } : {}),
  };
}

/** A horizontal mark line (percentiles, averages) with a label at its end. */
export function hLine(name: string, value: number, color: string, theme: ChartTheme): Record<string, unknown> {
  return {
    name,
    yAxis: value,
    lineStyle: { color, type: 'dashed', width: 1.5 },
    label: { formatter: `${name} ${value}`, color, fontFamily: theme.fontFamily, position: 'insideEndTop' },
  };
}

export function fmt(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined) return '–';
  return Number.isInteger(n) ? String(n) : n.toFixed(digits);
}
