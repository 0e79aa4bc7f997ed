// Chart options → SVG text with ECharts' server-side SVG renderer (no DOM).
// ECharts names its CSS classes and gradients after a per-process instance
// counter and a global class counter (`zr3-cls-48`); they are renamed after the
// chart's own id and numbered from 0 in order of appearance so the
// output is the same bytes in any process and unique among the charts inlined in one page.

import { init, useLegend } from '../../core/charts/echarts';
import type { ChartSpec } from '../../core/charts';

export const CHART_WIDTH = 760;
export const CHART_HEIGHT = 320;

/**
 * Each chart as SVG text, in order. One ECharts instance serves them all (the
 * options replace each other, notMerge): a fresh instance per chart costs more
 * than the drawing of the small charts.
 */
export function renderSvgs(specs: readonly ChartSpec[], width = CHART_WIDTH, height = CHART_HEIGHT): string[] {
  useLegend();
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    return specs.map((spec) => {
      chart.setOption({ ...spec.option, animation: false }, true);
      return renumber(chart.renderToSVGString(), spec.id);
    });
  } finally {
    chart.dispose();
  }
}

export function renderSvg(spec: ChartSpec, width = CHART_WIDTH, height = CHART_HEIGHT): string {
  return renderSvgs([spec], width, height)[0];
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
