// The KPIs tab: the KPI table per sprint (core/kpis' own columns, the ones
// `sprintlog kpis` prints), a sparkline per KPI over the closed sprints, the
// epics' progress and forecast against their targets, open retro actions with
// owner and age, time in state and the bottleneck, capacity against committed
// and velocity, and each assignee's load against their own average.
import type { PmoData } from '../../shared/protocol';
import { dataTable, h } from '../dom';
import { sparkline } from './svg';

/** Averages to two decimals, as `sprintlog kpis` prints them. */
const r2 = (v: number | null): number | null => (v === null ? null : Math.round(v * 100) / 100);

const DIRECTION: Record<string, string> = { up: '↑ up', down: '↓ down', flat: '→ flat' };

function section(id: string, title: string, ...children: (Node | string | undefined)[]): HTMLElement {
  return h('section', { class: `pmo-part ${id}`, 'aria-labelledby': `${id}-title` }, h('h3', { id: `${id}-title` }, title), ...children);
}

function trends(pmo: PmoData): HTMLElement {
  const closed = pmo.kpis.sprints.filter((s) => s.status === 'closed').map((s) => s.id);
  const t = pmo.kpis.trends;
  const table = dataTable(
    { headers: ['KPI', 'Trend', 'Last', 'Direction'], rows: t.map((x) => [x.label, '', x.values.at(-1) ?? null, x.direction ? DIRECTION[x.direction] : null]) },
    `KPI trends over the closed sprints (${closed.join(', ') || 'none'})`,
    (_r, col, i) => (col === 1 ? sparkline(t[i].values, `${t[i].label} over ${closed.join(', ')}`) : undefined),
  );
  return section('kpi-trends', 'Trends', table);
}

function epics(pmo: PmoData): HTMLElement {
  const e = pmo.epics;
  const status = (x: PmoData['epics'][number]): string => (x.atRisk === true ? 'AT RISK' : x.atRisk === false ? 'on track' : x.open.length === 0 ? 'done' : 'no target or forecast');
  const table = dataTable(
    {
      headers: ['Epic', 'Title', 'Progress', 'Items done', 'Points done', '50 %', '85 %', 'Target', 'Status'],
      rows: e.map((x) => [x.id, x.title, '', `${x.items.done}/${x.items.total}`, `${x.points.done}/${x.points.total}`, x.when?.p50 ?? null, x.when?.p85 ?? null, x.target, status(x)]),
    },
    'Epics: progress and forecast (50 % / 85 % dates) against the target',
    (_r, col, i) => {
      if (col === 2) return h('progress', { max: Math.max(1, e[i].items.total), value: e[i].items.done, 'aria-label': `${e[i].id}: ${e[i].items.done} of ${e[i].items.total} items done` });
      if (col === 8) return h('span', { class: e[i].atRisk === true ? 'at-risk' : undefined }, status(e[i]));
      return undefined;
    },
  );
  return section('kpi-epics', 'Epics', e.length === 0 ? h('p', {}, 'No epics in the backlog.') : table);
}

function retro(pmo: PmoData): HTMLElement {
  const a = pmo.kpis.openRetroActions ?? [];
  return section('kpi-retro', `Open retro actions (${a.length})`, dataTable(
    { headers: ['Sprint', '#', 'Action', 'Owner', 'Age (days)'], rows: a.map((x) => [x.sprint, x.index, x.text, x.owner ?? 'nobody', x.ageDays]) },
    'Open actions of past retrospectives, oldest first',
  ));
}

function flow(pmo: PmoData): HTMLElement {
  const k = pmo.kpis;
  const worst = k.timeInState?.find((s) => s.state === k.bottleneck);
  return section('kpi-states', 'Time in state',
    k.bottleneck ? h('p', { class: 'bottleneck' }, `Bottleneck: ${k.bottleneck} (85 % of stays end within ${worst?.p85 ?? '–'} days).`) : h('p', { class: 'note' }, 'No bottleneck known (no stays in a work-in-progress state yet).'),
    k.timeInState
      ? dataTable({ headers: ['State', 'Stays', 'p50 (days)', 'p85 (days)', 'Items now'], rows: k.timeInState.map((s) => [s.state, s.stays, s.p50, s.p85, s.now]) }, 'Time in each state, from the history')
      : h('p', { class: 'note' }, 'Needs the complete git history of the backlog files.'),
  );
}

function capacity(pmo: PmoData): HTMLElement {
  const k = pmo.kpis;
  const load = k.load ?? [];
  return section('kpi-capacity', 'Capacity and load',
    dataTable({ headers: ['Sprint', 'Status', 'Capacity', 'Committed', 'Velocity'], rows: k.capacity.map((c) => [c.sprint, c.status, c.capacity, c.committed, r2(c.velocity)]) }, 'Capacity vs committed vs velocity (open sprints)'),
    dataTable(
      { headers: ['Sprint', 'Assignee', 'Open points', 'Items', 'Their average', 'Ratio'], rows: load.map((l) => [l.sprint, l.assignee, l.points, l.items, l.average, l.ratio]) },
      'Load per assignee: open points against their average completed per sprint',
      (_r, col, i) => (col === 5 && (load[i].ratio ?? 0) > 1 ? h('span', { class: 'over' }, `${load[i].ratio} (over)`) : undefined),
    ),
  );
}

export function kpisTab(pmo: PmoData): HTMLElement {
  const table = dataTable(pmo.kpiTable, 'KPIs per sprint (as sprintlog kpis prints them)');
  table.classList.add('kpi-table');
  const velocity = pmo.kpis.velocity;
  const ct = pmo.kpis.cycleTime;
  const s = pmo.kpis.satisfaction;
  return h('section', { class: 'kpis', 'aria-labelledby': 'kpis-title' },
    h('h2', { id: 'kpis-title' }, 'KPIs'),
    h('p', { class: 'meta' }, `Velocity ${r2(velocity) ?? '–'} · cycle time p50 ${ct?.p50 ?? '–'} / p85 ${ct?.p85 ?? '–'} days · satisfaction ${s.mean ?? '–'} (last ${s.last ?? '–'})`),
    table,
    trends(pmo),
    epics(pmo),
    retro(pmo),
    flow(pmo),
    capacity(pmo),
  );
}
