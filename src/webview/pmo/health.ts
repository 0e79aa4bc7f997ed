// The Health tab: every finding of the health core (code, severity, the sprints
// and items involved, the why in words) and the thresholds they were computed
// with. Each item is a button that reveals it in the YAML.
import type { PmoData } from '../../shared/protocol';
import { dataTable, h } from '../dom';
import { revealList } from '../reveal';

export const SEVERITY_TEXT = { warning: 'Warning', info: 'Info' } as const;

export function healthTab(pmo: PmoData): HTMLElement {
  const f = pmo.health;
  const warnings = f.filter((x) => x.severity === 'warning').length;
  const section = h('section', { class: 'health', 'aria-labelledby': 'health-title' },
    h('h2', { id: 'health-title' }, f.length === 0 ? 'Health: no warnings' : `Health: ${warnings} warning${warnings === 1 ? '' : 's'}, ${f.length - warnings} info`),
    h('p', { class: 'note' }, 'The early-warning signs of ', h('code', {}, 'sprintlog health'), ' (the same findings), with the sprints and items each one involves. Item ids open the item in the YAML.'),
  );
  if (f.length > 0) {
    const table = dataTable(
      {
        headers: ['Severity', 'Code', 'Why', 'Sprints', 'Items'],
        rows: f.map((x) => [SEVERITY_TEXT[x.severity], x.code, x.message, x.sprints.join(', '), x.items.join(', ')]),
      },
      'Health findings',
      (_row, col, i) => (col === 4 && f[i].items.length > 0 ? revealList(f[i].items) : col === 0 ? h('span', { class: `severity ${f[i].severity}` }, SEVERITY_TEXT[f[i].severity]) : undefined),
    );
    table.classList.add('health-findings');
    section.append(table);
  }
  section.append(
    h('details', { class: 'data thresholds' },
      h('summary', {}, 'Thresholds in use'),
      dataTable({ headers: ['Code', 'Threshold', 'Meaning'], rows: pmo.thresholds.map((t) => [t.code, t.value, t.means]) }, 'Health thresholds (settings override the spec\'s defaults)'),
    ),
  );
  return section;
}
