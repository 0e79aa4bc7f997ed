// Chart options → SVG text with ECharts' server-side SVG renderer (no DOM).
// ECharts names its CSS classes and gradients after a per-process instance
// counter (`zr3-cls-0`); they are renamed after the chart's own id so the
// output is the same bytes in any process and unique among the charts inlined in one page.

import { echarts } from '../../core/charts/echarts';
import type { ChartSpec } from '../../core/charts';

export const CHART_WIDTH = 760;
export const CHART_HEIGHT = 320;

export function renderSvg(spec: ChartSpec, width = CHART_WIDTH, height = CHART_HEIGHT): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...spec.option, animation: false });
    const svg = chart.renderToSVGString();
    return svg.replace(/\bzr\d+-/g, `${spec.id}-`);
  } finally {
    chart.dispose();
  }
}
