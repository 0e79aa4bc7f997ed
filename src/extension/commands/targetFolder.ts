// Which folder's backlog a command given ids (keybindings, tests, other
// extensions) acts on (pure). In a multi-root workspace two backlogs may both
// have PAY-12: then the caller must say which folder, never a silent first pick.
import { folderByKey } from '../folders';
import type { FolderBacklog } from '../model/types';

/** The folder to act on for `id`, or the refusal text. */
export function folderForId(all: readonly FolderBacklog[], key: string | undefined, id: string): FolderBacklog | string {
  const has = (f: FolderBacklog): boolean => f.workspace.items.some((i) => i.id === id);
  if (key !== undefined) return folderByKey(all, key) ?? `There is no workspace folder "${key}" with a backlog.`;
  const having = all.filter(has);
  if (having.length > 1) {
    return `${id} is in the backlogs of ${having.map((f) => f.folder.name).join(' and ')}: say which folder (argument \`folder\`).`;
  }
  return having[0] ?? (all.length === 1 ? all[0] : `No backlog in this workspace has an item ${id}.`);
}
