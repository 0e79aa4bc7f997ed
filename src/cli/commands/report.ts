// `sprintlog report`: the dashboard's charts and tables as a file to commit,
// attach or open: Markdown with SVG files beside it, or one self-contained HTML
// file. Same inputs, same bytes (SVG rendered by ECharts' SSR renderer, no clock
// unless --as-of is absent, the forecast seeded). The inputs and each chart's SVG are
// kept in <git-dir>/sprintlog-cache: a cached report is the fresh one, byte for byte.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Command, type CommandContext, REPO_FLAG, stringFlag, UsageError } from '../command';
import { cacheDirOf } from '../../core/metrics-cache';
import { cachedDerived, resolveAsOf } from '../metrics-document';
import { repoRoot } from '../repo';
// The report's modules load only when a report is made, so the other commands of the
// bundled CLI do not evaluate them at start-up; ECharts loads only when a chart is
// not in the SVG cache (report/render.ts).
const renderers = () => Promise.all([import('../report/html'), import('../report/markdown'), import('../report/sections'), import('../report/render'), import('../report/svg-cache')]);

async function run(ctx: CommandContext): Promise<number> {
  const format = stringFlag(ctx, 'format') ?? 'html';
  if (format !== 'md' && format !== 'html') throw new UsageError(`--format must be md or html, got '${format}'.`);
  const outFlag = stringFlag(ctx, 'out');
  if (format === 'md' && outFlag === undefined) throw new UsageError('--format md needs --out FILE: the chart SVG files are written next to it.');
  const sprint = stringFlag(ctx, 'sprint');
  // Loaded while git may run to resolve an --as-of ref (without ECharts they are small).
  const loading = renderers();
  const at = await resolveAsOf(ctx, stringFlag(ctx, 'as-of'));
  const [{ renderHtml }, { renderMarkdown }, { REPORT_INPUTS, reportContent }, { renderSvgs }, { SvgCache }] = await loading;
  // Through the result cache, as `metrics`: a run with nothing changed reads the stored inputs.
  const { value: inputs } = await cachedDerived(ctx, { ...at, command: 'report' }, REPORT_INPUTS);
  const doc = inputs.report;
  if (sprint !== undefined && !doc.sprints.some((s) => s.id === sprint)) {
    throw new UsageError(`unknown sprint '${sprint}' (sprints: ${doc.sprints.map((s) => s.id).join(', ') || 'none'}).`);
  }
  const content = reportContent(inputs, sprint);
  const cache = new SvgCache(cacheDirOf(repoRoot(ctx)));
  const svgs = await renderSvgs(content.sections.flatMap((s) => s.charts), { cache });
  cache.save();
  if (format === 'html') {
    const html = renderHtml(content, svgs);
    if (outFlag === undefined) {
      ctx.io.out(html);
      return 0;
    }
    const out = path.resolve(ctx.io.cwd, outFlag);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, html);
    ctx.io.out(out + '\n');
    return 0;
  }
  const out = path.resolve(ctx.io.cwd, outFlag as string);
  const base = path.basename(out).replace(/\.(md|markdown)$/i, '');
  const md = renderMarkdown(content, base, svgs);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  for (const [file, svg] of md.files) fs.writeFileSync(path.join(path.dirname(out), file), svg);
  fs.writeFileSync(out, md.text);
  ctx.io.out(out + '\n');
  return 0;
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'The sprint and flow charts with their tables, as Markdown + SVG or one self-contained HTML file.',
  usage: 'report [--repo DIR] [--sprint ID] [--as-of ISO|REF] [--format md|html] [--out FILE]',
  details: [
    'Burndown, burnup, committed vs completed, velocity, cycle time, cumulative flow, throughput,',
    'aging work in progress and the Monte Carlo forecast, with tables of committed/completed,',
    'cycle-time percentiles, scope changes (with commit ids), health warnings and the sprint\'s',
    'review and retro notes. Every figure is the one of `sprintlog metrics --json`.',
    '--as-of takes a day or an ISO date-time (as `metrics --as-of`), or a tag, branch or commit:',
    "the figures as of that commit's author time, from its history and files.",
    'html (the default) is one file with inline SVG and no script, printed when --out is absent;',
    'md writes FILE and FILE-base.<chart>.svg beside it. Same inputs, same bytes.',
  ].join('\n'),
  flags: [
    REPO_FLAG,
    { name: 'sprint', type: 'string', arg: 'ID', help: 'Report this sprint (default: the active one, else the last closed one).' },
    { name: 'as-of', type: 'string', arg: 'ISO|REF', help: 'A day, an ISO date-time with offset, or a ref (default: now).' },
    { name: 'format', type: 'string', arg: 'md|html', help: 'Output format (default html).' },
    { name: 'out', type: 'string', arg: 'FILE', help: 'Write here and print its path (html default: stdout).' },
  ],
  positionals: { min: 0, max: 0 },
  run,
};
