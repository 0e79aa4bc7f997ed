// Public entry of the history engine. Implementation lands in the files next to this one.
import type { SourceFile } from '../parse/workspace';
import type { History, HistoryOptions } from './types';

export * from './types';

/** Events of the backlog files' git history (spec metrics.md §1). */
export async function readHistory(_root: string, _opts?: HistoryOptions): Promise<History> {
  throw new Error('readHistory: not implemented yet');
}

/** The backlog files (main + archive) and sprint log as they were at `commit`, for --as-of in the past. */
export async function readFilesAt(_root: string, _commit: string, _backlogPath?: string): Promise<{ backlogs: SourceFile[]; sprints?: SourceFile }> {
  throw new Error('readFilesAt: not implemented yet');
}
