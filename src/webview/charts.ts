// ECharts in the page: one instance per chart element, reused across snapshots
// (setOption with notMerge: a re-render, not a rebuild), resized with its box,
// and the clicks that only an editor can answer (reveal an item, open a diff).
// ECharts itself is loaded by core/charts/echarts.ts (echarts/core + the parts used).
import { init } from '../core/charts/echarts';
import type { ChartSpec } from '../core/charts/types';
import { post, requestId } from './api';
import { renderLegend } from './legend';
import { entryKind, legendNames, pageOption, withLegend, type LegendEntry } from './legend-option';

type Instance = ReturnType<typeof init>;

const instances = new Map<HTMLElement, Instance>();
// Observing a box reports its size once at once: a chart drawn at that size is not laid out again.
// 'auto': measure the box now (a chart made with a given size keeps it until told otherwise).
const resize = new ResizeObserver((entries) => {
  for (const e of entries) {
    const el = e.target as HTMLElement;
    const chart = instances.get(el);
    if (chart && (el.clientWidth !== chart.getWidth() || el.clientHeight !== chart.getHeight())) chart.resize({ width: 'auto', height: 'auto' });
  }
});

/** Charts whose dots are items (a click reveals the item in the YAML). */
const ITEM_CHARTS = new Set(['cycle-time', 'aging']);

interface ClickData {
  id?: string;
  commit?: string;
}

/**
 * The option each chart was last drawn with, as JSON: a snapshot that leaves a chart as it was
 * (most edits touch one or two charts) does not lay it out again. The builders' formatter
 * functions, which JSON drops, read everything from the data, so equal JSON is an equal chart.
 */
const drawnWith = new WeakMap<Instance, string>();

/** Each chart's legend as the page draws it (legend.ts): its box, the series hidden, the entries drawn. */
interface Legend {
  box: HTMLElement;
  hidden: Set<string>;
  spec: ChartSpec;
  entries: LegendEntry[];
}
const legends = new WeakMap<HTMLElement, Legend>();

/** A box's size, read by the caller for all its boxes at once (see draw). */
export interface BoxSize {
  width: number;
  height: number;
}

/** The sizes of `boxes`, read together: one layout for all of them. */
export function boxSizes(boxes: HTMLElement[]): BoxSize[] {
  return boxes.map((b) => ({ width: b.clientWidth, height: b.clientHeight }));
}

/**
 * Draws `spec` into `el` (made once per element), unless it is drawn so already, and its legend
 * into `legendBox` (the series it names: buttons that hide and show them). `size` is the
 * box's size when the caller measured all boxes before drawing any (boxSizes): ECharts would
 * otherwise measure each box itself, and every chart drawn before dirties the layout, so each
 * measure forced a new layout of the whole page (~10 ms each at first paint).
 */
export function draw(el: HTMLElement, spec: ChartSpec, size?: BoxSize, legendBox?: HTMLElement): void {
  let chart = instances.get(el);
  if (!chart) {
    chart = init(el, undefined, { renderer: 'svg', locale: 'EN', ...(size && size.width > 0 && size.height > 0 ? size : {}) });
    instances.set(el, chart);
    resize.observe(el);
    chart.on('click', (p) => {
      const data = (p.data ?? {}) as ClickData;
      const chartId = el.dataset.chart ?? '';
      if (ITEM_CHARTS.has(chartId) && p.seriesType === 'scatter' && data.id) post({ type: 'revealItem', requestId: requestId(), id: data.id });
      else if (chartId === 'burndown' && p.seriesType === 'scatter' && data.commit) post({ type: 'openCommitDiff', requestId: requestId(), commit: data.commit, item: data.id });
    });
  }
  const names = legendNames(spec.option);
  const legend = legendBox ? (legends.get(el) ?? { box: legendBox, hidden: new Set<string>(), spec, entries: [] }) : undefined;
  if (legend) {
    legends.set(el, legend);
    legend.spec = spec;
    for (const n of legend.hidden) if (!names.includes(n)) legend.hidden.delete(n);
  }
  const option = pageOption(spec.option, legend?.hidden ?? new Set());
  const json = JSON.stringify(option);
  if (drawnWith.get(chart) === json) return;
  drawnWith.set(chart, json);
  chart.setOption({ ...option, animation: false }, { notMerge: true, lazyUpdate: false });
  if (legend) drawLegend(el, chart, legend, names);
}

/** The legend's entries in the colours ECharts gave the series (their own or the palette's). */
function drawLegend(el: HTMLElement, chart: Instance, legend: Legend, names: string[]): void {
  const series = (legend.spec.option.series ?? []) as { name?: string; type?: string; lineStyle?: { type?: string } }[];
  legend.entries = names.flatMap((name) => {
    const seriesIndex = series.findIndex((x) => x.name === name);
    if (seriesIndex < 0) return [];
    // 'color': the series' own (line: its stroke; bar, dot: their fill) or the palette's.
    const colour = chart.getVisual({ seriesIndex }, 'color');
    return [{ name, kind: entryKind(series[seriesIndex]), colour: typeof colour === 'string' ? colour : 'currentColor', hidden: legend.hidden.has(name) }];
  });
  renderLegend(legend.box, legend.entries, (name) => {
    if (!legend.hidden.delete(name)) legend.hidden.add(name);
    draw(el, legend.spec, undefined, legend.box);
  });
}

/** Forget charts whose elements left the page. */
export function prune(): void {
  for (const [el, chart] of instances) {
    if (el.isConnected) continue;
    resize.unobserve(el);
    chart.dispose();
    instances.delete(el);
  }
}

export function drawnCount(): number {
  let n = 0;
  for (const [el] of instances) if (el.isConnected && el.querySelector('svg')) n++;
  return n;
}

/** The chart as SVG text (what ECharts draws, with the theme's background, and the page's legend). */
export function chartSvg(el: HTMLElement): string | undefined {
  const chart = instances.get(el);
  const url = chart?.getDataURL({ type: 'svg' });
  if (!chart || !url) return undefined;
  const comma = url.indexOf(',');
  const data = url.slice(comma + 1);
  const svg = url.slice(0, comma).endsWith(';base64') ? atob(data) : decodeURIComponent(data);
  const legend = legends.get(el);
  if (!legend) return svg;
  const style = (legend.spec.option.legend as { textStyle?: { color?: string; fontFamily?: string } } | undefined)?.textStyle;
  return withLegend(svg, legend.entries, chart.getWidth(), { colour: style?.color ?? 'currentColor', font: style?.fontFamily ?? 'sans-serif', size: 12 });
}

/** The chart as a PNG data URL: the SVG drawn on a canvas at twice the size (crisp on high-DPI screens). */
export async function chartPng(el: HTMLElement): Promise<string | undefined> {
  const svg = chartSvg(el);
  if (!svg) return undefined;
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  const scale = 2;
  canvas.width = el.clientWidth * scale;
  canvas.height = el.clientHeight * scale;
  const ctx = canvas.getContext('2d');
  if (!ctx) return undefined;
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png');
}
