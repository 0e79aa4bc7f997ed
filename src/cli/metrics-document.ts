// The CLI's side of the metrics document (core/metrics-document.ts does the work,
// shared with the dashboard panel): the repository from --repo, "now" from
// SPRINTLOG_NOW, problems to stderr, request mistakes as usage errors (exit 2).

import * as cache from '../core/metrics-cache';
import * as core from '../core/metrics-document';
import { type CommandContext, now, UsageError } from './command';
import { repoRoot } from './repo';

export { asOfInstant, type MetricsDocument } from '../core/metrics-document';

export type DocumentRequest = Omit<core.DocumentRequest, 'root' | 'now' | 'err'>;

async function usage<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof core.MetricsRequestError) throw new UsageError(e.message);
    throw e;
  }
}

/** Warnings and parse problems go to stderr, as `sprintlog metrics` always printed them. */
export function metricsDocument(ctx: CommandContext, req: DocumentRequest): Promise<core.MetricsDocument> {
  return usage(() => core.metricsDocument({ ...req, root: repoRoot(ctx), now: () => now(ctx), err: (line) => ctx.io.err(line) }));
}

/** What `d` derives from the metrics document, through the result cache (core/metrics-cache.ts). */
export function cachedDerived<T>(ctx: CommandContext, req: DocumentRequest, d: cache.Derived<T>): Promise<{ value: T; cached: boolean }> {
  return usage(() => cache.cachedDerived({ ...req, root: repoRoot(ctx), now: () => now(ctx), err: (line) => ctx.io.err(line) }, d));
}

/** The cached value when there is one, without analysing anything. */
export function cachedOnly<T>(ctx: CommandContext, req: DocumentRequest, d: cache.Derived<T>): { value: T } | undefined {
  return cache.cachedOnly({ ...req, root: repoRoot(ctx), now: () => now(ctx), err: (line) => ctx.io.err(line) }, d);
}

/** --as-of of `report`: a day or an ISO instant on HEAD, else a ref. */
export function resolveAsOf(ctx: CommandContext, text: string | undefined): Promise<core.AsOfChoice> {
  if (text === undefined) return Promise.resolve({ ref: 'HEAD' });
  return usage(() => core.resolveAsOf(repoRoot(ctx), text));
}
