// The extension's settings, read in one place (scoped to a workspace folder).
import * as vscode from 'vscode';
import { DEFAULT_BACKLOG_PATH, DEFAULT_SPRINTS_PATH } from '../../core/parse/backlog-files';
import { DEFAULT_BRANCH_TEMPLATE } from '../git/branchName';
import { isGrouping, type Grouping } from '../views/grouping';

export const SECTION = 'sprintlog';

export interface Settings {
  backlogFile: string;
  sprintsFile: string;
  branchTemplate: string;
  autoCommit: boolean;
  velocityWindow: number;
  cycleTimeWindow: number;
  defaultGrouping: Grouping;
  /** Your handle in the backlog ("me"); empty = found from git (commands/me.ts). */
  me: string;
}

/** Repo-relative, forward slashes, no leading `./` or `/`. */
export function normalizeRelPath(p: string, fallback: string): string {
  const s = p.trim().replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');
  return s && !s.split('/').includes('..') ? s : fallback;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const grouping = c.get<string>('defaultGrouping');
  return {
    backlogFile: normalizeRelPath(c.get<string>('backlogFile') ?? '', DEFAULT_BACKLOG_PATH),
    sprintsFile: normalizeRelPath(c.get<string>('sprintsFile') ?? '', DEFAULT_SPRINTS_PATH),
    branchTemplate: c.get<string>('branchTemplate') || DEFAULT_BRANCH_TEMPLATE,
    autoCommit: c.get<boolean>('autoCommit') === true,
    velocityWindow: c.get<number>('velocityWindow') ?? 3,
    cycleTimeWindow: c.get<number>('cycleTimeWindow') ?? 90,
    defaultGrouping: isGrouping(grouping) ? grouping : 'sprint',
    me: (c.get<string>('me') ?? '').trim(),
  };
}
