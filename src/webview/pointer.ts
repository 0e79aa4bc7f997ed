// The pointer over a chart the host drew: tooltips and clicks. The SVG's marks
// carry ECharts' `ecmeta_series_index` / `ecmeta_data_index`, which name the
// option's series and data the page built too (the same pure builders): a mark's
// tooltip is its data's `tip` (else its series, category and value); elsewhere on
// a category chart the tooltip lists each line and bar at the category under the
// pointer, as ECharts' axis tooltip did.
// Tooltip text goes in by textContent only. A click on a dot of an item chart
// reveals the item; on a scope-change marker, opens the commit's diff.
import type { ChartSpec } from '../core/charts/types';
import { post, requestId } from './api';
import { h } from './dom';

/** Charts whose dots are items (a click reveals the item in the YAML). */
const ITEM_CHARTS = new Set(['cycle-time', 'aging']);

interface Series {
  name?: string;
  type?: string;
  data?: unknown[];
}

interface Datum {
  value?: unknown;
  tip?: string;
  id?: string;
  commit?: string;
}

interface Shown {
  spec: ChartSpec;
  hidden: Set<string>;
  frame?: { width: number; height: number };
}

/**
 * The mark under the pointer: its series and datum. Marks lie under mark lines and areas, which
 * carry indices too (their own data's) but are `ecmeta_silent`: the first mark that is not is it.
 */
function markAt(e: MouseEvent, box: HTMLElement, spec: ChartSpec): { series: Series; datum: unknown; index: number } | undefined {
  for (const el of document.elementsFromPoint(e.clientX, e.clientY)) {
    if (el === box || !box.contains(el)) break;
    if (!el.hasAttribute('ecmeta_data_index') || el.getAttribute('ecmeta_silent') === 'true') continue;
    const series = (spec.option.series as Series[] | undefined)?.[Number(el.getAttribute('ecmeta_series_index'))];
    const index = Number(el.getAttribute('ecmeta_data_index'));
    return series ? { series, datum: series.data?.[index], index } : undefined;
  }
  return undefined;
}

function valueText(v: unknown): string | undefined {
  const x = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Datum).value : v;
  const y = Array.isArray(x) ? x[1] : x;
  if (typeof y === 'number') return Number.isInteger(y) ? String(y) : y.toFixed(1);
  return typeof y === 'string' && y !== '' ? y : undefined;
}

type Axis = { type?: string; data?: unknown[]; boundaryGap?: boolean };
type Option = { xAxis?: Axis | Axis[]; grid?: { left?: number; right?: number }; series?: Series[] };
const categoryAxis = (spec: ChartSpec): Axis | undefined => {
  const o = spec.option as Option;
  const axis = Array.isArray(o.xAxis) ? o.xAxis[0] : o.xAxis;
  return axis?.type === 'category' && Array.isArray(axis.data) && axis.data.length > 0 ? axis : undefined;
};
/** Lines and bars hold one value per category (scatter data carries its own x). */
const perCategory = (s: Series): boolean => s.type === 'line' || s.type === 'bar';

/** A mark's own tooltip: its `tip`, else its series, category and value. */
function markLines(spec: ChartSpec, mark: { series: Series; datum: unknown; index: number }): string[] | undefined {
  const d = mark.datum;
  if (typeof d === 'object' && d !== null && typeof (d as Datum).tip === 'string') return (d as Datum).tip!.split('\n');
  const v = valueText(d);
  const category = categoryAxis(spec)?.data?.[mark.index];
  return v === undefined ? undefined : [mark.series.name ?? spec.title, `${category !== undefined && perCategory(mark.series) ? `${String(category)}: ` : ''}${v}`];
}

/** A category chart's tooltip at `x` (in the frame's pixels): the category and each shown line's or bar's value. */
function axisLines(spec: ChartSpec, hidden: Set<string>, x: number, width: number): string[] | undefined {
  const o = spec.option as Option;
  const axis = categoryAxis(spec);
  if (!axis?.data || !(o.series ?? []).some(perCategory)) return undefined;
  // The builders' grid is in pixels (core/charts/common.ts): the plot runs from `left` to width − `right`.
  const left = o.grid?.left ?? 48;
  const plot = width - left - (o.grid?.right ?? 48);
  const n = axis.data.length;
  const at = (x - left) / plot;
  if (plot <= 0 || at < -0.02 || at > 1.02) return undefined;
  const index = axis.boundaryGap === false ? Math.round(at * (n - 1)) : Math.floor(at * n);
  const i = Math.min(n - 1, Math.max(0, index));
  const lines = (o.series ?? []).flatMap((s) => {
    if (!s.name || hidden.has(s.name) || !perCategory(s)) return [];
    const v = valueText(s.data?.[i]);
    return v === undefined ? [] : [`${s.name}: ${v}`];
  });
  return lines.length > 0 ? [String(axis.data[i]), ...lines] : undefined;
}

/** Tooltips and clicks for the chart box `box`; `chart()` is what it shows now. */
export function attachPointer(box: HTMLElement, chart: () => Shown): void {
  const tip = h('div', { class: 'chart-tooltip', role: 'tooltip', hidden: true });
  box.append(tip);
  const hide = () => (tip.hidden = true);
  box.addEventListener('mouseleave', hide);
  box.addEventListener('mousemove', (e) => {
    const c = chart();
    const frame = c.frame;
    if (!frame) return hide();
    const rect = box.getBoundingClientRect();
    const x = ((e.clientX - rect.left) * frame.width) / Math.max(1, rect.width);
    const mark = markAt(e, box, c.spec);
    const lines = (mark && markLines(c.spec, mark)) ?? axisLines(c.spec, c.hidden, x, frame.width);
    box.classList.toggle('over-mark', !!mark && clickable(box, mark.series, mark.datum));
    if (!lines) return hide();
    if (tip.dataset.text !== lines.join('\n')) {
      tip.dataset.text = lines.join('\n');
      tip.replaceChildren(...lines.map((l, i) => h('div', { class: i === 0 ? 'tip-head' : undefined }, l)));
    }
    tip.hidden = false;
    // Beside the pointer, kept inside the box (CSSOM: the CSP allows no style attribute).
    const px = e.clientX - rect.left;
    const py = e.clientY - rect.top;
    const left = px + 14 + tip.offsetWidth > rect.width ? px - 14 - tip.offsetWidth : px + 14;
    tip.style.left = `${Math.max(0, left)}px`;
    tip.style.top = `${Math.max(0, Math.min(py + 14, rect.height - tip.offsetHeight))}px`;
  });
  box.addEventListener('click', (e) => {
    const c = chart();
    const mark = markAt(e, box, c.spec);
    if (!mark || !clickable(box, mark.series, mark.datum)) return;
    const datum = mark.datum as Datum;
    if (ITEM_CHARTS.has(box.dataset.chart ?? '')) post({ type: 'revealItem', requestId: requestId(), id: datum.id! });
    else post({ type: 'openCommitDiff', requestId: requestId(), commit: datum.commit!, item: datum.id });
  });
}

function clickable(box: HTMLElement, series: Series, d: unknown): boolean {
  if (series.type !== 'scatter' || typeof d !== 'object' || d === null) return false;
  const datum = d as Datum;
  const chart = box.dataset.chart ?? '';
  return ITEM_CHARTS.has(chart) ? typeof datum.id === 'string' : chart === 'burndown' && typeof datum.commit === 'string';
}
