// The report's charts as SVG text: core/charts/ssr.ts draws them (ECharts' SVG
// renderer, ids renumbered so the same chart is the same bytes in any process),
// svg-cache.ts keeps them between runs.

import type { ChartSpec } from '../../core/charts';
import { loadSvgCanvas } from '../../core/charts/load';
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
    // ECharts is evaluated here, on first use, not when the CLI starts: a warm report never loads it.
    const canvas = await loadSvgCanvas({ legend: true });
    try {
      for (const i of missing) {
        svgs[i] = canvas.draw(specs[i], width, height).svg;
        cache?.set(keys[i], svgs[i]);
      }
    } finally {
      canvas.dispose();
    }
  }
  return svgs as string[];
}

export async function renderSvg(spec: ChartSpec, width = CHART_WIDTH, height = CHART_HEIGHT): Promise<string> {
  return (await renderSvgs([spec], { width, height }))[0];
}
