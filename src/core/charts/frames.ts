// The dashboard's charts as the host draws them for the webview: the page asks for
// its open tab's charts at its boxes' sizes and in its theme, the host builds the
// same specs from the snapshot it sent (the builders are pure: same inputs, same
// option) and draws them with ECharts' SVG renderer (ssr.ts). ECharts stays out of
// the webview's bundle (662 → 148 KB) and its first paint waits for no chart
// library. The page's legends, tooltips and clicks work on the SVG (its elements
// carry ECharts' `ecmeta_*` series and data indices).
//
// The SVG goes into a page whose CSP allows no inline style, so it is given
// without ECharts' hover <style> and with its style attributes written as the
// SVG presentation attributes they stand for.

import type { MetricsReport } from '../metrics/types';
import { buildGroup, pickSprint, type ChartGroups } from './index';
import { entryKind, legendNames, pageOption, type LegendEntry, type SeriesOption } from './legend';
import type { SvgCanvas } from './ssr';
import type { ChartFacts, ChartSpec, ChartTheme } from './types';

/** One chart the page wants: its box's size, and the series its legend hides. */
export interface FrameRequest {
  id: string;
  width: number;
  height: number;
  hidden: string[];
}

/** One chart drawn for the page. */
export interface ChartFrame {
  id: string;
  width: number;
  height: number;
  svg: string;
  /** The page's legend: the builder's names, in the colours ECharts gave their series. */
  legend: LegendEntry[];
}

export const CHART_TABS = ['sprint', 'velocity', 'cycleTime', 'flow', 'aging', 'forecast'] as const satisfies readonly (keyof ChartGroups)[];
export type ChartTab = (typeof CHART_TABS)[number];

/** What the charts are built from: the `charts` snapshot body's fields. */
export interface FrameSource {
  report: MetricsReport;
  facts: ChartFacts;
  sprint?: string;
}

/** The tab's specs, built as the page builds them (main.ts renderTab). */
export function tabSpecs(source: FrameSource, tab: ChartTab, theme: ChartTheme): ChartSpec[] {
  return buildGroup(tab, source.report, source.facts, theme, pickSprint(source.report, source.sprint));
}

/** Frames kept by option and size: an edit redraws only the charts it changed. */
const MAX_FRAMES = 64;

/** Draws frames on a canvas, keeping the last ones drawn. */
export class FrameDrawer {
  private readonly kept = new Map<string, ChartFrame>();

  constructor(private readonly canvas: SvgCanvas) {}

  /** The requested charts of `specs` (unknown ids are skipped), in the order asked. */
  draw(specs: readonly ChartSpec[], requests: readonly FrameRequest[]): ChartFrame[] {
    return requests.flatMap((r) => {
      const spec = specs.find((s) => s.id === r.id);
      return spec ? [this.frame(spec, r)] : [];
    });
  }

  private frame(spec: ChartSpec, r: FrameRequest): ChartFrame {
    const hidden = new Set(r.hidden);
    const option = pageOption(spec.option as Record<string, unknown>, hidden);
    // The builders' formatter functions only shape tooltips, which the page draws: JSON is the chart.
    const key = JSON.stringify([spec.id, r.width, r.height, option]);
    const kept = this.kept.get(key);
    if (kept) {
      this.kept.delete(key);
      this.kept.set(key, kept);
      return kept;
    }
    const drawn = this.canvas.draw(spec, r.width, r.height, option);
    const series = (Array.isArray(spec.option.series) ? spec.option.series : []) as SeriesOption[];
    const legend = legendNames(spec.option as Record<string, unknown>).flatMap((name) => {
      const i = series.findIndex((s) => s.name === name);
      return i < 0 ? [] : [{ name, kind: entryKind(series[i]), colour: drawn.colours[i] ?? 'currentColor', hidden: hidden.has(name) }];
    });
    const frame: ChartFrame = { id: spec.id, width: r.width, height: r.height, svg: pageSvg(drawn.svg), legend };
    this.kept.set(key, frame);
    if (this.kept.size > MAX_FRAMES) this.kept.delete(this.kept.keys().next().value as string);
    return frame;
  }

  dispose(): void {
    this.canvas.dispose();
    this.kept.clear();
  }
}

const STYLE_PROPERTIES = new Set(['font-size', 'font-family', 'font-weight', 'font-style', 'fill', 'stroke', 'opacity', 'fill-opacity', 'stroke-opacity', 'stroke-width', 'text-decoration', 'visibility']);
const ATTR: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const ENTITY: Record<string, string> = { '&quot;': '"', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&#39;': "'" };

/**
 * ECharts' SVG for a page with `style-src` limited to files: without the <style>
 * element (hover colours; the page shows its own pointer over clickable marks) and
 * with each `style="a:b;…"` attribute as presentation attributes (`a="b"`); a
 * property without one is dropped.
 */
export function pageSvg(svg: string): string {
  return svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_whole, css: string) =>
      // The declarations came out of an attribute: entities first (`&quot;` holds a `;`), escaped again for theirs.
      css
        .replace(/&(quot|amp|lt|gt|#39);/g, (e) => ENTITY[e])
        .split(';')
        .map((decl) => {
          const at = decl.indexOf(':');
          if (at < 0) return '';
          const name = decl.slice(0, at).trim().toLowerCase();
          const value = decl.slice(at + 1).trim().replace(/[&<>"]/g, (c) => ATTR[c]);
          return STYLE_PROPERTIES.has(name) && value !== '' ? ` ${name}="${value}"` : '';
        })
        .join(''),
    );
}

/** Keeps what goes into an SVG attribute plain: the theme comes from the page. */
export function normaliseTheme(theme: ChartTheme): ChartTheme {
  // ECharts writes the family into a style attribute as it is: double quotes would end it.
  return { ...theme, fontFamily: theme.fontFamily.replace(/"/g, "'") };
}
