// The charts' legends, drawn by the page over the SVG the host drew without one: one
// button per series the builder names in `legend.data`, over the band above the plot,
// in the colour ECharts gave the series. A button hides or shows its series (the host
// draws the chart again without it). Names reach the page as textContent. What ECharts
// is given and the exported SVG's legend: core/charts/legend.ts (no DOM, unit-tested).
import { h } from './dom';
import type { LegendEntry } from '../core/charts/legend';
import { svg } from './pmo/svg';

function key(e: LegendEntry): SVGSVGElement {
  const shape =
    e.kind === 'bar' ? svg('rect', { x: 3, y: 2, width: 18, height: 10, rx: 2, fill: e.colour })
    : e.kind === 'dot' ? svg('circle', { cx: 12, cy: 7, r: 5, fill: e.colour })
    : e.kind === 'diamond' ? svg('path', { d: 'M12 1L18 7L12 13L6 7Z', fill: e.colour })
    : svg('line', { x1: 1, y1: 7, x2: 23, y2: 7, stroke: e.colour, 'stroke-width': 2.5, ...(e.kind === 'dashed' ? { 'stroke-dasharray': '5 3' } : {}) });
  return svg('svg', { class: 'legend-key', width: 24, height: 14, viewBox: '0 0 24 14', 'aria-hidden': 'true' }, shape);
}

/** The legend's buttons into `box` (emptied first); `toggle` gets the name of the series clicked. */
export function renderLegend(box: HTMLElement, entries: LegendEntry[], toggle: (name: string) => void): void {
  box.replaceChildren(
    ...entries.map((e) => {
      const button = h('button', { type: 'button', class: 'legend-entry', 'aria-pressed': e.hidden ? 'false' : 'true', title: `${e.hidden ? 'Show' : 'Hide'} ${e.name}` }, key(e), e.name);
      button.addEventListener('click', () => toggle(e.name));
      return button;
    }),
  );
  box.hidden = entries.length === 0;
}
