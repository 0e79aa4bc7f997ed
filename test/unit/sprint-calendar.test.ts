// The one rule for "which sprint is active" (src/core/sprint), seen through
// everything that shows a sprint: the Sprint view's rows, the status bar text,
// completion's ordering and the pickers. Real YAML, parsed by the real parser.
import * as assert from 'node:assert/strict';
import { buildWorkspace } from '../../src/core/parse/workspace';
import { validateWorkspace } from '../../src/core/validate';
import { activeSprint, daysLeft, nextSprint, pointTotals, sprintStatus } from '../../src/core/sprint';
import { workingDaysBetween } from '../../src/core/time';
import { sprintChoices } from '../../src/extension/commands/choices';
import { completionCandidates } from '../../src/extension/language/completion-items';
import type { InfoNode } from '../../src/extension/views/nodes';
import { sprintNodes } from '../../src/extension/views/rows';
import { sprintStatus as statusEntry } from '../../src/extension/status/status-text';

const BACKLOG = `version: 1
project: OV
items:
  - {id: OV-1, title: First sprint work, state: done, points: 3, sprint: S1}
  - {id: OV-2, title: Second sprint work, state: in-progress, points: 5, sprint: S2}
  - {id: OV-3, title: Second sprint, unestimated, sprint: S2}
  - {id: OV-4, title: Second sprint, done, state: done, points: 2, sprint: S2}
`;
// S1 and S2 overlap (the validator reports it), on purpose: the files may say so.
const SPRINTS = `version: 1
timezone: Europe/Berlin
holidays: [2026-11-25]
sprints:
  - {id: S1, name: Sprint 1, start: 2026-11-02, end: 2026-11-20}
  - {id: S2, name: Sprint 2, start: 2026-11-16, end: 2026-11-27}
  - {id: S3, name: Sprint 3, start: 2026-12-07, end: 2026-12-18}
  - {id: S0, name: Broken, start: 2026-11-30, end: 2026-02-30}
`;
const ws = buildWorkspace('/x', [{ file: 'backlog/backlog.yaml', text: BACKLOG }], { file: 'backlog/sprints.yaml', text: SPRINTS });
/** 2026-11-18 10:00 in Berlin. */
const NOW = Date.parse('2026-11-18T09:00:00Z');
const DAY = '2026-11-18';

describe('sprint calendar: one rule for the active sprint', () => {
  it('overlapping sprints: the one that started last is active', () => {
    assert.ok(validateWorkspace(ws).some((p) => p.code === 'sprint-overlap'), 'the fixture really overlaps');
    assert.equal(activeSprint(ws.sprintLog, DAY)?.id, 'S2');
    assert.equal(activeSprint(ws.sprintLog, '2026-11-13')?.id, 'S1');
    assert.equal(activeSprint(ws.sprintLog, '2026-11-28'), undefined);
    assert.equal(nextSprint(ws.sprintLog, '2026-11-28')?.id, 'S3');
  });

  it('the status bar and the Sprint view show the same sprint', () => {
    const entry = statusEntry(ws, NOW);
    assert.equal(entry?.sprintId, 'S2');
    assert.match(entry?.text ?? '', /^\$\(rocket\) S2: 5 pts left · 7 days left$/);
    const head = sprintNodes('f', ws, undefined, DAY)[0] as InfoNode;
    assert.equal(head.label, 'Sprint 2 (S2)');
  });

  it('completion and the sprint picker put the same sprint first', () => {
    const candidates = completionCandidates({ kind: 'sprint', partial: '', quote: '', listed: [] }, ws, DAY);
    const sorted = [...candidates].sort((a, b) => (a.sortText < b.sortText ? -1 : 1));
    assert.deepEqual(sorted.slice(0, 2).map((c) => [c.label, c.detail?.split(' · ').pop()]), [['S1', 'active'], ['S2', 'active']]);
    const choices = sprintChoices(ws, [], new Date(NOW));
    assert.deepEqual(choices.choices.slice(0, 2).map((c) => c.description), ['active · 2026-11-02 – 2026-11-20', 'active · 2026-11-16 – 2026-11-27']);
  });

  it('a sprint whose dates are not days has no status, and never counts as active', () => {
    const s0 = ws.sprintLog!.sprints.find((s) => s.id === 'S0')!;
    assert.equal(sprintStatus(s0, '2026-12-01'), null);
    assert.deepEqual(daysLeft(s0, ws.sprintLog, '2026-12-01'), { working: 0, total: 0, status: null });
  });

  it('working days left skip weekends and holidays; points split into done and open', () => {
    const s2 = ws.sprintLog!.sprints.find((s) => s.id === 'S2')!;
    // Wed 18th..Fri 27th: 8 weekdays, minus the 25th.
    assert.deepEqual(daysLeft(s2, ws.sprintLog, DAY), { working: 7, total: 9, status: 'active' });
    assert.equal(workingDaysBetween('2026-11-27', '2026-11-16'), 0);
    assert.equal(workingDaysBetween('2026-11-16', '2026-11-31'), 0);
    const t = pointTotals(ws.items.filter((i) => i.sprint === 'S2'), ws.states);
    assert.deepEqual(
      [t.items, t.points, t.doneItems, t.donePoints, t.openItems, t.openPoints, t.unestimated, t.openUnestimated],
      [3, 7, 1, 2, 2, 5, 1, 1],
    );
  });
});
