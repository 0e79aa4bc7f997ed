// "Me" that matches the team's handles, the git-log names left out for people who
// have a handle, the empty filter result naming the filter, Start Work's unmet dependencies.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadWorkspace } from '../../src/core/parse/workspace';
import { unmetDependencies } from '../../src/extension/commands/dependencies';
import { resolveMe, sameAs } from '../../src/extension/commands/me';
import type { InfoNode } from '../../src/extension/views/nodes';
import { backlogNodes } from '../../src/extension/views/rows';

const ws = loadWorkspace(path.join(__dirname, '../integration/fixtures/workspace'));
const HANDLES = ['alice', 'bob', 'carol', 'dana', 'erik'];

describe('extension: me', () => {
  it('the sprintlog.me setting wins', () => {
    assert.deepEqual(resolveMe(' dana ', 'Someone Else', 'x@y', HANDLES), { name: 'dana', why: 'me (sprintlog.me)' });
  });

  it('else the handle the backlog already uses for the git identity: email local part, first name', () => {
    assert.equal(resolveMe(undefined, 'Dana Kowalski', 'dk@example.invalid', HANDLES)?.name, 'dana');
    assert.equal(resolveMe(undefined, 'D. K.', 'Erik@example.invalid', HANDLES)?.name, 'erik');
    assert.equal(resolveMe(undefined, 'bob', undefined, HANDLES)?.name, 'bob');
  });

  it('else the git user.name as it is', () => {
    assert.deepEqual(resolveMe(undefined, 'Sprintlog Tests', 'tests@example.invalid', HANDLES), { name: 'Sprintlog Tests', why: 'me (git user.name)' });
    assert.equal(resolveMe(undefined, undefined, undefined, HANDLES), undefined);
  });

  it('a git-log name is the same person as a handle by first name', () => {
    assert.ok(sameAs('Dana Kowalski', 'dana'));
    assert.ok(!sameAs('Danalyn Smith', 'dana'));
  });
});

describe('extension: filters and dependencies', () => {
  it('an empty filter result says which filter is active', () => {
    const nodes = backlogNodes('f', ws, { grouping: 'sprint', filter: { mine: 'zoe', blocked: true }, day: '2026-11-20' });
    assert.equal(nodes.length, 1);
    const row = nodes[0] as InfoNode;
    assert.equal(row.label, 'No items match the filter');
    assert.equal(row.description, 'mine (zoe) · blocked');
  });

  it('unmet dependencies are the ones not done', () => {
    const copy = { ...ws, items: ws.items.map((i) => (i.id === 'PAY-15' ? { ...i, dependsOn: ['PAY-9', 'PAY-16', 'PAY-99'] } : i)) };
    assert.deepEqual(unmetDependencies(copy, copy.items.find((i) => i.id === 'PAY-15')!).map((i) => i.id), ['PAY-16']);
  });
});
