// The files of a folder's backlog, as the commands that write or commit them name them.
import type { Workspace } from '../../core/model';

/** Files of a folder's backlog, repo-relative: main, sprints, archive files that parsed. */
export function backlogFilesOf(ws: Pick<Workspace, 'backlogPath' | 'sprintsPath' | 'backlogs'>): string[] {
  const files = new Set<string>([ws.backlogPath, ws.sprintsPath]);
  for (const b of ws.backlogs) files.add(b.file);
  return [...files];
}
