// Chart options → SVG text with ECharts' server-side SVG renderer (no DOM).
// ECharts names its CSS classes and gradients after a per-process instance
// counter and a global class counter (`zr3-cls-48`); they are renamed after the
// chart's own id and numbered from 0 in order of appearance so the
// output is the same bytes in any process, whatever was drawn before it (so a
// chart can be kept by svg-cache.ts), and unique among the charts inlined in one page.

import type { ChartSpec } from '../../core/charts';
import { chartKey, RENDER_BUILD, type SvgCache } from './svg-cache';

export const CHART_WIDTH = 760;
export const CHART_HEIGHT = 320;

export interface RenderOptions {
  width?: number;
  height?: number;
  /** Charts kept from earlier runs: only the others are drawn (and added to it). */
  cache?: SvgCache;
  /** The rendering code's identity in the cache keys (tests change it; default: this build). */
  build?: string;
}

/**
 * Each chart as SVG text, in order. One ECharts instance serves the charts to draw
 * (the options replace each other, notMerge): a fresh instance per chart costs
 * more than the drawing of the small charts. ECharts is loaded only when a chart
 * is not in the cache (a warm report never evaluates it).
 */
export async function renderSvgs(specs: readonly ChartSpec[], opts: RenderOptions = {}): Promise<string[]> {
  const { width = CHART_WIDTH, height = CHART_HEIGHT, cache, build = RENDER_BUILD } = opts;
  const keys = specs.map((spec) => (cache ? chartKey(spec, width, height, build) : ''));
  const svgs = specs.map((_spec, i) => cache?.get(keys[i]));
  const missing = specs.flatMap((spec, i) => (svgs[i] === undefined ? [i] : []));
  if (missing.length > 0) {
    // Evaluated here, on first use, not when the CLI starts (esbuild keeps a dynamic import lazy).
    const { init, useLegend } = await import('../../core/charts/echarts');
    useLegend();
    const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
    try {
      for (const i of missing) {
        chart.setOption({ ...specs[i].option, animation: false }, true);
        svgs[i] = renumber(chart.renderToSVGString(), specs[i].id);
        cache?.set(keys[i], svgs[i]);
      }
    } finally {
      chart.dispose();
    }
  }
  return svgs as string[];
}

export async function renderSvg(spec: ChartSpec, width = CHART_WIDTH, height = CHART_HEIGHT): Promise<string> {
  return (await renderSvgs([spec], { width, height }))[0];
}

/** `zr<N>-<kind>-<M>` / `zr<N>-c<M>` → `<id>-<kind>-<k>` / `<id>-c<k>`, k counting per kind from 0 in order of first appearance. */
function renumber(svg: string, id: string): string {
  const seen = new Map<string, string>();
  const next = new Map<string, number>();
  return svg.replace(/\bzr\d+-([a-z]+-?)(\d+)\b/g, (whole, kind: string) => {
    let name = seen.get(whole);
    if (name === undefined) {
      const k = next.get(kind) ?? 0;
      next.set(kind, k + 1);
      seen.set(whole, (name = `${id}-${kind}${k}`));
    }
    return name;
  });
}
