// DOM helpers: every text goes in through textContent or an attribute value
// (never innerHTML), so text from the YAML cannot become markup.
import type { DataTable } from '../core/charts/types';

type Attrs = Record<string, string | number | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: (Node | string | undefined)[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs, ...children: (Node | string | undefined)[]): HTMLElement;
export function h(tag: string, attrs: Attrs = {}, ...children: (Node | string | undefined)[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== undefined) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

export function cellText(v: string | number | null): string {
  return v === null ? '–' : String(v);
}

/** A data table; `cell` may replace a cell's content (e.g. with a button); `index` is the row's. */
export function dataTable(t: DataTable, caption: string, cell?: (row: DataTable['rows'][number], col: number, index: number) => Node | undefined): HTMLTableElement {
  const head = h('tr', {}, ...t.headers.map((x) => h('th', { scope: 'col' }, x)));
  const body = t.rows.length === 0
    ? [h('tr', {}, h('td', { colspan: t.headers.length }, 'none'))]
    : t.rows.map((r, index) => h('tr', {}, ...r.map((c, i) => h('td', { class: typeof c === 'number' ? 'n' : undefined }, cell?.(r, i, index) ?? cellText(c)))));
  return h('table', {}, h('caption', {}, caption), h('thead', {}, head), h('tbody', {}, ...body));
}

export function clear(el: Element): void {
  while (el.firstChild) el.firstChild.remove();
}
