// The non-chart parts of the dashboard: the sprint's summary (goal, dates,
// capacity, committed/completed, working days left) and its scope changes with a
// button per commit (the keyboard way to the diff a marker click opens). The
// health findings are the Health tab's (pmo/health.ts).
import { localDay, working } from '../core/charts/common';
import type { ChartFacts } from '../core/charts/types';
import type { SprintMetrics } from '../core/metrics/types';
import { dayRange } from '../core/time/days';
import type { DashboardBody } from '../shared/protocol';
import { post, requestId } from './api';
import { cellText, dataTable, h } from './dom';

type Charts = Extract<DashboardBody, { kind: 'charts' }>;

function fact(label: string, value: string): HTMLElement {
  return h('div', { class: 'fact' }, h('dt', {}, label), h('dd', {}, value));
}

export function sprintSummary(body: Charts, s: SprintMetrics): HTMLElement {
  const info = body.facts.sprints[s.id];
  const today = localDay(body.report.asOf);
  const from = today > s.start ? today : s.start;
  const workDays = (a: string, b: string) => (a > b ? 0 : dayRange(a, b).filter((d) => working(d, body.facts)).length);
  const total = workDays(s.start, s.end);
  const left = s.status === 'closed' ? 0 : workDays(from, s.end);
  const title = `${s.id}${info?.name ? ` ${info.name}` : ''}`;
  return h('section', { class: 'sprint-summary', 'aria-label': `Sprint ${title}` },
    h('h2', {}, title),
    info?.goal ? h('p', { class: 'goal' }, `Goal: ${info.goal}`) : undefined,
    h('dl', { class: 'facts' },
      fact('Dates', `${s.start} to ${s.end}`),
      fact('Status', s.status ?? 'invalid dates'),
      fact('Working days left', s.status === 'planned' ? `planned · ${total}` : `${left} of ${total}`),
      fact('Capacity', cellText(s.capacity)),
      fact('Committed', cellText(s.committed)),
      fact('Completed', cellText(s.completed)),
      fact('Scope added / removed', `${cellText(s.scopeAdded)} / ${cellText(s.scopeRemoved)}`),
    ),
  );
}

function diffButton(commit: string, item: string): HTMLElement {
  const b = h('button', { class: 'link', type: 'button', title: `Open the diff of commit ${commit.slice(0, 10)}` }, commit.slice(0, 10));
  b.addEventListener('click', () => post({ type: 'openCommitDiff', requestId: requestId(), commit, item }));
  return b;
}

export function scopeChangesTable(s: SprintMetrics, facts: ChartFacts): HTMLElement {
  const changes = s.scopeChanges ?? [];
  const table = dataTable(
    {
      headers: ['Time', 'Item', 'Title', 'Change', 'Points', 'Commit', 'Author'],
      rows: changes.map((c) => [c.time, c.id, facts.titles[c.id] ?? '', c.kind, c.points, c.commit, facts.commits[c.commit]?.author ?? '']),
    },
    'Scope changes',
    (row, col) => (col === 5 && /^[0-9a-f]{7,64}$/.test(String(row[5])) ? diffButton(String(row[5]), String(row[1])) : undefined),
  );
  return h('section', { class: 'scope-changes' }, h('h3', {}, `Scope changes (${changes.length})`), table);
}
