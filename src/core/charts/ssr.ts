// Chart options → SVG text with ECharts' server-side SVG renderer (no DOM), for
// both renderers of the builders' charts: the CLI's report and the dashboard's
// host (the webview shows the SVG; ECharts is not in its bundle). ECharts names its
// CSS classes and clip paths after a per-process instance counter and a global
// class counter (`zr3-cls-48`); they are renamed after the chart's own id and
// numbered from 0 in order of appearance, so the output is the same bytes in any
// process, whatever was drawn before it (the report's SVG cache keeps charts by
// their option), and unique among the charts of one page.

import type { ChartSpec } from './types';

export type EChartsModule = typeof import('./echarts');
type Instance = ReturnType<EChartsModule['init']>;

/** One chart drawn: its SVG and each series' colour as ECharts gave it (a legend's keys). */
export interface DrawnSvg {
  svg: string;
  colours: (string | undefined)[];
}

/** Instances kept per size: the dashboard's charts come in one or two sizes per tab. */
const MAX_INSTANCES = 6;

/**
 * Draws options to SVG. One ECharts instance per size serves every chart of that
 * size (the options replace each other, notMerge): a fresh instance per chart costs
 * more than the drawing of the small charts.
 */
export class SvgCanvas {
  private readonly instances = new Map<string, Instance>();

  constructor(private readonly echarts: EChartsModule) {}

  draw(spec: ChartSpec, width: number, height: number, option: Record<string, unknown> = spec.option as Record<string, unknown>): DrawnSvg {
    const key = `${width}x${height}`;
    let chart = this.instances.get(key);
    if (!chart) {
      chart = this.echarts.init(null, null, { renderer: 'svg', ssr: true, width, height, locale: 'EN' });
      this.instances.set(key, chart);
      if (this.instances.size > MAX_INSTANCES) {
        const [oldest, instance] = this.instances.entries().next().value as [string, Instance];
        instance.dispose();
        this.instances.delete(oldest);
      }
    }
    chart.setOption({ ...option, animation: false }, true);
    const series = Array.isArray(option.series) ? option.series : [];
    const colours = series.map((_s, seriesIndex) => {
      const c = chart.getVisual({ seriesIndex }, 'color');
      return typeof c === 'string' ? c : undefined;
    });
    const svg = renumber(chart.renderToSVGString(), spec.id);
    // Every setOption restarts zrender's frame loop (a 16 ms timer in Node) for animations these charts
    // do not have, and in server-side mode it never goes back to sleep: it would wake the extension
    // host 60 times a second and keep a CLI process alive. The SVG is read from the scene itself.
    chart.getZr().animation.stop();
    return { svg, colours };
  }

  dispose(): void {
    for (const chart of this.instances.values()) chart.dispose();
    this.instances.clear();
  }
}

/** `zr<N>-<kind>-<M>` / `zr<N>-c<M>` → `<id>-<kind>-<k>` / `<id>-c<k>`, k counting per kind from 0 in order of first appearance. */
export function renumber(svg: string, id: string): string {
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
