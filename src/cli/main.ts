// `sprintlog` entry: argv → command. Imports core only (no vscode).

import { parseArgs } from 'node:util';
import { type CliIO, type Command, UsageError } from './command';
import { COMMANDS } from './commands';
import { printable, printableLines } from '../core/printable';
// esbuild inlines this one field of package.json at build time (JSON named imports are tree-shaken): the
// version is written in one place.
import { version as VERSION } from '../../package.json';

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(globalHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    io.out(VERSION + '\n');
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`sprintlog: unknown command '${printable(name)}'.${suggest(name)} Run 'sprintlog --help' for the list.\n`);
    return 2;
  }
  try {
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(commandHelp(command));
      return 0;
    }
    const { values, positionals } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: true,
      // parseArgs rejects `short: undefined`, so only set the keys a flag has.
      options: Object.fromEntries(command.flags.map((f) => [f.name, { type: f.type, ...(f.short ? { short: f.short } : {}), ...(f.multiple ? { multiple: true } : {}) }])),
    });
    const { min, max } = command.positionals;
    if (positionals.length < min || positionals.length > max) {
      throw new UsageError(`'${command.name}' takes ${min === max ? min : `${min} to ${max === Infinity ? 'any number of' : max}`} argument${max === 1 ? '' : 's'}, got ${positionals.length}. Usage: sprintlog ${command.usage}`);
    }
    return await command.run({ positionals, flags: values as Record<string, string | boolean | string[] | undefined>, io });
  } catch (e) {
    if (e instanceof UsageError || isParseArgsError(e)) {
      io.err(`sprintlog ${command.name}: ${printableLines((e as Error).message)}\nUsage: sprintlog ${command.usage}\n`);
      return 2;
    }
    io.err(`sprintlog ${command.name}: ${printableLines(errorMessage(e))}\n`);
    return 1;
  }
}

/** An error's message; a thrown non-Error is shown as text (never a stack trace). */
function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function isParseArgsError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && String((e as { code?: string }).code).startsWith('ERR_PARSE_ARGS');
}

function suggest(name: string): string {
  const close = COMMANDS.find((c) => c.name.startsWith(name.slice(0, 3)));
  return close ? ` Did you mean '${close.name}'?` : '';
}

function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'sprintlog — backlog and sprint tracking in your repository',
    '',
    'Usage: sprintlog <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'sprintlog <command> --help' for a command's options.",
    '',
  ].join('\n');
}

export function commandHelp(c: Command): string {
  const flags = c.flags.map((f) => {
    const left = `  ${f.short ? `-${f.short}, ` : ''}--${f.name}${f.arg ? ' ' + f.arg : ''}`;
    return `${left.padEnd(28)}  ${f.help}`;
  });
  return [`Usage: sprintlog ${c.usage}`, '', c.summary, ...(c.details ? ['', c.details] : []), '', 'Options:', ...flags, `${'  -h, --help'.padEnd(28)}  Show this help.`, ''].join('\n');
}
