// Per-folder cache of a view's top rows, rebuilt only when the folder was
// reloaded or the view's options changed (stamp), so expanding nodes is free.
// A rebuild after a reload keeps the row objects VS Code already shows and
// collects the rows it must re-read (rowDiff.ts), for the provider to fire.
import type { BacklogStore, FolderBacklog } from '../model/types';
import { folderByKey } from '../folders';
import type { FolderNode, Node } from './nodes';
import { reconcile } from './rowDiff';

export interface RowRecipe {
  /** Everything besides the folder version that the rows depend on. */
  stamp: string;
  build: () => Node[];
}

interface Built {
  version: number;
  stamp: string;
  nodes: Node[];
  /** JSON of the workflow states the rows were built with (item icons depend on them). */
  states: string;
}

export class FolderRows {
  private readonly cache = new Map<string, Built>();
  /** Rows changed by rebuilds since the last `takeChanges` ('all': refresh the whole view). */
  private changes: Set<Node> | 'all' = new Set();

  constructor(private readonly store: BacklogStore, private readonly recipe: (fb: FolderBacklog) => RowRecipe) {}

  folder(folderKey: string): FolderBacklog | undefined {
    return folderByKey(this.store.folders(), folderKey);
  }

  /** Whether rows of the folder were ever built (VS Code asked, or a rebuild ran). */
  has(fb: FolderBacklog): boolean {
    return this.cache.has(fb.folder.uri.toString());
  }

  of(fb: FolderBacklog): Node[] {
    const key = fb.folder.uri.toString();
    const r = this.recipe(fb);
    const hit = this.cache.get(key);
    if (hit && hit.version === fb.version && hit.stamp === r.stamp) return hit.nodes;
    const states = JSON.stringify(fb.workspace.states);
    let nodes = r.build();
    // A first build is VS Code asking for these rows: nothing to tell it.
    if (hit && this.changes !== 'all') {
      const done = reconcile(hit.nodes, nodes, hit.states !== states);
      nodes = done.nodes;
      if (done.changed === 'all') this.changes = 'all';
      else for (const n of done.changed) this.changes.add(n);
    }
    this.cache.set(key, { version: fb.version, stamp: r.stamp, nodes, states });
    return nodes;
  }

  /** The rows to re-read since the last call, and forget them. */
  takeChanges(): Node[] | 'all' {
    const c = this.changes;
    this.changes = new Set();
    return c === 'all' ? 'all' : [...c];
  }
}

export function folderNode(fb: FolderBacklog): FolderNode {
  return { kind: 'folder', folderKey: fb.folder.uri.toString(), name: fb.folder.name };
}
