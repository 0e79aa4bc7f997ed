// Tree node types shared by both views (pure data; TreeItems are made in treeItems.ts).
import type { Item, Problem } from '../../core/model';
import type { Group } from './grouping';

export type Node = FolderNode | ErrorNode | GroupNode | ItemNode | InfoNode;

export interface FolderNode {
  kind: 'folder';
  /** Workspace folder URI as a string: the key of everything below it. */
  folderKey: string;
  name: string;
}

/** A file that does not parse: the view shows the problem, and clicking goes to it. */
export interface ErrorNode {
  kind: 'error';
  folderKey: string;
  problem: Problem;
  /** Further errors of the same file, not shown as rows of their own. */
  more?: number;
}

export interface GroupNode {
  kind: 'group';
  folderKey: string;
  view: ViewId;
  group: Group;
  /** Items below it (nodes made once per load, so identity is stable between getChildren calls). */
  children: ItemNode[];
  /** Sprint view: the sprint shown, which items dropped here join. */
  sprint?: string;
}

export interface ItemNode {
  kind: 'item';
  folderKey: string;
  view: ViewId;
  item: Item;
  /** The group it is shown in: dropping on it moves items into that group. */
  group?: Group;
  /** Unique among its siblings even if the file has duplicate ids. */
  nodeId: string;
}

/** Label/value rows of the sprint view (sprint, goal, days left, points). */
export interface InfoNode {
  kind: 'info';
  folderKey: string;
  key: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon?: string;
  /** Command run on click, with the folder key as argument. */
  command?: string;
}

export type ViewId = 'sprint' | 'backlog';

/** Item nodes for a group, with ids unique even when the file repeats an id. */
export function itemNodes(folderKey: string, view: ViewId, group: Group | undefined, items: readonly Item[]): ItemNode[] {
  const seen = new Set<string>();
  return items.map((item) => {
    let nodeId = item.id;
    if (seen.has(nodeId)) nodeId = `${item.id}#${item.file}:${item.index}`;
    seen.add(nodeId);
    return { kind: 'item', folderKey, view, item, group, nodeId };
  });
}
