// The dashboard chart legends without the DOM (the page draws them: src/webview/legend.ts): the names the
// builder gives the legend, the option ECharts draws in the page (no legend; a hidden
// series without data or marks, so the axes fit the rest) and the legend drawn into an
// exported SVG, its names escaped (they can be workflow state names from the YAML).
import { escapeHtml } from '../escape';

export interface LegendEntry {
  name: string;
  /** How the series is drawn: its key shows the same (a line, a dashed line, a bar, a dot, a diamond). */
  kind: 'line' | 'dashed' | 'bar' | 'dot' | 'diamond';
  colour: string;
  hidden: boolean;
}

export interface SeriesOption {
  name?: string;
  type?: string;
  symbol?: unknown;
  data?: unknown;
  lineStyle?: { type?: string };
  markLine?: unknown;
  markArea?: unknown;
}

/** The names the builder put in the option's legend (none: the chart has no legend). */
export function legendNames(option: Record<string, unknown>): string[] {
  const legend = option.legend as { data?: unknown } | undefined;
  return Array.isArray(legend?.data) ? legend.data.filter((n): n is string => typeof n === 'string') : [];
}

/**
 * The option ECharts draws in the page: no legend (the page draws it over the band the builder's
 * grid leaves above the plot, where ECharts drew it), and the hidden series without data or marks.
 */
export function pageOption(option: Record<string, unknown>, hidden: ReadonlySet<string>): Record<string, unknown> {
  const { legend: _legend, ...rest } = option;
  if (hidden.size === 0 || !Array.isArray(option.series)) return rest;
  const series = (option.series as SeriesOption[]).map((s) => (s.name !== undefined && hidden.has(s.name) ? { ...s, data: [], markLine: undefined, markArea: undefined } : s));
  return { ...rest, series };
}

export function entryKind(s: SeriesOption | undefined): LegendEntry['kind'] {
  if (s?.type === 'bar') return 'bar';
  if (s?.type === 'scatter') return s.symbol === 'diamond' ? 'diamond' : 'dot';
  return s?.lineStyle?.type === 'dashed' ? 'dashed' : 'line';
}

/** Where ECharts drew its legend (the builders' `legend.top`, its key's height): the page's sits there too. */
const TOP = 4;
const ROW = 14;

/**
 * `chart` (ECharts' SVG, `width` wide) with the legend drawn in, where the page shows it (centred in
 * the band the builder keeps above the grid): the exported file shows what the panel showed.
 */
export function withLegend(chart: string, entries: LegendEntry[], width: number, text: { colour: string; font: string; size: number }): string {
  const end = chart.lastIndexOf('</svg>');
  if (entries.length === 0 || end < 0) return chart;
  const at = (s: string | number) => escapeHtml(String(s));
  // Laid out like the page's centred row: key, gap, text (an estimate of its width), gap.
  const widths = entries.map((e) => 24 + 6 + e.name.length * text.size * 0.6 + 16);
  let x = Math.max(0, (width - widths.reduce((a, b) => a + b, 0)) / 2);
  const y = TOP + ROW / 2;
  const items = entries.map((e, i) => {
    x = Math.round(x * 10) / 10;
    const colour = e.hidden ? text.colour : e.colour;
    const k =
      e.kind === 'bar' ? `<rect x="${x + 3}" y="${y - 5}" width="18" height="10" rx="2" fill="${at(colour)}"/>`
      : e.kind === 'dot' ? `<circle cx="${x + 12}" cy="${y}" r="5" fill="${at(colour)}"/>`
      : e.kind === 'diamond' ? `<path d="M${x + 12} ${y - 6}L${x + 18} ${y}L${x + 12} ${y + 6}L${x + 6} ${y}Z" fill="${at(colour)}"/>`
      : `<line x1="${x + 1}" y1="${y}" x2="${x + 23}" y2="${y}" stroke="${at(colour)}" stroke-width="2.5"${e.kind === 'dashed' ? ' stroke-dasharray="5 3"' : ''}/>`;
    const t = `<text x="${x + 30}" y="${y}" dominant-baseline="central" fill="${at(text.colour)}" font-family="${at(text.font)}" font-size="${text.size}"${e.hidden ? ' text-decoration="line-through"' : ''}>${at(e.name)}</text>`;
    x += widths[i];
    return k + t;
  });
  return `${chart.slice(0, end)}<g class="legend">${items.join('')}</g>${chart.slice(end)}`;
}
