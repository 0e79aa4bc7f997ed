// The pickers' models (what is offered, which entry Enter takes, the title) and the
// dependency questions of Add Dependency and Delete, on the integration fixture's files.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { applyPlanToFiles, planEdits } from '../../src/core/edit';
import { buildWorkspace, loadWorkspace } from '../../src/core/parse/workspace';
import { validateWorkspace } from '../../src/core/validate';
import { assigneeChoices, pointsChoices, sprintChoices, stateChoices, type ChoiceModel } from '../../src/extension/commands/choices';
import { dependencyCandidates, dependentsOf, removeReferenceOps } from '../../src/extension/commands/dependencies';

const ROOT = path.join(__dirname, '../integration/fixtures/workspace');
const ws = loadWorkspace(ROOT);
const item = (id: string) => ws.items.find((i) => i.id === id)!;
const focused = <T>(m: ChoiceModel<T>) => m.choices[m.active];
const NOW = new Date('2026-11-20T12:00:00Z');

describe('extension: picker choices', () => {
  it('set state focuses the current state and names the item in the title', () => {
    const m = stateChoices(ws, [item('PAY-12')]);
    assert.equal(focused(m).value, 'in-progress');
    assert.equal(m.title, 'Set the state of PAY-12 “Checkout accepts saved cards”');
    assert.match(focused(m).description ?? '', /current/);
  });

  it('several items: a "keep" entry first and focused, picking it changes nothing', () => {
    const m = stateChoices(ws, [item('PAY-12'), item('PAY-15')]);
    assert.equal(m.active, 0);
    assert.equal(focused(m).keep, true);
    assert.equal(focused(m).description, 'in-progress, todo');
    assert.match(m.title, /2 items \(PAY-12, PAY-15\)/);
  });

  it('estimate focuses the current points; an unestimated item focuses "No estimate"; a new item starts unestimated', () => {
    assert.equal(focused(pointsChoices([item('PAY-13')])).value, 8);
    assert.equal(focused(pointsChoices([item('PAY-14')])).value, null);
    const fresh = pointsChoices([]);
    assert.equal(fresh.active, 0);
    assert.equal(focused(fresh).value, null);
    assert.equal(focused(fresh).label, 'No estimate');
  });

  it('estimate offers an off-scale current value (4) and focuses it', () => {
    const four = buildWorkspace('/x', [{ file: 'backlog/backlog.yaml', text: 'version: 1\nitems:\n  - {id: A-1, title: T, points: 4}\n' }], undefined);
    assert.equal(focused(pointsChoices(four.items)).value, 4);
  });

  it('assign focuses the current assignee, also one no source listed; unassigned focuses "Nobody"', () => {
    const people = [{ name: 'dana', why: 'me (sprintlog.me)' }, { name: 'alice', why: 'in the backlog' }];
    assert.equal(focused(assigneeChoices(people, [item('PAY-15')])).value, 'carol');
    assert.equal(focused(assigneeChoices(people, [item('PAY-14')])).value, null);
    assert.equal(focused(assigneeChoices(people, [item('PAY-12')])).value, 'alice');
  });

  it('sprint focuses the current sprint, or the product backlog', () => {
    assert.equal(focused(sprintChoices(ws, [item('PAY-13')], NOW)).value, 'S13');
    assert.equal(focused(sprintChoices(ws, [item('PAY-14')], NOW)).value, null);
    assert.equal(focused(sprintChoices(ws, [], NOW, 'S12')).value, 'S12');
  });
});

describe('extension: dependency questions', () => {
  it('add dependency leaves out the item, its dependencies and items that close a cycle; open items first', () => {
    const c = dependencyCandidates(ws, item('PAY-9'));
    assert.deepEqual(c.cycle, ['PAY-12']);
    assert.ok(!c.offered.some((i) => i.id === 'PAY-9' || i.id === 'PAY-12'));
    const d = dependencyCandidates(ws, item('PAY-12'));
    assert.deepEqual(d.offered.map((i) => i.id), ['PAY-15', 'PAY-16', 'PAY-13', 'PAY-14', 'PAY-17']);
    const e = dependencyCandidates(ws, item('PAY-15'));
    assert.equal(e.offered.at(-1)?.id, 'PAY-9', 'the done item comes last');
  });

  it('delete: names the dependents and removes their references in the same plan, leaving a valid file', () => {
    const dependents = dependentsOf(ws, ['PAY-9']);
    assert.deepEqual(dependents.map((i) => i.id), ['PAY-12']);
    const plan = planEdits(ws, [{ kind: 'delete', id: 'PAY-9' }, ...removeReferenceOps(dependents, ['PAY-9'])]);
    const text = applyPlanToFiles(ws, plan).get('backlog/backlog.yaml')!;
    assert.ok(!text.includes('PAY-9'));
    const after = buildWorkspace(ROOT, [{ file: 'backlog/backlog.yaml', text }], ws.sprintLog && { file: ws.sprintLog.file, text: ws.sprintLog.text });
    assert.deepEqual(validateWorkspace(after).filter((p) => p.severity === 'error'), []);
  });
});
