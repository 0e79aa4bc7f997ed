// The depends_on graph for a PMO: edges between items (and so between epics),
// chains of open work that end at a blocked item, items planned before what they
// depend on (the dependency-risk warnings), the longest chain of open items each
// epic waits on (its critical path), and `team:ID` entries that point at another
// repository (resolved by `sprintlog portfolio`).

import type { MetricsReport } from '../metrics/types';
import type { Workspace } from '../model';
import { teamRef } from '../team-ref';

export interface DependencyReport {
  edges: { from: string; to: string; open: boolean }[];
  epicEdges: { from: string; to: string }[];
  /** Open item → open dependency → ... → a blocked open item. */
  blockedChains: string[][];
  /** From the dependency-risk warnings: an item and the dependencies planned after it. */
  plannedBefore: { id: string; dependsOn: string[] }[];
  /** Per epic with open items: the longest chain of open items it waits on (first to do first). */
  criticalPaths: { epic: string; target: string | null; path: string[] }[];
  /** `team:ID` entries. */
  external: { id: string; team: string; ref: string }[];
}

export function dependencyReport(r: MetricsReport, ws: Workspace): DependencyReport {
  const open = new Set(r.items.filter((i) => ws.states[i.state] !== 'done').map((i) => i.id));
  const known = new Set(r.items.map((i) => i.id));
  const items = ws.items.filter((i) => known.has(i.id));
  const epicOf = new Map(items.filter((i) => i.epic).map((i) => [i.id, i.epic as string]));
  const deps = new Map<string, string[]>();
  const out: DependencyReport = { edges: [], epicEdges: [], blockedChains: [], plannedBefore: [], criticalPaths: [], external: [] };
  const epicEdges = new Set<string>();
  for (const i of items) {
    for (const d of i.dependsOn) {
      const other = teamRef(d);
      if (other) {
        out.external.push({ id: i.id, team: other.team, ref: other.id });
        continue;
      }
      if (!known.has(d)) continue;
      out.edges.push({ from: i.id, to: d, open: open.has(d) });
      deps.set(i.id, [...(deps.get(i.id) ?? []), d]);
      const a = epicOf.get(i.id);
      const b = epicOf.get(d);
      if (a && b && a !== b && !epicEdges.has(`${a}\u0000${b}`)) {
        epicEdges.add(`${a}\u0000${b}`);
        out.epicEdges.push({ from: a, to: b });
      }
    }
  }
  const blocked = new Set(items.filter((i) => i.blocked !== undefined && open.has(i.id)).map((i) => i.id));
  // Longest chain of open dependencies below each open item (the validator refuses cycles; `seen` guards anyway).
  const memo = new Map<string, string[]>();
  const longest = (id: string, seen: Set<string>): string[] => {
    const hit = memo.get(id);
    if (hit) return hit;
    let best: string[] = [];
    for (const d of deps.get(id) ?? []) {
      if (!open.has(d) || seen.has(d)) continue;
      const sub = longest(d, new Set([...seen, d]));
      if (sub.length > best.length) best = sub;
    }
    const path = [...best, id];
    memo.set(id, path);
    return path;
  };
  const chainToBlocked = (id: string, seen: Set<string>): string[] | null => {
    if (blocked.has(id)) return [id];
    for (const d of deps.get(id) ?? []) {
      if (!open.has(d) || seen.has(d)) continue;
      const sub = chainToBlocked(d, new Set([...seen, d]));
      if (sub) return [id, ...sub];
    }
    return null;
  };
  for (const i of items) {
    if (!open.has(i.id) || blocked.has(i.id)) continue;
    const chain = chainToBlocked(i.id, new Set([i.id]));
    if (chain) out.blockedChains.push(chain);
  }
  out.plannedBefore = r.warnings.filter((w) => w.code === 'dependency-risk').map((w) => ({ id: w.ids[0], dependsOn: w.ids.slice(1) }));
  for (const e of ws.epics) {
    let path: string[] = [];
    for (const i of items) if (i.epic === e.id && open.has(i.id)) {
      const p = longest(i.id, new Set([i.id]));
      if (p.length > path.length) path = p;
    }
    if (path.length > 0) out.criticalPaths.push({ epic: e.id, target: e.target ?? null, path });
  }
  return out;
}
