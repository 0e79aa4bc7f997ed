// Every item id that ever existed in the committed history of the backlog files.
// A new item must not take one of them: commit messages, branch names and the
// history's events that named a deleted PAY-94 would otherwise point at the new one.

import type { HistoryEngine } from './index';

/**
 * Ids of every item of every analysed commit reachable from HEAD (any author time).
 * Empty without git, outside a repository or before the first commit. Reads
 * through the caller's engine, so a second call (or one after the engine read
 * the history for figures) costs no git walk.
 */
export async function idsEverUsed(engine: HistoryEngine, root: string, backlogPath?: string): Promise<Set<string>> {
  const { history } = await engine.read(root, { backlogPath, includeWorkingTree: false, asOf: Number.MAX_SAFE_INTEGER });
  const ids = new Set<string>();
  for (const e of history.events) ids.add(e.id);
  return ids;
}
