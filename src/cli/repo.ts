// Resolving which repository a CLI command works on.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findRepoRoot } from '../core/parse/workspace';
import { printable } from '../core/printable';
import { type CommandContext, stringFlag, UsageError } from './command';

export function repoRoot(ctx: CommandContext): string {
  const given = stringFlag(ctx, 'repo');
  const start = given ? path.resolve(ctx.io.cwd, given) : ctx.io.cwd;
  // `--repo` must name a folder that exists: a typo must not give an empty report, and
  // a file must not silently mean the repository around it.
  if (given !== undefined) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(start);
    } catch {
      throw new UsageError(`--repo ${printable(given)}: no such folder (${printable(start)}).`);
    }
    if (!stat.isDirectory()) throw new UsageError(`--repo ${printable(given)}: not a folder (${printable(start)}); pass the repository's folder.`);
  }
  const root = findRepoRoot(start);
  if (root) return root;
  if (given) return start;
  throw new UsageError(`no repository found from ${start}: run inside a git repository or pass --repo DIR.`);
}
