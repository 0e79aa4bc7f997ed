// The views' pure logic on the real fixture files: grouping, filters, labels,
// tooltips (escaping), the sprint view's rows and the sprint calendar.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildWorkspace } from '../../src/core/parse/workspace';
import { loadWorkspace } from '../../src/core/parse/workspace';
import { activeSprint, daysLeft, workCalendar } from '../../src/core/sprint';
import { localDay, workingDaysBetween } from '../../src/core/time';
import { filterItems } from '../../src/extension/views/filter';
import { groupItems, peopleInFiles } from '../../src/extension/views/grouping';
import { escapeMarkdown } from '../../src/core/escape';
import { itemContextValue, itemDescription, itemIcon, itemTooltip } from '../../src/extension/views/labels';
import type { GroupNode, InfoNode, Node } from '../../src/extension/views/nodes';
import { backlogNodes, sprintNodes } from '../../src/extension/views/rows';

const ws = loadWorkspace(path.join(__dirname, '../fixtures/basic'));
const ids = (items: { id: string }[]) => items.map((i) => i.id);
const DAY = '2026-11-20'; // a Friday inside S12 (2026-11-16 .. 2026-11-27)

describe('extension: views', () => {
  it('reads the fixture (sanity)', () => {
    assert.deepEqual(ids(ws.items), ['PAY-12', 'PAY-9', 'PAY-13', 'PAY-14']);
  });

  it('groups by sprint: active and planned sprints, product backlog, closed sprints only with items', () => {
    const groups = groupItems(ws, ws.items, 'sprint', { day: DAY });
    assert.deepEqual(groups.map((g) => [g.key, g.status, ids(g.items)]), [
      ['sprint:S12', 'active', ['PAY-12', 'PAY-9']],
      ['sprint:', undefined, ['PAY-13', 'PAY-14']],
    ]);
    // Before S11 started, both sprints are planned and shown even when empty (drop targets).
    const early = groupItems(ws, ws.items, 'sprint', { day: '2026-10-01' });
    assert.deepEqual(early.map((g) => [g.key, g.status, g.items.length]), [['sprint:S11', 'planned', 0], ['sprint:S12', 'planned', 2], ['sprint:', undefined, 2]]);
  });

  it('groups by state in workflow order, by epic and by assignee', () => {
    assert.deepEqual(groupItems(ws, ws.items, 'state', { day: DAY }).map((g) => [g.label, ids(g.items)]), [
      ['todo', ['PAY-13', 'PAY-14']], ['in-progress', ['PAY-12']], ['review', []], ['done', ['PAY-9']],
    ]);
    assert.deepEqual(groupItems(ws, ws.items, 'epic', { day: DAY }).map((g) => [g.value, ids(g.items)]), [
      ['PAY-E1', ['PAY-12', 'PAY-9']], [undefined, ['PAY-13', 'PAY-14']],
    ]);
    assert.deepEqual(groupItems(ws, ws.items, 'assignee', { day: DAY }).map((g) => [g.label, ids(g.items)]), [
      ['alice', ['PAY-12']], ['bob', ['PAY-9']], ['Unassigned', ['PAY-13', 'PAY-14']],
    ]);
    assert.deepEqual(peopleInFiles(ws), ['alice', 'bob', 'dana']);
  });

  it('filters by text, assignee, tag, mine and blocked; a filter hides empty groups', () => {
    assert.deepEqual(ids(filterItems(ws.items, { blocked: true })), ['PAY-12']);
    assert.deepEqual(ids(filterItems(ws.items, { text: 'VAULT' })), ['PAY-9']);
    assert.deepEqual(ids(filterItems(ws.items, { tag: 'research' })), ['PAY-14']);
    assert.deepEqual(ids(filterItems(ws.items, { assignee: 'ALICE' })), ['PAY-12']);
    assert.deepEqual(ids(filterItems(ws.items, { mine: 'bob' })), ['PAY-9']);
    assert.deepEqual(ids(filterItems(ws.items, { mine: 'bob', blocked: true })), []);
    const nodes = backlogNodes('f', ws, { grouping: 'state', filter: { text: 'card' }, day: DAY });
    assert.deepEqual(nodes.map((n) => (n as GroupNode).group.label), ['in-progress', 'done']);
  });

  it('labels rows with points, assignee and a blocked mark; icons by type and category', () => {
    const [p12, p9, p13, p14] = ws.items;
    assert.equal(itemDescription(p12), '5 pt · alice · ⊘ blocked');
    assert.equal(itemDescription(p14), '');
    assert.deepEqual(itemIcon(p12, ws.states), { id: 'circle-slash', color: 'charts.red' });
    assert.deepEqual(itemIcon(p9, ws.states), { id: 'pass', color: 'charts.green' });
    assert.deepEqual(itemIcon(p13, ws.states), { id: 'book', color: undefined });
    assert.deepEqual(itemIcon(p14, ws.states), { id: 'beaker', color: undefined });
    assert.equal(itemContextValue(p12, ws.states), 'item blocked doing');
    assert.equal(itemContextValue(p14, ws.states), 'item unblocked todo');
  });

  it('tooltips show dependencies with their state and escape everything from the file', () => {
    const tip = itemTooltip(ws.items[0], ws, [{ date: '2026-11-17', text: 'started' }]);
    assert.match(tip, /Depends on: PAY\\-9 \(done\)/);
    assert.match(tip, /\*\*Blocked:\*\* Waiting for vendor API keys/);
    assert.match(tip, /Timeline/);
    const hostile = buildWorkspace('/x', [{
      file: 'backlog/backlog.yaml',
      text: 'version: 1\nitems:\n  - id: X-1\n    title: "[click](command:workbench.action.reloadWindow) <img src=x onerror=alert(1)>"\n    description: "![i](https://e.invalid/t.png) `code` *b*"\n',
    }], undefined);
    const t = itemTooltip(hostile.items[0], hostile);
    const unescaped = (ch: string) => new RegExp(`(^|[^\\\\])\\${ch}`).test(t.replace(/^\*\*X\\-1\*\*/, '').replace(/\*\*Blocked:\*\*/g, ''));
    for (const ch of ['[', ']', '(', '<', '`', '!']) assert.ok(!unescaped(ch), `${ch} left unescaped in ${t}`);
    assert.equal(escapeMarkdown('a_b'), 'a\\_b');
  });

  it('sprint view: sprint, goal, days left, points, items by state', () => {
    const nodes = sprintNodes('f', ws, undefined, DAY, () => 13);
    const info = nodes.filter((n): n is InfoNode => n.kind === 'info').map((n) => [n.key, n.label, n.description]);
    assert.deepEqual(info, [
      ['sprint', 'Sprint 12 (S12)', '2026-11-16 – 2026-11-27'],
      ['goal', 'Goal', 'Saved cards usable end to end'],
      ['days', 'Days', '6 of 10 working days left'],
      ['points', 'Points', '3 of 8 pt done · 1 of 2 items · committed 13 at start · capacity 30'],
    ]);
    const groups = nodes.filter((n): n is GroupNode => n.kind === 'group').map((g) => [g.group.label, g.children.map((c) => c.item.id)]);
    assert.deepEqual(groups, [['todo', []], ['in-progress', ['PAY-12']], ['review', []], ['done', ['PAY-9']]]);
    const chosen = sprintNodes('f', ws, 'S11', DAY).filter((n: Node) => n.kind === 'info').map((n) => (n as InfoNode).description);
    assert.equal(chosen[2], 'closed');
    assert.equal((sprintNodes('f', ws, undefined, '2026-12-20')[0] as InfoNode).label, 'No active sprint');
  });

  it('calendar: days in the sprint time zone, working days without weekends and holidays', () => {
    // 23:30 UTC on the 19th is already the 20th in Berlin.
    assert.equal(localDay(Date.parse('2026-11-19T23:30:00Z'), 'Europe/Berlin'), '2026-11-20');
    assert.equal(localDay(Date.parse('2026-11-19T23:30:00Z'), 'Not/AZone'), '2026-11-19');
    assert.equal(workingDaysBetween('2026-12-21', '2026-12-27', workCalendar(ws.sprintLog)), 4); // Mon..Sun, 25th a holiday
    assert.equal(activeSprint(ws.sprintLog, '2026-11-14'), undefined); // Saturday between sprints
    assert.equal(activeSprint(ws.sprintLog, '2026-11-27')?.id, 'S12');
    const s12 = ws.sprintLog!.sprints[1];
    assert.deepEqual(daysLeft(s12, ws.sprintLog, '2026-11-27'), { working: 1, total: 10, status: 'active' });
    assert.deepEqual(daysLeft(s12, ws.sprintLog, '2026-11-28'), { working: 0, total: 10, status: 'closed' });
  });

  it('keeps row ids unique when the file repeats an id', () => {
    const dup = buildWorkspace('/x', [{ file: 'backlog/backlog.yaml', text: 'version: 1\nitems:\n  - {id: A-1, title: one}\n  - {id: A-1, title: two}\n' }], undefined);
    const nodes = backlogNodes('f', dup, { grouping: 'sprint', filter: {}, day: DAY });
    const children = (nodes[0] as GroupNode).children.map((c) => c.nodeId);
    assert.equal(new Set(children).size, 2);
  });
});
