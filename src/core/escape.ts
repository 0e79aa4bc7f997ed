// The one owner of escaping text that comes from the files (titles, names,
// goals, descriptions, authors, commit subjects) before it reaches Markdown,
// HTML or a chart:
// - Markdown in VS Code (hovers, tree tooltips: MarkdownString, untrusted) uses
//   escapeMarkdown(): no link, image, HTML, autolink or formatting survives;
// - the CLI report's Markdown uses escapeMarkdownCell() (readable as source);
// - chart tooltips use ECharts' `renderMode: 'richText'` (no HTML, no inline styles,
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

// Every ASCII punctuation Markdown gives a meaning to (CommonMark lets any of them be
// backslash-escaped); `:` too, so `http://x` or `command:x` never becomes an autolink.
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&:]/g;

/**
 * Text from a file for VS Code Markdown: shown literally. Line breaks are kept
 * (as hard breaks are the caller's choice) unless `oneLine`, which makes them spaces.
 */
export function escapeMarkdown(text: string, oneLine = false): string {
  const t = oneLine ? text.replace(/\r?\n|\r/g, ' ') : text;
  return t.replace(MARKDOWN_SPECIAL, (c) => '\\' + c);
}

/**
 * Text for the CLI report's Markdown (paragraphs and table cells), which people
 * also read as source next to `metrics --json`: HTML-escaped (Markdown renders
 * inline HTML), links, emphasis, code and pipes neutralised, newlines made spaces,
 * while numbers, dates and codes stay as the JSON writes them.
 */
export function escapeMarkdownCell(text: string): string {
  return escapeHtml(text).replace(/([\\`*_[\]|])/g, '\\$1').replace(/\r?\n/g, ' ');
}
