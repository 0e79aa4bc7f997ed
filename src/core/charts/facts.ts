// The model facts charts need beside the metrics document, read once from the
// workspace (the files at the as-of instant) and the history.

import { WORKTREE, type History } from '../history/types';
import { DEFAULT_TIMEZONE, DEFAULT_WORKING_DAYS, workflowOrder, type Workspace } from '../model';
import type { ChartFacts } from './types';

export function chartFacts(workspace: Workspace, history: Pick<History, 'commits'>): ChartFacts {
  const log = workspace.sprintLog;
  const titles: Record<string, string> = {};
  for (const item of workspace.items) if (!(item.id in titles)) titles[item.id] = item.title;
  const commits: ChartFacts['commits'] = { [WORKTREE]: { author: 'you', subject: 'uncommitted change' } };
  for (const c of history.commits) commits[c.hash] = { author: c.author, subject: c.subject };
  const sprints: ChartFacts['sprints'] = {};
  for (const s of log?.sprints ?? []) sprints[s.id] = { name: s.name, goal: s.goal };
  return {
    timezone: log?.timezone ?? DEFAULT_TIMEZONE,
    workingDays: [...(log?.workingDays ?? DEFAULT_WORKING_DAYS)],
    holidays: [...(log?.holidays ?? [])],
    states: workflowOrder(workspace.states).map((name) => ({ name, category: workspace.states[name] })),
    titles,
    commits,
    sprints,
  };
}
