// depends_on: every entry names an item, and the dependencies form no cycle
// (an item in a cycle waits for itself and can never start).

import type { Item, SourceRange } from '../model';
import type { Context } from './context';
import { scalarText } from './fields';
import { itemLabel } from './items';
import { Suggester } from './suggest';

interface Dep {
  id: string;
  /** Index in the `depends_on` list, or -1 for the scalar form `depends_on: PAY-9`. */
  index: number;
}

const NONE: Dep[] = [];

function depsOf(item: Item): Dep[] {
  const v = item.raw.depends_on;
  if (v === undefined || v === null) return NONE;
  if (Array.isArray(v)) {
    const out: Dep[] = [];
    v.forEach((e, index) => {
      const id = scalarText(e);
      if (id !== undefined) out.push({ id, index });
    });
    return out;
  }
  const id = scalarText(v);
  return id === undefined ? [] : [{ id, index: -1 }];
}

function depRange(ctx: Context, item: Item, dep: Dep): SourceRange {
  const whole = item.fields.depends_on?.value ?? ctx.entryHead(item.source);
  if (dep.index < 0 || !item.fields.depends_on) return whole;
  return ctx.locate(whole, [dep.index])?.value ?? whole;
}

/** `checkRefs` false when a backlog file did not parse: the missing ids may be in it. */
export function checkDependencies(ctx: Context, byId: Map<string, Item>, checkRefs: boolean): void {
  const items: Item[] = [];
  const index = new Map<string, number>();
  for (const [id, item] of byId) {
    index.set(id, items.length);
    items.push(item);
  }
  const edges: number[][] = [];
  const edgeDeps: Dep[][] = [];
  let ids: Suggester | undefined;
  for (const item of items) {
    const deps = depsOf(item);
    const out: number[] = [];
    const outDeps: Dep[] = [];
    for (const dep of deps) {
      const target = index.get(dep.id);
      if (target !== undefined) {
        out.push(target);
        outDeps.push(dep);
      } else if (checkRefs) {
        // Built once, on the first unknown id; 50 suggestions are plenty for anyone reading the list.
        ids ??= new Suggester(byId.keys(), 50, true);
        const guess = ids.didYouMean(dep.id);
        ctx.error(depRange(ctx, item, dep), 'unknown-dependency', `\`depends_on\` of ${itemLabel(item)} names \`${dep.id}\`, which is not an item in any backlog file.`,
          guess ? `${guess} Otherwise remove \`${dep.id}\` from \`depends_on\`.` : `Remove \`${dep.id}\` from \`depends_on\`, or fix the id.`);
      }
    }
    edges.push(out);
    edgeDeps.push(outDeps);
  }
  for (const scc of stronglyConnected(edges)) {
    const cycle = cycleThrough(scc, edges);
    if (!cycle) continue;
    const from = cycle[0];
    const to = cycle[1];
    const dep = edgeDeps[from][edges[from].indexOf(to)];
    const names = cycle.map((i) => items[i].id);
    // A cycle through hundreds of items is named by its start and end, not in full.
    if (names.length > 12) names.splice(10, names.length - 12, `… (${names.length - 12} more) …`);
    const others = scc.length - (cycle.length - 1);
    ctx.error(depRange(ctx, items[from], dep), 'dependency-cycle', `Dependency cycle: ${names.join(' → ')}. Items in a cycle wait for each other and can never start.`,
      `Remove one of these \`depends_on\` entries${others > 0 ? ` (${others} more item${others === 1 ? ' is' : 's are'} caught in cycles with these: check them too)` : ''}.`);
  }
}

/** Tarjan's algorithm, iterative (20,000 items would overflow a recursive one). Components with a cycle only. */
function stronglyConnected(edges: number[][]): number[][] {
  const n = edges.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const out: number[][] = [];
  let next = 0;
  const work: [number, number][] = [];
  for (let s = 0; s < n; s++) {
    if (index[s] !== -1 || edges[s].length === 0) continue;
    work.push([s, 0]);
    while (work.length > 0) {
      const top = work[work.length - 1];
      const [v, ei] = top;
      if (ei === 0 && index[v] === -1) {
        index[v] = low[v] = next++;
        stack.push(v);
        onStack[v] = 1;
      }
      if (ei < edges[v].length) {
        top[1]++;
        const w = edges[v][ei];
        if (index[w] === -1) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === index[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1 || edges[v].includes(v)) out.push(comp.sort((a, b) => a - b));
      }
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** A shortest cycle from the component's first-ranked item back to it, as item indexes (first repeated at the end). */
function cycleThrough(scc: number[], edges: number[][]): number[] | undefined {
  const start = scc[0];
  const inScc = new Set(scc);
  const parent = new Map<number, number>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q];
    for (const w of edges[v]) {
      if (w === start) {
        const path = [start];
        for (let x = v; x !== start; x = parent.get(x) as number) path.push(x);
        path.push(start);
        // path is start, v, …, start reversed apart from the ends: walk it forwards.
        return [start, ...path.slice(1, -1).reverse(), start];
      }
      if (inScc.has(w) && !parent.has(w) && w !== start) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return undefined;
}
