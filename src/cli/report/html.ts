// One self-contained HTML file: inline SVG charts, inline CSS, no script, no
// external resource. Every text is escaped with escapeHtml (the SVG text is
// escaped by ECharts). Each chart has its data table in a <details> below it.

import type { DataTable } from '../../core/charts';
import { escapeHtml } from '../../core/escape';
import { cellText, type ReportContent } from './sections';

const CSS = `
body{font-family:-apple-system,'Segoe UI','Helvetica Neue',Arial,sans-serif;color:#1f2328;background:#fff;margin:0 auto;max-width:1100px;padding:24px;line-height:1.45}
h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.25em;margin:32px 0 8px;border-bottom:1px solid #d1d9e0;padding-bottom:4px}h3{font-size:1em;margin:16px 0 4px}
.meta{color:#59636e;margin:0}figure{margin:12px 0}figcaption{font-weight:600;margin-bottom:4px}svg{max-width:100%;height:auto}
.note{color:#59636e;font-size:.9em;margin:2px 0}table{border-collapse:collapse;margin:8px 0;font-size:.9em}
th,td{border:1px solid #d1d9e0;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}
details{margin:4px 0 12px}summary{cursor:pointer;color:#0969da}
`;

function table(t: DataTable, caption?: string): string {
  const head = `<tr>${t.headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr>`;
  const rows = t.rows.map((r) => `<tr>${r.map((c) => `<td${typeof c === 'number' ? ' class="n"' : ''}>${escapeHtml(cellText(c))}</td>`).join('')}</tr>`).join('\n');
  const body = t.rows.length === 0 ? `<tr><td colspan="${t.headers.length}">none</td></tr>` : rows;
  return `<table>${caption ? `<caption>${escapeHtml(caption)}</caption>` : ''}<thead>${head}</thead><tbody>\n${body}\n</tbody></table>`;
}

/** `svgs`: the SVG of each chart of `content`, in order (render.ts). */
export function renderHtml(content: ReportContent, svgs: readonly string[]): string {
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(content.title)}</title>`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No script, no external load, even if some text escaped our escaping.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<style>${CSS}</style></head><body>`,
    `<h1>${escapeHtml(content.title)}</h1>`,
    ...content.meta.map((m) => `<p class="meta">${escapeHtml(m)}</p>`),
  ];
  let k = 0;
  for (const s of content.sections) {
    out.push(`<h2>${escapeHtml(s.title)}</h2>`);
    for (const t of s.text) out.push(`<p>${escapeHtml(t)}</p>`);
    for (const c of s.charts) {
      out.push(`<figure id="${escapeHtml(c.id)}"><figcaption>${escapeHtml(c.title)}</figcaption>`);
      out.push(svgs[k++].replace('<svg ', `<svg role="img" aria-label="${escapeHtml(c.title)}" `));
      for (const n of c.notes) out.push(`<p class="note">${escapeHtml(n)}</p>`);
      out.push(`<details><summary>Data table: ${escapeHtml(c.title)}</summary>${table(c.table)}</details></figure>`);
    }
    for (const t of s.tables) out.push(`<h3>${escapeHtml(t.caption)}</h3>`, table(t.table));
  }
  out.push('</body></html>', '');
  return out.join('\n');
}
