// The one owner of escaping for chart text. Every text that comes from the YAML
// (titles, names, goals, authors, commit subjects) goes through one of these
// before it reaches a chart or a report:
// - tooltips use ECharts' `renderMode: 'richText'` (no HTML, no inline styles,
//   so the webview CSP needs no 'unsafe-inline'); rich text still reads
//   `{style|text}` markup, so richText() neutralises braces;
// - the HTML report escapes with escapeHtml();
// - SVG text from ECharts' SSR renderer is escaped by ECharts itself (tested).

/** Text for an ECharts rich-text string: `{` and `}` become look-alikes so no `{style|...}` markup is read. */
export function richText(text: string): string {
  return text.replace(/\{/g, '\uFF5B').replace(/\}/g, '\uFF5D');
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c]);
}

/** Text for a Markdown table cell: HTML-escaped (Markdown renders inline HTML), pipes and newlines neutralised. */
export function escapeMarkdownCell(text: string): string {
  return escapeHtml(text).replace(/([\\`*_[\]|])/g, '\\$1').replace(/\r?\n/g, ' ');
}
