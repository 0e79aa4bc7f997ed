// The one place that loads ECharts at run time: echarts/core plus only the
// chart types and components the builders use (tree-shaken bundles; the plain
// legend only: the builders' legends are short, the scrolling one costs the webview ~15 KB). Imported
// by renderers (the CLI's SVG report, the webview), never by the extension host.
// Only `init` (and `useLegend`, for the CLI) leaves this file: re-exporting the echarts/core namespace
// kept every export of it (geo parsing, graphic helpers, themes…) in the webview bundle.

import { init, use } from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendPlainComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, LineChart, ScatterChart, GridComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

/**
 * ECharts draws the builders' legends: the CLI's SVG report calls this. The webview does not (its
 * page draws the legends, src/webview/legend.ts), so the legend component stays out of its bundle.
 */
export function useLegend(): void {
  use([LegendPlainComponent]);
}

export { init };
