// SVG elements built with DOM calls (createElementNS): attributes by
// setAttribute, text by textContent, never markup. Colours come from classes in
// dashboard.css (the CSP allows no inline style; CSS variables do not work in
// presentation attributes).
import { sparklineGeometry } from '../../core/charts/sparkline';

const NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: (Node | undefined)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) if (c) el.append(c);
  return el;
}

export function svgText(attrs: Record<string, string | number>, text: string): SVGTextElement {
  const t = svg('text', attrs);
  t.textContent = text;
  return t;
}

const W = 96;
const H = 24;

/** A small inline trend; its accessible name lists the values (the image says nothing else). */
export function sparkline(values: readonly (number | null)[], label: string): SVGSVGElement {
  const g = sparklineGeometry(values, W, H, 3);
  const text = values.map((v) => (v === null ? 'unknown' : String(v))).join(', ');
  const root = svg('svg', { class: 'sparkline', width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${label}: ${text || 'no values'}` });
  if (g.path) root.append(svg('path', { d: g.path, class: 'spark-line' }));
  const last = g.points.at(-1);
  if (last) root.append(svg('circle', { cx: last.x, cy: last.y, r: 2.5, class: 'spark-last' }));
  return root;
}
