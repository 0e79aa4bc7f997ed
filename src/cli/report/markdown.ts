// Markdown with the charts as SVG files next to it (`<name>.<chart>.svg`), linked
// relatively so the report renders in a pull request or on a forge once committed.

import type { DataTable } from '../../core/charts';
import { escapeMarkdownCell } from '../../core/escape';
import { cellText, type ReportContent } from './sections';

function table(t: DataTable): string {
  if (t.rows.length === 0) return '_none_';
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(t.headers.map(escapeMarkdownCell)), line(t.headers.map(() => '---')), ...t.rows.map((r) => line(r.map((c) => escapeMarkdownCell(cellText(c)))))].join('\n');
}

/** The Markdown text and the SVG files to write beside it (file name → content). */
/** `svgs`: the SVG of each chart of `content`, in order (render.ts). */
export function renderMarkdown(content: ReportContent, baseName: string, svgs: readonly string[]): { text: string; files: Map<string, string> } {
  const files = new Map<string, string>();
  const out: string[] = [`# ${escapeMarkdownCell(content.title)}`, '', ...content.meta.map((m) => `${escapeMarkdownCell(m)}  `), ''];
  let k = 0;
  for (const s of content.sections) {
    out.push(`## ${escapeMarkdownCell(s.title)}`, '');
    for (const t of s.text) out.push(escapeMarkdownCell(t), '');
    for (const c of s.charts) {
      const file = `${baseName}.${c.id}.svg`;
      files.set(file, svgs[k++]);
      out.push(`![${escapeMarkdownCell(c.title)}](${encodeURI(file)})`, '');
      for (const n of c.notes) out.push(`_${escapeMarkdownCell(n)}_`, '');
    }
    for (const t of s.tables) out.push(`### ${escapeMarkdownCell(t.caption)}`, '', table(t.table), '');
  }
  return { text: out.join('\n'), files };
}
