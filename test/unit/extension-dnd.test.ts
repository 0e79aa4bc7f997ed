// Drag and drop → edit ops, applied by the real edit engine to the real fixture text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyPlanToFiles, planEdits } from '../../src/core/edit';
import type { EditOp } from '../../src/core/edit/types';
import type { Workspace } from '../../src/core/model';
import { buildWorkspace } from '../../src/core/parse/workspace';
import { commitMessage } from '../../src/core/edit/describe';
import { dropOps } from '../../src/extension/views/dnd';

const dir = path.join(__dirname, '../fixtures/basic/backlog');
const backlogText = fs.readFileSync(path.join(dir, 'backlog.yaml'), 'utf8');
const sprintsText = fs.readFileSync(path.join(dir, 'sprints.yaml'), 'utf8');
const load = (text = backlogText): Workspace =>
  buildWorkspace('/r', [{ file: 'backlog/backlog.yaml', text }], { file: 'backlog/sprints.yaml', text: sprintsText });

/** Applies ops with the edit engine and returns the new model and text. */
function run(ws: Workspace, ops: EditOp[]): { ws: Workspace; text: string } {
  const text = applyPlanToFiles(ws, planEdits(ws, ops)).get('backlog/backlog.yaml') ?? backlogText;
  return { ws: load(text), text };
}
const item = (ws: Workspace, id: string) => ws.items.find((i) => i.id === id)!;
const order = (ws: Workspace) => ws.items.map((i) => i.id);

/** Lines added and removed, counted as multisets (enough for one-field edits). */
function changedLines(before: string, after: string): { added: string[]; removed: string[] } {
  const count = (lines: string[]) => lines.reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>());
  const a = count(before.split('\n'));
  const b = count(after.split('\n'));
  const minus = (x: Map<string, number>, y: Map<string, number>) => [...x].flatMap(([l, n]) => Array(Math.max(0, n - (y.get(l) ?? 0))).fill(l) as string[]);
  return { added: minus(b, a), removed: minus(a, b) };
}

describe('extension: drag and drop → ops', () => {
  it('dropping several items on an item of another sprint moves them into it, right before it', () => {
    const ws = load();
    const ops = dropOps(ws, [item(ws, 'PAY-14'), item(ws, 'PAY-13')], { kind: 'item', item: item(ws, 'PAY-9'), group: { field: 'sprint', value: 'S12' } });
    const after = run(ws, ops).ws;
    assert.deepEqual(order(after), ['PAY-12', 'PAY-13', 'PAY-14', 'PAY-9']);
    assert.equal(item(after, 'PAY-13').sprint, 'S12');
    assert.equal(item(after, 'PAY-14').sprint, 'S12');
  });

  it('reorders downwards and upwards within a group', () => {
    const ws = load();
    const down = run(ws, dropOps(ws, [item(ws, 'PAY-12')], { kind: 'item', item: item(ws, 'PAY-14') })).ws;
    assert.deepEqual(order(down), ['PAY-9', 'PAY-13', 'PAY-12', 'PAY-14']);
    const up = run(ws, dropOps(ws, [item(ws, 'PAY-14'), item(ws, 'PAY-9')], { kind: 'item', item: item(ws, 'PAY-12') })).ws;
    assert.deepEqual(order(up), ['PAY-9', 'PAY-14', 'PAY-12', 'PAY-13']);
  });

  it('dropping on a group changes only that field: one line in the diff', () => {
    const ws = load();
    const { ws: after, text } = run(ws, dropOps(ws, [item(ws, 'PAY-9')], { kind: 'group', group: { field: 'sprint', value: undefined } }));
    assert.deepEqual(order(after), order(ws));
    assert.equal(item(after, 'PAY-9').sprint, undefined);
    assert.deepEqual(changedLines(backlogText, text), { added: [], removed: ['    sprint: S12'] });
    const state = run(ws, dropOps(ws, [item(ws, 'PAY-13')], { kind: 'group', group: { field: 'state', value: 'review' } }));
    assert.equal(item(state.ws, 'PAY-13').state, 'review');
    assert.deepEqual(changedLines(backlogText, state.text).removed, ['  - {id: PAY-13, title: Refund flow, type: story, points: 8}']);
  });

  it('dropping where nothing changes makes no ops', () => {
    const ws = load();
    assert.deepEqual(dropOps(ws, [item(ws, 'PAY-12')], { kind: 'item', item: item(ws, 'PAY-9'), group: { field: 'sprint', value: 'S12' } }), []);
    assert.deepEqual(dropOps(ws, [item(ws, 'PAY-9')], { kind: 'item', item: item(ws, 'PAY-9') }), []);
    assert.deepEqual(dropOps(ws, [item(ws, 'PAY-12')], { kind: 'group', group: { field: 'assignee', value: 'alice' } }), []);
  });

  it('writes commit messages per item', () => {
    assert.equal(commitMessage([{ kind: 'set', id: 'PAY-12', field: 'state', value: 'done' }]), 'PAY-12: state → done');
    assert.equal(
      commitMessage([{ kind: 'set', id: 'PAY-12', field: 'assignee', value: 'alice' }, { kind: 'set', id: 'PAY-12', field: 'state', value: 'in-progress' }]),
      'PAY-12: assignee → alice, state → in-progress',
    );
    assert.equal(commitMessage([{ kind: 'add', fields: { title: 'New' } }], ['PAY-15']), 'PAY-15: added "New"');
    assert.match(commitMessage([{ kind: 'sprint', ids: ['PAY-1'], sprint: null }, { kind: 'delete', id: 'PAY-2' }]), /^Update backlog \(2 items\)\n\nPAY-1: sprint → product backlog\nPAY-2: deleted$/);
  });
});
