// A small repository with a hand-known history for the chart and report tests.
// Europe/Berlin, sprint S0 (closed) and S1 2026-03-02..13 with a holiday on Friday
// 2026-03-06, so 03-06..03-08 is one non-working run; measured as of 2026-03-12.
//   day -14: S0 item Z (4 pts) planned; day -10: Z done.
//   day 0 (03-02): A 3 pts, B 2 pts in S1.  day 1: A in-progress.  day 2: A done.
//   day 3 (03-05, author Mallory): C (1 pt, the XSS title) added to S1.   day 9: B in-progress.
import { backlogYaml, day, GitRepo } from './gitrepo';

export const XSS_TITLE = '<img src=x onerror=alert(1)>';
export const AS_OF = '2026-03-12';
const BACKLOG = 'backlog/backlog.yaml';

const item = (id: string, state: string, points: number, sprint: string, title = `Title of ${id}`): Record<string, unknown> => ({ id, title, state, points, sprint });

export function chartsRepo(): { repo: GitRepo; scopeCommit: string } {
  const repo = GitRepo.create();
  repo.write(
    'backlog/sprints.yaml',
    'version: 1\ntimezone: Europe/Berlin\nholidays: [2026-03-06]\nsprints:\n  - {id: S0, start: 2026-02-16, end: 2026-02-27}\n  - {id: S1, name: "First {a|b}", goal: Ship it, start: 2026-03-02, end: 2026-03-13, capacity: 6, review: {satisfaction: 4, notes: "Good <b>review</b>"}}\n',
  );
  const z = (state: string) => item('Z', state, 4, 'S0');
  repo.write(BACKLOG, backlogYaml([z('todo')]));
  repo.commit('plan S0', { at: day(-14, 8) });
  repo.write(BACKLOG, backlogYaml([z('done')]));
  repo.commit('Z done', { at: day(-10, 8) });
  repo.write(BACKLOG, backlogYaml([z('done'), item('A', 'todo', 3, 'S1'), item('B', 'todo', 2, 'S1')]));
  repo.commit('plan S1', { at: day(0, 8) });
  repo.write(BACKLOG, backlogYaml([z('done'), item('A', 'in-progress', 3, 'S1'), item('B', 'todo', 2, 'S1')]));
  repo.commit('A started', { at: day(1, 8) });
  repo.write(BACKLOG, backlogYaml([z('done'), item('A', 'done', 3, 'S1'), item('B', 'todo', 2, 'S1')]));
  repo.commit('A done', { at: day(2, 8) });
  repo.write(BACKLOG, backlogYaml([z('done'), item('A', 'done', 3, 'S1'), item('B', 'todo', 2, 'S1'), item('C', 'todo', 1, 'S1', XSS_TITLE)]));
  const scopeCommit = repo.commit('C added', { at: day(3, 8), author: 'Mallory' });
  repo.write(BACKLOG, backlogYaml([z('done'), item('A', 'done', 3, 'S1'), item('B', 'in-progress', 2, 'S1'), item('C', 'todo', 1, 'S1', XSS_TITLE)]));
  repo.commit('B started', { at: day(9, 8) });
  return { repo, scopeCommit };
}
