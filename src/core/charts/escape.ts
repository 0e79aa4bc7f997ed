// Chart code imports its escaping from here; the rules live in src/core/escape.ts.
export { escapeHtml, escapeMarkdownCell, richText } from '../escape';
