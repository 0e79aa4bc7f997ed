// The Portfolio tab of a multi-root workspace: one row per folder with a backlog,
// the tables of `sprintlog portfolio` (core/portfolio's own columns, made by the host).
import type { DashboardBody } from '../../shared/protocol';
import { dataTable, h } from '../dom';

type PortfolioPart = NonNullable<Extract<DashboardBody, { kind: 'charts' }>['portfolio']>;

export function portfolioTab(p: PortfolioPart): HTMLElement {
  return h('section', { class: 'portfolio', 'aria-labelledby': 'portfolio-title' },
    h('h2', { id: 'portfolio-title' }, `Portfolio: ${p.data.teams.length} folders`),
    h('p', { class: 'note' }, 'Every folder of this workspace with a backlog, as ', h('code', {}, 'sprintlog portfolio'), ' reports them (each folder is a team).'),
    ...p.tables.map((t) => dataTable(t, t.title)),
  );
}
