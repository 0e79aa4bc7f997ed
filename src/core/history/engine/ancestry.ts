// What the events of a merge's ancestors give for the fields its parents
// disagree on (spec metrics.md §1): the value of the last event in commit order
// among all its ancestors. Found by walking the ordered commits back from the
// merge, skipping those that are not its ancestors, until every disputed field
// has met an event. The walk is short in practice: the parents disagree only
// because of an event after their merge base, and the last event is at or
// after it.

import { disputeKey, type AncestorValues } from '../scan/snapshot';
import type { CommitRec, EngineState } from './state';

/** Ancestors of `rec` (not itself) known to the state. */
function ancestorsOf(state: EngineState, rec: CommitRec): Set<string> {
  const seen = new Set<string>();
  const stack = [...rec.parents];
  while (stack.length > 0) {
    const h = stack.pop()!;
    if (seen.has(h)) continue;
    const r = state.commits.get(h);
    if (!r) continue;
    seen.add(h);
    for (const p of r.parents) if (!seen.has(p)) stack.push(p);
  }
  return seen;
}

/**
 * A resolver for merge `rec` at index `at` of `ordered` (the commits in commit
 * order; every ancestor before it, with its events computed).
 */
export function ancestorValues(state: EngineState, ordered: readonly CommitRec[], at: number, rec: CommitRec): AncestorValues {
  return (disputed) => {
    const out = new Map<string, unknown>();
    let left = 0;
    for (const s of disputed.values()) left += s.size;
    const anc = ancestorsOf(state, rec);
    for (let i = at - 1; i >= 0 && left > 0; i--) {
      const r = ordered[i];
      if (!anc.has(r.hash)) continue;
      const ev = r.events;
      if (!ev) throw new Error(`history: ancestor ${r.hash} of ${rec.hash} has no events yet`);
      for (let j = 0; j < ev.length; j += 3) {
        const fields = disputed.get(ev[j] as string);
        if (!fields?.has(ev[j + 1] as string)) continue;
        const key = disputeKey(ev[j] as string, ev[j + 1] as string);
        if (out.has(key)) continue;
        out.set(key, ev[j + 2]);
        left--;
      }
    }
    return out;
  };
}
