// A CLI command is data: its name, help text, flags and a run function.
// main.ts parses argv against this description, so every command gets
// `--help` and clear errors for unknown flags without writing them itself.

import { printable } from '../core/printable';
import { parseInstant } from '../core/time';

export interface FlagSpec {
  name: string;
  type: 'string' | 'boolean';
  short?: string;
  /** Shown in --help, e.g. "DIR" for `--repo DIR`. */
  arg?: string;
  help: string;
  /** May be given more than once (values collected in order). */
  multiple?: boolean;
}

export interface CliIO {
  cwd: string;
  out(text: string): void;
  err(text: string): void;
  /** Environment used for defaults such as "now" (tests pass a fixed one). */
  env: Record<string, string | undefined>;
}

export interface CommandContext {
  positionals: string[];
  flags: Record<string, string | boolean | string[] | undefined>;
  io: CliIO;
}

export interface Command {
  name: string;
  summary: string;
  /** Usage line after `sprintlog `, e.g. `validate [--repo DIR] [--format text|json|github]`. */
  usage: string;
  /** Extra paragraphs of help. */
  details?: string;
  flags: FlagSpec[];
  positionals: { min: number; max: number };
  run(ctx: CommandContext): Promise<number>;
}

/** Thrown for a user mistake: printed as `sprintlog: <message>` with exit code 2. */
export class UsageError extends Error {}

export const REPO_FLAG: FlagSpec = { name: 'repo', type: 'string', arg: 'DIR', help: 'Repository folder (default: the one holding the current directory).' };

export const FORCE_FLAG: FlagSpec = {
  name: 'force', type: 'boolean',
  help: 'Write even if the result has validation errors the files did not have (never while a file does not parse).',
};

/** Said by every writing command's --help. */
export const WRITE_HELP = [
  'Nothing is written while a backlog file (main, archive or sprint log) does not parse;',
  'an edit whose result has a new validation error is refused with it (file:line:col)',
  'unless --force. Writers queue on a lock file, .backlog.yaml.lock beside backlog.yaml.',
].join('\n');

export function stringFlag(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.flags[name];
  return typeof v === 'string' ? v : undefined;
}

/** The default "now": SPRINTLOG_NOW (ISO date-time, for reproducible runs) or the clock. */
export function now(ctx: CommandContext): number {
  const env = ctx.io.env.SPRINTLOG_NOW;
  if (env === undefined || env === '') return Date.now();
  const t = parseInstant(env);
  // A wrong value must not silently mean "the clock": the figures would differ from what was asked for.
  if (t === undefined) throw new UsageError(`SPRINTLOG_NOW='${printable(env)}' is not an ISO 8601 date-time with offset (e.g. 2026-11-20T18:00:00+01:00); unset it to use the clock.`);
  return t;
}
