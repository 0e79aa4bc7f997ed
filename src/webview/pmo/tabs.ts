// The PMO tabs of the dashboard (issue 11), registered with main.ts: Health,
// KPIs, Dependencies, and Portfolio in a multi-root workspace. They draw from
// the snapshot's `pmo` part (and `portfolio`), computed by the host from the
// same metrics document as the charts.
import type { DashboardBody, RenderedHealth } from '../../shared/protocol';
import { dependenciesTab } from './deps';
import { healthTab } from './health';
import { kpisTab } from './kpis';
import { portfolioTab } from './portfolio';

type Charts = Extract<DashboardBody, { kind: 'charts' }>;

export interface TabDef {
  id: string;
  label: string;
}

const DRAW: Record<string, (body: Charts) => HTMLElement | undefined> = {
  health: (b) => healthTab(b.pmo),
  kpis: (b) => kpisTab(b.pmo),
  dependencies: dependenciesTab,
  portfolio: (b) => (b.portfolio ? portfolioTab(b.portfolio) : undefined),
};

/** The PMO tabs for this snapshot: the Health label counts its warnings; Portfolio only when there is one. */
export function pmoTabs(body: Charts): TabDef[] {
  const warnings = body.pmo.health.filter((f) => f.severity === 'warning').length;
  return [
    { id: 'health', label: warnings > 0 ? `Health (${warnings})` : 'Health' },
    { id: 'kpis', label: 'KPIs' },
    { id: 'dependencies', label: 'Dependencies' },
    ...(body.portfolio ? [{ id: 'portfolio', label: 'Portfolio' }] : []),
  ];
}

/** Draws PMO tab `id` into `panel`; false when `id` is not a PMO tab. */
export function renderPmoTab(body: Charts, panel: HTMLElement, id: string): boolean {
  const draw = DRAW[id];
  if (!draw) return false;
  const el = draw(body);
  if (el) panel.append(el);
  return true;
}

/** The findings the open Health tab drew (for the `rendered` message: what the user sees), else undefined. */
export function renderedHealth(panel: HTMLElement | undefined): RenderedHealth[] | undefined {
  const rows = panel?.querySelectorAll<HTMLTableRowElement>('.health-findings tbody tr');
  if (!panel?.querySelector('.health')) return undefined;
  return Array.from(rows ?? [], (r) => ({
    code: r.cells[1]?.textContent ?? '',
    items: Array.from(r.querySelectorAll<HTMLElement>('button[data-item]'), (b) => b.dataset.item ?? ''),
  }));
}
