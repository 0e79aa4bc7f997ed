// `sprintlog validate`: every problem in the backlog files, for people (text),
// tools (json) and GitHub Actions (workflow annotations). Reads only; never writes.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Problem, Workspace } from '../../core/model';
import { chunkStoreFile, loadChunkStore, saveChunkStore } from '../../core/parse/chunk-store';
import { loadWorkspace } from '../../core/parse/workspace';
import { printable } from '../../core/printable';
import { problemJson, validateWorkspace } from '../../core/validate';
import { type Command, type CommandContext, REPO_FLAG, stringFlag, UsageError } from '../command';
import { repoRoot } from '../repo';

const FORMATS = ['text', 'json', 'github'] as const;
type Format = (typeof FORMATS)[number];

/**
 * `file:line:col: severity code: message`, the shape VS Code's and most CI problem matchers expect; the hint goes on an indented line.
 * File names, messages and hints are made printable: they quote text from the files, which must not reach a terminal raw.
 */
export function formatText(problems: Problem[]): string {
  return problems.map((p) => `${printable(p.file)}:${p.line}:${p.column}: ${p.severity} ${p.code}: ${printable(p.message)}\n${p.hint ? `    hint: ${printable(p.hint)}\n` : ''}`).join('');
}

export function formatJson(problems: Problem[]): string {
  return JSON.stringify({ problems: problems.map(problemJson) }, null, 2) + '\n';
}

/** GitHub's rules for workflow commands: data escapes % CR LF; property values also `:` and `,`. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(problems: Problem[]): string {
  return problems.map((p) => {
    // The runner's log is a terminal too (it renders ANSI colours): printable first, then GitHub's own escapes.
    const props = `file=${escapeProperty(printable(p.file))},line=${p.line},col=${p.column},title=${escapeProperty(p.code)}`;
    const text = p.hint ? `${printable(p.message)}\n${printable(p.hint)}` : printable(p.message);
    return `::${p.severity} ${props}::${escapeData(text)}\n`;
  }).join('');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summary(problems: Problem[], ws: Workspace): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (problems.length === 0) {
    return `sprintlog validate: no problems (${plural(ws.items.length, 'item')}, ${plural(ws.sprintLog?.sprints.length ?? 0, 'sprint')}).\n`;
  }
  const files = [...new Set(problems.map((p) => printable(p.file)))].sort();
  return `sprintlog validate: ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${files.join(', ')}.\n`;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

async function run(ctx: CommandContext): Promise<number> {
  const format = (stringFlag(ctx, 'format') ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown --format '${format}': use text, json or github.`);
  const root = repoRoot(ctx);
  // Parsed items of the last run, from the repository's cache: only changed ones are parsed again.
  const store = chunkStoreFile(root);
  loadChunkStore(store);
  const ws = loadWorkspace(root);
  saveChunkStore(store);
  // A backlog file that exists but cannot be read (not UTF-8, a FIFO, unreadable) is reported as its problem, below.
  if (!ws.parseProblems.some((p) => p.file === ws.backlogPath) && !isFile(path.join(root, ws.backlogPath))) {
    throw new Error(`no backlog file: ${ws.backlogPath} does not exist in ${root}. Run inside the repository that holds it, pass --repo DIR, or create it with \`version: 1\` and an \`items:\` list.`);
  }
  const problems = validateWorkspace(ws);
  ctx.io.out(format === 'json' ? formatJson(problems) : format === 'github' ? formatGithub(problems) : formatText(problems));
  ctx.io.err(summary(problems, ws));
  return problems.some((p) => p.severity === 'error') ? 1 : 0;
}

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check the backlog files for errors and warnings (exit 1 on any error).',
  usage: 'validate [--repo DIR] [--format text|json|github]',
  details: [
    'Reads backlog/backlog.yaml, backlog/archive/*.yaml and backlog/sprints.yaml and never writes them.',
    'text:   file:line:col: severity code: message (a hint may follow on an indented line)',
    'json:   {"problems":[{file,line,column,severity,code,message,hint}]}, files relative to the repository',
    'github: ::error / ::warning workflow annotations for GitHub Actions',
    'Exit status: 0 no errors (warnings allowed), 1 errors or no backlog file, 2 usage error.',
  ].join('\n'),
  flags: [
    REPO_FLAG,
    { name: 'format', type: 'string', arg: 'FORMAT', help: 'Output: text (default), json or github.' },
  ],
  positionals: { min: 0, max: 0 },
  run,
};
