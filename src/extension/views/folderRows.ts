// Per-folder cache of a view's top rows, rebuilt only when the folder was
// reloaded or the view's options changed (stamp), so expanding nodes is free.
import type { BacklogStore, FolderBacklog } from '../model/types';
import { folderByKey } from '../folders';
import type { FolderNode, Node } from './nodes';

export interface RowRecipe {
  /** Everything besides the folder version that the rows depend on. */
  stamp: string;
  build: () => Node[];
}

export class FolderRows {
  private readonly cache = new Map<string, { version: number; stamp: string; nodes: Node[] }>();

  constructor(private readonly store: BacklogStore, private readonly recipe: (fb: FolderBacklog) => RowRecipe) {}

  folder(folderKey: string): FolderBacklog | undefined {
    return folderByKey(this.store.folders(), folderKey);
  }

  of(fb: FolderBacklog): Node[] {
    const key = fb.folder.uri.toString();
    const r = this.recipe(fb);
    const hit = this.cache.get(key);
    if (hit && hit.version === fb.version && hit.stamp === r.stamp) return hit.nodes;
    const nodes = r.build();
    this.cache.set(key, { version: fb.version, stamp: r.stamp, nodes });
    return nodes;
  }
}

export function folderNode(fb: FolderBacklog): FolderNode {
  return { kind: 'folder', folderKey: fb.folder.uri.toString(), name: fb.folder.name };
}
