// The topological order of commits, oldest first. Kahn's algorithm that always
// takes the ready commit with the earliest (author time, committer time, hash):
// it reads chronologically where the graph allows, and the relative order of a
// set of commits never changes when descendants are added (a commit's place
// depends only on its ancestors), so an incremental analysis orders ties
// exactly like a cold one.

export interface OrderNode {
  hash: string;
  parents: string[];
  authorTime: number;
  committerTime: number;
}

function before(a: OrderNode, b: OrderNode): boolean {
  if (a.authorTime !== b.authorTime) return a.authorTime < b.authorTime;
  if (a.committerTime !== b.committerTime) return a.committerTime < b.committerTime;
  return a.hash < b.hash;
}

class Heap {
  private readonly a: OrderNode[] = [];
  get size(): number {
    return this.a.length;
  }
  push(n: OrderNode): void {
    const a = this.a;
    a.push(n);
    for (let i = a.length - 1; i > 0;) {
      const up = (i - 1) >> 1;
      if (!before(a[i], a[up])) break;
      [a[i], a[up]] = [a[up], a[i]];
      i = up;
    }
  }
  pop(): OrderNode {
    const a = this.a;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l], a[m])) m = l;
        if (r < a.length && before(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

/** `nodes` in topological order, oldest first. Parents outside `nodes` are ignored. */
export function topoOrder(nodes: OrderNode[]): OrderNode[] {
  const byHash = new Map(nodes.map((n) => [n.hash, n]));
  const waiting = new Map<string, number>();
  const children = new Map<string, OrderNode[]>();
  const heap = new Heap();
  for (const n of nodes) {
    let count = 0;
    for (const p of new Set(n.parents)) {
      if (!byHash.has(p)) continue;
      count++;
      let list = children.get(p);
      if (!list) children.set(p, (list = []));
      list.push(n);
    }
    waiting.set(n.hash, count);
    if (count === 0) heap.push(n);
  }
  const out: OrderNode[] = [];
  while (heap.size > 0) {
    const n = heap.pop();
    out.push(n);
    for (const c of children.get(n.hash) ?? []) {
      const left = waiting.get(c.hash)! - 1;
      waiting.set(c.hash, left);
      if (left === 0) heap.push(c);
    }
  }
  return out;
}
