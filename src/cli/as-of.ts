// --as-of ISO|REF for the commands that take a day, an instant or a ref
// (report, health, kpis, forecast): one reading of it for all of them.

import { buildWorkspace, readSourceFiles } from '../core/parse/workspace';
import { isValidTimeZone } from '../core/time';
import { type CommandContext, UsageError } from './command';
import { asOfInstant, refTime } from './metrics-document';
import { repoRoot } from './repo';

/** --as-of: a day or an ISO instant on HEAD, or else a ref (tag, branch, commit) analysed as of its commit's author time. */
export async function resolveAsOf(ctx: CommandContext, text: string | undefined): Promise<{ ref: string; asOf?: number; asOfText?: string }> {
  if (text === undefined) return { ref: 'HEAD' };
  const root = repoRoot(ctx);
  const zone = buildWorkspace(root, [], readSourceFiles(root).sprints).sprintLog?.timezone ?? 'UTC';
  if (asOfInstant(text, isValidTimeZone(zone) ? zone : 'UTC') !== undefined) return { ref: 'HEAD', asOfText: text };
  if (text.startsWith('-')) throw new UsageError(`--as-of '${text}' is neither a date nor a ref (a ref cannot start with '-').`);
  const at = await refTime(root, text);
  if (!at.ok) throw new UsageError(`--as-of '${text}' is neither a day (2026-11-20), an ISO date-time with offset, nor a ref git knows (${at.message}).`);
  return { ref: text, asOf: at.time };
}
