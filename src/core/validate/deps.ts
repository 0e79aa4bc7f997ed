// depends_on: every entry names an item, and the dependencies form no cycle
// (an item in a cycle waits for itself and can never start). A `team:ID` entry
// names another team's item (../team-ref.ts): not looked up here, not part of the
// cycle check (the portfolio resolves it); a malformed one (`:PAY-1`, `pay:`) is
// `missing-id`, the code for an entry with no usable id.
// The graph is kept in flat typed arrays: 20,000 items must not mean 40,000 small allocations.

import type { Item, SourceRange } from '../model';
import type { Context } from './context';
import { scalarText } from './fields';
import { itemLabel } from './items';
import { Suggester } from './suggest';
import { ID_PATTERN } from '../edit/ids';
import { isTeamRef } from '../team-ref';

/** The range of `depends_on` entry `entry` (-1: the scalar form `depends_on: PAY-9`). */
function depRange(ctx: Context, item: Item, entry: number): SourceRange {
  const whole = item.fields.depends_on?.value ?? ctx.entryHead(item.source);
  if (entry < 0 || !item.fields.depends_on) return whole;
  return flowEntry(ctx.text(whole.file), whole, entry) ?? ctx.locate(whole, [entry])?.value ?? whole;
}

/** The usual one-line `[PAY-1, PAY-2]` found by scanning, not re-parsing (1,000 unknown ids must stay cheap). */
function flowEntry(text: string, whole: SourceRange, entry: number): SourceRange | undefined {
  const src = text.slice(whole.offset, whole.end);
  if (!/^\[[^[\]{}"'#\n]*\]$/.test(src)) return undefined;
  let at = 1;
  for (let k = 0; ; k++) {
    const comma = src.indexOf(',', at);
    const stop = comma === -1 ? src.length - 1 : comma;
    if (k === entry) {
      let a = at;
      let b = stop;
      while (a < b && /\s/.test(src[a])) a++;
      while (b > a && /\s/.test(src[b - 1])) b--;
      return { file: whole.file, line: whole.line, column: whole.column + a, offset: whole.offset + a, end: whole.offset + b };
    }
    if (comma === -1) return undefined;
    at = comma + 1;
  }
}

/** Adjacency in compressed rows: the targets of item i are target[start[i] .. start[i + 1]). */
interface Graph {
  n: number;
  start: Int32Array;
  target: number[];
  /** For each edge, its position in the item's `depends_on` list (to point at it). */
  entry: number[];
}

/** `checkRefs` false when a backlog file did not parse: the missing ids may be in it. */
export function checkDependencies(ctx: Context, byId: Map<string, Item>, checkRefs: boolean): void {
  const items: Item[] = [];
  const index = new Map<string, number>();
  for (const [id, item] of byId) {
    index.set(id, items.length);
    items.push(item);
  }
  const g: Graph = { n: items.length, start: new Int32Array(items.length + 1), target: [], entry: [] };
  let ids: Suggester | undefined;
  const add = (from: number, v: unknown, entry: number): void => {
    const id = scalarText(v);
    if (id === undefined) return;
    const to = index.get(id);
    if (to !== undefined) {
      g.target.push(to);
      g.entry.push(entry);
      return;
    }
    if (isTeamRef(id)) return;
    const item = items[from];
    if (!ID_PATTERN.test(id)) {
      ctx.error(depRange(ctx, item, entry), 'missing-id', `\`depends_on\` of ${itemLabel(item)} has \`${id}\`, which is neither an item id nor \`team:ID\`.`,
        id.includes(':')
          ? `Write another team's item as \`team:ID\`, e.g. \`pay:PAY-12\` (team and id: letters, digits, \`.\`, \`_\`, \`-\`), or an id of this backlog.`
          : `An id uses only letters, digits, \`.\`, \`_\` and \`-\`, e.g. \`PAY-12\`; another team's item is \`team:ID\`.`);
      return;
    }
    if (!checkRefs) return;
    // Built once, on the first unknown id; 50 suggestions are plenty for anyone reading the list.
    ids ??= new Suggester(byId.keys(), 50, true);
    const guess = ids.didYouMean(id);
    ctx.error(depRange(ctx, item, entry), 'unknown-dependency', `\`depends_on\` of ${itemLabel(item)} names \`${id}\`, which is not an item in any backlog file.`,
      guess ? `${guess} Otherwise remove \`${id}\` from \`depends_on\`.` : `Remove \`${id}\` from \`depends_on\`, or fix the id.`);
  };
  for (let i = 0; i < items.length; i++) {
    g.start[i] = g.target.length;
    const v = items[i].raw.depends_on;
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (let k = 0; k < v.length; k++) add(i, v[k], k);
    else add(i, v, -1);
  }
  g.start[items.length] = g.target.length;

  for (const scc of stronglyConnected(g)) {
    const cycle = cycleThrough(scc, g);
    if (!cycle) continue;
    const [from, to] = cycle;
    let edge = g.start[from];
    while (g.target[edge] !== to) edge++;
    const names = cycle.map((i) => items[i].id);
    // A cycle through hundreds of items is named by its start and end, not in full.
    if (names.length > 12) names.splice(10, names.length - 12, `… (${names.length - 12} more) …`);
    const others = scc.length - (cycle.length - 1);
    ctx.error(depRange(ctx, items[from], g.entry[edge]), 'dependency-cycle', `Dependency cycle: ${names.join(' → ')}. Items in a cycle wait for each other and can never start.`,
      `Remove one of these \`depends_on\` entries${others > 0 ? ` (${others} more item${others === 1 ? ' is' : 's are'} caught in cycles with these: check them too)` : ''}.`);
  }
}

function hasEdge(g: Graph, from: number, to: number): boolean {
  for (let e = g.start[from]; e < g.start[from + 1]; e++) if (g.target[e] === to) return true;
  return false;
}

/**
 * Tarjan's algorithm, iterative (a 20,000-item chain would overflow a recursive one).
 * Returns only components that hold a cycle, each sorted by rank, in rank order.
 */
function stronglyConnected(g: Graph): number[][] {
  const { n, start, target } = g;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const workNode = new Int32Array(n);
  const workEdge = new Int32Array(n);
  const out: number[][] = [];
  let sp = 0;
  let next = 0;
  const visit = (v: number, wp: number): void => {
    order[v] = low[v] = next++;
    stack[sp++] = v;
    onStack[v] = 1;
    workNode[wp] = v;
    workEdge[wp] = start[v];
  };
  for (let s = 0; s < n; s++) {
    if (order[s] !== -1 || start[s] === start[s + 1]) continue;
    visit(s, 0);
    let wp = 1;
    while (wp > 0) {
      const v = workNode[wp - 1];
      const e = workEdge[wp - 1];
      if (e < start[v + 1]) {
        workEdge[wp - 1] = e + 1;
        const w = target[e];
        if (order[w] === -1) visit(w, wp++);
        else if (onStack[w] && order[w] < low[v]) low[v] = order[w];
        continue;
      }
      wp--;
      if (wp > 0 && low[v] < low[workNode[wp - 1]]) low[workNode[wp - 1]] = low[v];
      if (low[v] !== order[v]) continue;
      if (stack[sp - 1] === v) {
        // A single item: a cycle only if it depends on itself.
        sp--;
        onStack[v] = 0;
        if (hasEdge(g, v, v)) out.push([v]);
        continue;
      }
      const comp: number[] = [];
      let w: number;
      do {
        w = stack[--sp];
        onStack[w] = 0;
        comp.push(w);
      } while (w !== v);
      out.push(comp.sort((a, b) => a - b));
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** A shortest cycle from the component's first-ranked item back to it, as item indexes (first repeated at the end). */
function cycleThrough(scc: number[], g: Graph): number[] | undefined {
  const first = scc[0];
  const inScc = new Set(scc);
  const parent = new Map<number, number>();
  const queue = [first];
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q];
    for (let e = g.start[v]; e < g.start[v + 1]; e++) {
      const w = g.target[e];
      if (w === first) {
        const back: number[] = [];
        for (let x = v; x !== first; x = parent.get(x) as number) back.push(x);
        return [first, ...back.reverse(), first];
      }
      if (inScc.has(w) && !parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return undefined;
}
