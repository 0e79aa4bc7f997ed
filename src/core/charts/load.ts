// Loads ECharts for the SVG canvas (ssr.ts), on first use: a CLI command or an extension
// host that draws nothing never compiles it. Node only (the bundles keep ECharts in its own
// file, dist/echarts.js, required here: esbuild.js); ssr.ts itself is typed for the webview too.

import { SvgCanvas, type EChartsModule } from './ssr';

/** A canvas. `legend`: ECharts draws the builders' legends (the report); the dashboard's page draws its own. */
export async function loadSvgCanvas(opts: { legend: boolean }): Promise<SvgCanvas> {
  const echarts = require('./echarts') as EChartsModule;
  if (opts.legend) echarts.useLegend();
  return new SvgCanvas(echarts);
}
