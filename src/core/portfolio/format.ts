// The portfolio as text, Markdown or one self-contained HTML page. Every text
// from the teams' files is escaped by the one owner for its format.

import { escapeHtml, escapeMarkdownCell } from '../charts/escape';
import { grid } from '../kpis/format';
import { round } from '../metrics/context';
import type { Portfolio } from './document';

type Cell = string | number | null;
export interface PortfolioTable { title: string; headers: string[]; rows: Cell[][] }

/** Unknown as – (the format's own escaping follows). */
const num = (v: Cell): string => (v === null ? '–' : String(v));

/** Numbers to two decimals in every table (27.333… velocity reads 27.33), so the panel and the files agree. */
const rounded = (t: PortfolioTable): PortfolioTable => ({ ...t, rows: t.rows.map((r) => r.map((v) => (typeof v === 'number' ? round(v, 2) : v))) });

/** The report's tables (teams, epics, cross-team dependencies, totals): text, md, html and the panel show these. */
export function portfolioTables(p: Portfolio): PortfolioTable[] {
  const out: PortfolioTable[] = [{
    title: 'Teams',
    headers: ['Team', 'Active sprint', 'Velocity', 'Predictability %', 'Cycle p50', 'Cycle p85', 'Satisfaction', 'Warnings', 'Epics at risk', 'Problems'],
    rows: p.teams.map((t) => [
      t.team, t.activeSprint, t.velocity, t.predictabilityPct, t.cycleTimeP50, t.cycleTimeP85, t.satisfaction,
      Object.entries(t.warnings).map(([c, n]) => `${c}${n! > 1 ? ` ×${n}` : ''}`).join(', ') || 'none',
      t.epics === null ? null : t.epics.filter((e) => e.atRisk === true).length,
      t.problems.length === 0 ? 'none' : t.problems.join(' | '),
    ]),
  }];
  const epics = p.teams.flatMap((t) => (t.epics ?? []).map((e) => [t.team, e.id, e.title, `${e.done}/${e.total}`, e.p85, e.target, e.atRisk === true ? 'AT RISK' : e.atRisk === false ? 'on track' : null] as Cell[]));
  if (epics.length > 0) out.push({ title: 'Epics: 85 % forecast vs target', headers: ['Team', 'Epic', 'Title', 'Items done', '85 % date', 'Target', 'Status'], rows: epics });
  if (p.dependencies.length > 0) out.push({ title: 'Dependencies between teams', headers: ['Team', 'Item', 'Depends on', 'Status'], rows: p.dependencies.map((d) => [d.team, d.id, d.on, d.status]) });
  const t = p.totals;
  out.push({ title: 'Totals', headers: ['Teams', 'With problems', 'Velocity (sum)', 'Warnings', 'Epics', 'Epics at risk'], rows: [[t.teams, t.withProblems, t.velocity, t.warnings, t.epics, t.epicsAtRisk]] });
  return out.map(rounded);
}

export function portfolioText(p: Portfolio): string {
  const lines = ['Sprintlog portfolio'];
  for (const t of portfolioTables(p)) {
    lines.push('', `${t.title}:`, ...grid(t));
  }
  return lines.join('\n') + '\n';
}

export function portfolioMarkdown(p: Portfolio): string {
  const lines = ['# Sprintlog portfolio'];
  for (const t of portfolioTables(p)) {
    lines.push('', `## ${t.title}`, '', `| ${t.headers.join(' | ')} |`, `| ${t.headers.map(() => '---').join(' | ')} |`);
    for (const r of t.rows) lines.push(`| ${r.map((c) => escapeMarkdownCell(num(c))).join(' | ')} |`);
  }
  return lines.join('\n') + '\n';
}

export function portfolioHtml(p: Portfolio): string {
  const out = [
    '<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8"><title>Sprintlog portfolio</title>',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<style>body{font-family:-apple-system,\'Segoe UI\',Arial,sans-serif;max-width:1100px;margin:0 auto;padding:24px}table{border-collapse:collapse;margin:8px 0;font-size:.9em}th,td{border:1px solid #d1d9e0;padding:3px 8px;text-align:left}th{background:#f6f8fa}td.n{text-align:right}</style>',
    '</head><body><h1>Sprintlog portfolio</h1>',
  ];
  for (const t of portfolioTables(p)) {
    out.push(`<h2>${escapeHtml(t.title)}</h2><table><thead><tr>${t.headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>`);
    for (const r of t.rows) out.push(`<tr>${r.map((c) => `<td${typeof c === 'number' ? ' class="n"' : ''}>${escapeHtml(num(c))}</td>`).join('')}</tr>`);
    out.push('</tbody></table>');
  }
  out.push('</body></html>', '');
  return out.join('\n');
}
