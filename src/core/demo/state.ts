// The demo repository's content at one commit, as plain data. The story
// changes it through small closures that address items by id, so the same
// change can be applied to a feature branch and later replayed by its merge.

import type { Item } from '../model';
import type { Holiday } from './calendar';

/** An item as the demo writes it: the model's fields (`state` absent = `todo`, as a hand-written new item would have it). */
export type DemoItem = Pick<Item, 'id' | 'title' | 'type' | 'state' | 'points' | 'sprint' | 'assignee' | 'epic' | 'dependsOn' | 'blocked' | 'tags' | 'value' | 'created' | 'started' | 'finished' | 'description'> & {
  /** Comment lines written above the item (without `# `). */
  comment?: string[];
  /** Comment at the end of the `- id:` line. */
  note?: string;
};

export interface DemoEpic {
  id: string;
  title: string;
  target?: string;
  owner?: string;
  description?: string;
}

export interface DemoAction {
  text: string;
  owner: string;
  done: boolean;
}

export interface DemoSprint {
  id: string;
  name: string;
  start: string;
  end: string;
  goal?: string;
  capacity?: number;
  review?: { satisfaction: number; notes: string };
  retro?: { wentWell: string[]; toImprove: string[]; actions: DemoAction[] };
  /** Comment at the end of the `- id:` line. */
  note?: string;
}

/** A function in one of the demo's `src/` files, added by the feature branch of item `id`. */
export interface Stub {
  id: string;
  name: string;
  title: string;
  /** False while the branch still has its TODO line. */
  done: boolean;
}

export interface ArchiveFile {
  /** Repo-relative path, e.g. `backlog/archive/2026-h1.yaml`. */
  file: string;
  header: string[];
  items: DemoItem[];
}

export interface RepoState {
  /** Comment lines at the top of backlog.yaml. */
  backlogHeader: string[];
  epics: DemoEpic[];
  /** Main backlog file, in rank order; absent before the backlog is imported. */
  items?: DemoItem[];
  archive?: ArchiveFile;
  sprintLog?: { holidays: Holiday[]; sprints: DemoSprint[] };
  /** `src/<file>.ts` → functions added by feature branches. */
  src: Record<string, Stub[]>;
  /** Files written verbatim (README.md, .gitignore, src/psp.ts). */
  files: Record<string, string>;
}

export type Change = (s: RepoState) => void;

export function emptyState(): RepoState {
  return { backlogHeader: [], epics: [], src: {}, files: {} };
}

export function cloneState(s: RepoState): RepoState {
  return structuredClone(s);
}

export function findItem(s: RepoState, id: string): DemoItem {
  const item = s.items?.find((i) => i.id === id) ?? s.archive?.items.find((i) => i.id === id);
  if (!item) throw new Error(`demo: no item ${id}`);
  return item;
}

export function findSprint(s: RepoState, id: string): DemoSprint {
  const sprint = s.sprintLog?.sprints.find((x) => x.id === id);
  if (!sprint) throw new Error(`demo: no sprint ${id}`);
  return sprint;
}

/** A change that sets (or, with undefined, removes) one field of one item. */
export function setField<K extends keyof DemoItem>(id: string, key: K, value: DemoItem[K]): Change {
  const v = structuredClone(value);
  return (s) => {
    const item = findItem(s, id);
    if (v === undefined) delete item[key];
    else item[key] = v;
  };
}

export function all(...changes: Change[]): Change {
  return (s) => {
    for (const c of changes) c(s);
  };
}
