// Resolving which repository a CLI command works on.
import * as path from 'node:path';
import { findRepoRoot } from '../core/parse/workspace';
import { type CommandContext, stringFlag, UsageError } from './command';

export function repoRoot(ctx: CommandContext): string {
  const given = stringFlag(ctx, 'repo');
  const start = given ? path.resolve(ctx.io.cwd, given) : ctx.io.cwd;
  const root = findRepoRoot(start);
  if (root) return root;
  if (given) return start;
  throw new UsageError(`no repository found from ${start}: run inside a git repository or pass --repo DIR.`);
}
