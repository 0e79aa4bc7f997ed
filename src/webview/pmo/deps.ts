// The Dependencies tab: the depends_on graph (drawn, and as tables), chains of
// open work ending at a blocked item, items planned before what they depend on,
// each epic's critical path against its target and forecast, the epics' own
// dependencies and the `team:ID` entries on other teams. Every item id is a
// button that reveals the item.
import type { DashboardBody } from '../../shared/protocol';
import { dataTable, h } from '../dom';
import { revealButton, revealList } from '../reveal';
import { dependencyGraph } from './graph';

type Charts = Extract<DashboardBody, { kind: 'charts' }>;

function part(id: string, title: string, ...children: (Node | string | undefined)[]): HTMLElement {
  return h('section', { class: `pmo-part ${id}`, 'aria-labelledby': `${id}-title` }, h('h3', { id: `${id}-title` }, title), ...children);
}

export function dependenciesTab(body: Charts): HTMLElement {
  const d = body.pmo.kpis.dependencies;
  const top = h('section', { class: 'dependencies', 'aria-labelledby': 'deps-title' }, h('h2', { id: 'deps-title' }, 'Dependencies'));
  if (!d) return top;
  const done = new Set(body.report.items.filter((i) => body.facts.states.find((s) => s.name === i.state)?.category === 'done').map((i) => i.id));
  const blocked = new Set(d.blockedChains.map((c) => c[c.length - 1]));
  const critical = new Set(d.criticalPaths.filter((c) => c.path.length > 1).flatMap((c) => c.path));
  const epics = new Map(body.pmo.epics.map((e) => [e.id, e]));
  const epicOf = new Map<string, string>();
  for (const e of body.pmo.epics) for (const id of e.open) epicOf.set(id, e.id);
  const open = d.edges.filter((e) => e.open).length;
  top.append(
    h('p', { class: 'meta' }, `${d.edges.length} dependencies between items (${open} on open items), ${d.epicEdges.length} between epics, ${d.external.length} on other teams.`),
    dependencyGraph(d, {
      title: (id) => body.facts.titles[id] ?? '',
      done: (id) => done.has(id),
      blocked,
      critical,
      risky: new Set(d.plannedBefore.map((p) => p.id)),
      epic: (id) => epicOf.get(id),
    }),
  );
  const chains = d.blockedChains;
  top.append(part('dep-blocked', `Blocked chains (${chains.length})`, dataTable(
    { headers: ['Waiting item', 'Chain', 'Blocked item'], rows: chains.map((c) => [c[0], c.join(' → '), c[c.length - 1]]) },
    'Open items that wait, through open dependencies, on a blocked item',
    (_r, col, i) => (col === 1 ? revealList(chains[i], ' → ') : revealButton(col === 0 ? chains[i][0] : chains[i][chains[i].length - 1])),
  )));
  const before = d.plannedBefore;
  top.append(part('dep-before', `Planned before what they depend on (${before.length})`, dataTable(
    { headers: ['Item', 'Sprint', 'Depends on (planned later or not planned)'], rows: before.map((p) => [p.id, body.report.items.find((i) => i.id === p.id)?.sprint ?? null, p.dependsOn.join(', ')]) },
    'Items planned in a sprint before the items they depend on',
    (_r, col, i) => (col === 0 ? revealButton(before[i].id) : col === 2 ? revealList(before[i].dependsOn) : undefined),
  )));
  const paths = d.criticalPaths;
  top.append(part('dep-critical', 'Critical paths to the epics\' targets', dataTable(
    {
      headers: ['Epic', 'Target', '85 % forecast', 'Status', 'Critical path (first to do first)'],
      rows: paths.map((c) => {
        const e = epics.get(c.epic);
        return [c.epic, c.target, e?.when?.p85 ?? null, e?.atRisk === true ? 'AT RISK' : e?.atRisk === false ? 'on track' : null, c.path.join(' → ')];
      }),
    },
    'The longest chain of open items each epic waits on',
    (_r, col, i) => (col === 4 ? revealList(paths[i].path, ' → ') : col === 3 && epics.get(paths[i].epic)?.atRisk === true ? h('span', { class: 'at-risk' }, 'AT RISK') : undefined),
  )));
  if (d.epicEdges.length > 0) {
    const title = (id: string) => epics.get(id)?.title;
    top.append(part('dep-epics', 'Between epics', dataTable(
      { headers: ['Epic', 'Depends on epic'], rows: d.epicEdges.map((e) => [`${e.from}${title(e.from) ? ` ${title(e.from)}` : ''}`, `${e.to}${title(e.to) ? ` ${title(e.to)}` : ''}`]) },
      'Epics whose items depend on another epic\'s items',
    )));
  }
  if (d.external.length > 0) {
    top.append(part('dep-external', 'On other teams', dataTable(
      { headers: ['Item', 'Team', 'Their item'], rows: d.external.map((e) => [e.id, e.team, e.ref]) },
      'team:ID dependencies (resolved by the portfolio)',
      (_r, col, i) => (col === 0 ? revealButton(d.external[i].id) : undefined),
    )));
  }
  top.append(h('details', { class: 'data' }, h('summary', {}, `Data table: all ${d.edges.length} dependencies`), dataTable(
    { headers: ['Item', 'Depends on', 'Dependency'], rows: d.edges.map((e) => [e.from, e.to, e.open ? 'open' : 'done']) },
    'Every depends_on between items',
    (_r, col, i) => (col < 2 ? revealButton(col === 0 ? d.edges[i].from : d.edges[i].to) : undefined),
  )));
  return top;
}
