// Example-based tests of the edit engine on the fixture files: each expected
// text below is written by hand, line by line, from the fixture.

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { applyPlanToFiles, EditError, type EditOp, nextId, planEdits } from '../../src/core/edit';
import { buildWorkspace, loadWorkspace } from '../../src/core/parse/workspace';
import type { Workspace } from '../../src/core/model';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const MAIN = 'backlog/backlog.yaml';

function edit(ws: Workspace, ops: EditOp[], file = MAIN): string {
  const out = applyPlanToFiles(ws, planEdits(ws, ops)).get(file);
  assert.ok(out !== undefined, `no change to ${file}`);
  assert.deepEqual(buildWorkspace(ws.root, [{ file, text: out }], undefined).parseProblems, []);
  return out;
}

/** The original text with `from` replaced by `to` (each must occur exactly once). */
function replaced(text: string, ...pairs: Array<[string, string]>): string {
  for (const [from, to] of pairs) {
    assert.equal(text.split(from).length, 2, `fixture holds ${JSON.stringify(from)} once`);
    text = text.replace(from, () => to);
  }
  return text;
}

describe('edit engine on fixtures: basic', () => {
  const ws = loadWorkspace(path.join(FIXTURES, 'basic'));
  const text = ws.backlogs[0].text;

  it('changes one value in place, keeping the comment on the line', () => {
    assert.equal(edit(ws, [{ kind: 'set', id: 'PAY-12', field: 'points', value: 8 }]), replaced(text, ['    points: 5\n    sprint: S12\n    assignee: alice', '    points: 8\n    sprint: S12\n    assignee: alice']));
    assert.equal(edit(ws, [{ kind: 'set', id: 'PAY-12', field: 'id', value: 'PAY-20' }]), replaced(text, ['- id: PAY-12 ', '- id: PAY-20 ']));
  });

  it('keeps the quote style of the old value, quoting only when YAML needs it', () => {
    assert.equal(edit(ws, [{ kind: 'set', id: 'PAY-9', field: 'title', value: 'Vault: tokens' }]), replaced(text, ['"Vault: store card tokens"', '"Vault: tokens"']));
    assert.equal(edit(ws, [{ kind: 'set', id: 'PAY-9', field: 'title', value: 'Vault tokens' }]), replaced(text, ['"Vault: store card tokens"', '"Vault tokens"']));
    assert.equal(edit(ws, [{ kind: 'set', id: 'PAY-14', field: 'title', value: "It's 3-D" }]), replaced(text, ["'Spike: 3-D Secure v2'", "'It''s 3-D'"]));
    assert.equal(edit(ws, [{ kind: 'set', id: 'PAY-12', field: 'assignee', value: 'no' }]), replaced(text, ['assignee: alice', 'assignee: "no"']));
    assert.equal(edit(ws, [{ kind: 'set', id: 'PAY-12', field: 'assignee', value: '007' }]), replaced(text, ['assignee: alice', 'assignee: "007"']));
  });

  it('adds a key in spec order, removes a key with its line', () => {
    assert.equal(edit(ws, [{ kind: 'set', id: 'PAY-14', field: 'points', value: 2 }]), replaced(text, ['    type: spike\n', '    type: spike\n    points: 2\n']));
    assert.equal(edit(ws, [{ kind: 'remove', id: 'PAY-12', field: 'blocked' }]), replaced(text, ['    blocked: Waiting for vendor API keys\n', '']));
    assert.deepEqual(planEdits(ws, [{ kind: 'remove', id: 'PAY-12', field: 'nothing-here' }, { kind: 'set', id: 'PAY-12', field: 'value', value: 8 }]).edits, []);
  });

  it('edits inside a flow-map item', () => {
    assert.equal(edit(ws, [{ kind: 'set', id: 'PAY-13', field: 'state', value: 'review' }, { kind: 'set', id: 'PAY-13', field: 'points', value: 13 }]),
      replaced(text, ['{id: PAY-13, title: Refund flow, type: story, points: 8}', '{id: PAY-13, title: Refund flow, type: story, state: review, points: 13}']));
    assert.equal(edit(ws, [{ kind: 'remove', id: 'PAY-13', field: 'type' }, { kind: 'set', id: 'PAY-13', field: 'tags', value: ['a b', 'c,d'] }]),
      replaced(text, ['{id: PAY-13, title: Refund flow, type: story, points: 8}', '{id: PAY-13, title: Refund flow, points: 8, tags: [a b, "c,d"]}']));
  });

  it('keeps a list\'s style: flow stays flow, `- a` lines stay lines', () => {
    assert.equal(edit(ws, [{ kind: 'set', id: 'PAY-12', field: 'tags', value: ['frontend'] }]), replaced(text, ['tags: [frontend, payments]', 'tags: [frontend]']));
    assert.equal(edit(ws, [{ kind: 'set', id: 'PAY-14', field: 'tags', value: ['research', 'security'] }]), replaced(text, ['      - research', '      - research\n      - security']));
  });

  it('replaces a block scalar with a block scalar at its indentation', () => {
    assert.equal(edit(ws, [{ kind: 'set', id: 'PAY-12', field: 'description', value: 'New text.\n\nSecond paragraph.\n' }]),
      replaced(text, ['      Free text, Markdown.\n', '      New text.\n\n      Second paragraph.\n']));
    assert.equal(edit(ws, [{ kind: 'set', id: 'PAY-12', field: 'description', value: 'One line' }]),
      replaced(text, ['    description: |\n      Free text, Markdown.\n', '    description: One line\n']));
  });

  it('moves an item with the comment above it, keeping blank-line separators', () => {
    const moved = edit(ws, [{ kind: 'move', id: 'PAY-9', toRank: 0 }]);
    const block9 = '  # Fixed last sprint, kept for the review.\n  - id: PAY-9\n    title: "Vault: store card tokens"\n    type: story\n    state: done\n    points: 3\n    sprint: S12\n    assignee: bob\n    epic: PAY-E1\n';
    assert.equal(moved, replaced(text, ['\n' + block9, ''], ['items:\n', 'items:\n' + block9 + '\n']));
  });

  it('deletes an item and one separator; adds one at a rank with the next id', () => {
    // Of the blank line above and the plain line break below, the shorter separator goes.
    assert.equal(edit(ws, [{ kind: 'delete', id: 'PAY-13' }]), replaced(text, ['\n  - {id: PAY-13, title: Refund flow, type: story, points: 8}', '']));
    const plan = planEdits(ws, [{ kind: 'add', fields: { title: 'Receipts: PDF', points: 2, tags: ['billing'] }, rank: 2 }]);
    assert.deepEqual(plan.newIds, ['PAY-15']);
    assert.equal(applyPlanToFiles(ws, plan).get(MAIN), replaced(text, ['\n  - {id: PAY-13', '\n  - id: PAY-15\n    title: "Receipts: PDF"\n    points: 2\n    tags: [billing]\n\n  - {id: PAY-13']));
  });

  it('moves items to and from the product backlog', () => {
    assert.equal(edit(ws, [{ kind: 'sprint', ids: ['PAY-12', 'PAY-13'], sprint: null }]),
      replaced(text, ['    sprint: S12\n    assignee: alice', '    assignee: alice'], [', type: story, points: 8}', ', type: story, points: 8}']));
    assert.equal(edit(ws, [{ kind: 'sprint', ids: ['PAY-14'], sprint: 'S13' }]), replaced(text, ['    type: spike\n', '    type: spike\n    sprint: S13\n']));
  });

  it('refuses unknown ids and values the format cannot hold, with a reason', () => {
    assert.throws(() => planEdits(ws, [{ kind: 'set', id: 'PAY-99', field: 'points', value: 1 }]), /unknown item id 'PAY-99'/);
    assert.throws(() => planEdits(ws, [{ kind: 'set', id: 'PAY-12', field: 'points', value: 'five' }]), /'points' must be a number >= 0/);
    assert.throws(() => planEdits(ws, [{ kind: 'remove', id: 'PAY-12', field: 'title' }]), /every item needs one/);
    assert.throws(() => planEdits(ws, [{ kind: 'set', id: 'PAY-12', field: 'id', value: 'PAY-9' }]), /that id is taken/);
    assert.throws(() => planEdits(ws, [{ kind: 'move', id: 'PAY-12', toRank: 4 }]), /rank 4 is outside 0\.\.3/);
    assert.throws(() => planEdits(ws, [{ kind: 'set', id: 'PAY-12', field: 'bad key', value: 1 }]), EditError);
  });

  it('next id: project prefix, highest number across ids and reserved ids', () => {
    assert.equal(nextId(ws), 'PAY-15');
    assert.equal(nextId(ws, ['PAY-40', 'OTHER-99']), 'PAY-41');
    const noProject = buildWorkspace('/r', [{ file: MAIN, text: 'items:\n  - {id: AB-3, title: x}\n  - {id: AB-7, title: y}\n  - {id: Q-100, title: z}\n' }], undefined);
    assert.equal(nextId(noProject), 'AB-8');
  });
});

describe('edit engine on fixtures: CRLF and BOM', () => {
  const ws = loadWorkspace(path.join(FIXTURES, 'edit', 'crlf'));
  const text = ws.backlogs[0].text;

  it('writes CRLF, keeps the BOM and everything else byte for byte', () => {
    assert.ok(text.startsWith('\uFEFF# Saved') && text.includes('\r\n'));
    assert.equal(edit(ws, [{ kind: 'set', id: 'WIN-3', field: 'state', value: 'done' }, { kind: 'set', id: 'WIN-1', field: 'title', value: 'Login: SAML' }]),
      replaced(text, ['    title: Plain\r\n', '    title: Plain\r\n    state: done\r\n'], ['"Login: SSO"', '"Login: SAML"']));
    assert.equal(edit(ws, [{ kind: 'set', id: 'WIN-1', field: 'description', value: 'Only.\nTwo.\n' }]),
      replaced(text, ['      First line.\r\n      Second line.\r\n', '      Only.\r\n      Two.\r\n']));
  });

  it('moves the last item (no separator after it) to the top with CRLF', () => {
    const three = '  - id: WIN-3\r\n    title: Plain\r\n    depends_on:\r\n      - WIN-1\r\n';
    assert.equal(edit(ws, [{ kind: 'move', id: 'WIN-3', toRank: 0 }]),
      replaced(text, ['\r\n' + three, ''], ['items:\r\n  # Top of the list\r\n', 'items:\r\n' + three + '\r\n  # Top of the list\r\n']));
  });
});

describe('edit engine on fixtures: layouts and archives', () => {
  const ws = loadWorkspace(path.join(FIXTURES, 'edit', 'layouts'));
  const text = ws.backlogs[0].text;
  const archive = ws.backlogs[1].text;

  it('uses the item\'s own key column and the list\'s own indentation', () => {
    assert.equal(edit(ws, [{ kind: 'set', id: 'LAY-3', field: 'points', value: 1 }]), replaced(text, ['    title: Third\n', '    title: Third\n    points: 1\n']));
    assert.equal(edit(ws, [{ kind: 'set', id: 'LAY-2', field: 'tags', value: ['c'] }]), replaced(text, ['    - a\n    - b\n', '    - c\n']));
    assert.equal(edit(ws, [{ kind: 'remove', id: 'LAY-1', field: 'state' }]), replaced(text, ['    state: doing   # odd state, kept\n', '']));
  });

  it('a moved item takes its inner trailing comment; floating comments stay', () => {
    assert.equal(edit(ws, [{ kind: 'move', id: 'LAY-2', toRank: 2 }]),
      replaced(text, ['-   id: LAY-2\n    title: Second\n    tags:\n    - a\n    - b\n    # notes for LAY-2, indented into its mapping\n', ''],
        ['    title: Third\n', '    title: Third\n-   id: LAY-2\n    title: Second\n    tags:\n    - a\n    - b\n    # notes for LAY-2, indented into its mapping\n']));
  });

  it('moves across files, re-indented to the target file; ranks run main then archive', () => {
    const plan = planEdits(ws, [{ kind: 'move', id: 'LAY-1', toRank: 3 }]);
    const out = applyPlanToFiles(ws, plan);
    assert.equal(out.get(MAIN), replaced(text, ['# Column-0 list, keys four columns after the dash.\n-   id: LAY-1\n    title: First\n    state: doing   # odd state, kept\n', '']));
    assert.equal(out.get('backlog/archive/2025.yaml'), archive + '  # Column-0 list, keys four columns after the dash.\n  - id: LAY-1\n    title: First\n    state: doing   # odd state, kept\n');
    // At the boundary between files (rank 2: after LAY-3, before LAY-0) an item stays in its own file.
    const plan2 = planEdits(ws, [{ kind: 'move', id: 'LAY-1', toRank: 2 }]);
    assert.deepEqual(plan2.edits.map((e) => e.file), [MAIN, MAIN]);
    // Rank 2 for the archived item: into the main file, before LAY-3.
    const back = applyPlanToFiles(ws, planEdits(ws, [{ kind: 'move', id: 'LAY-0', toRank: 2 }]));
    assert.equal(back.get('backlog/archive/2025.yaml'), 'version: 1\nitems: []\n');
    assert.equal(back.get(MAIN), replaced(text, ['-   id: LAY-3\n', '-   id: LAY-0\n    title: Archived\n    state: done\n-   id: LAY-3\n']));
  });
});

describe('edit engine: refusals and empty lists', () => {
  it('refuses a file that does not parse, with file:line:col', () => {
    const ws = loadWorkspace(path.join(FIXTURES, 'edit', 'broken'));
    assert.throws(() => planEdits(ws, [{ kind: 'add', fields: { title: 'x' } }]), (e: unknown) => {
      assert.ok(e instanceof EditError);
      assert.match(e.message, /^backlog\/backlog\.yaml:\d+:\d+: .*Nothing is written while the file has errors\./);
      assert.equal(e.problem?.code, 'yaml-syntax');
      return true;
    });
    assert.throws(() => planEdits(ws, [{ kind: 'set', id: 'BR-1', field: 'points', value: 1 }]), /unknown item id 'BR-1' \(backlog\/backlog\.yaml:\d+:\d+ does not parse/);
  });

  it('edits in place inside a flow list of items, refuses to restructure it', () => {
    const ws = loadWorkspace(path.join(FIXTURES, 'edit', 'flow-list'));
    const text = ws.backlogs[0].text;
    assert.equal(edit(ws, [{ kind: 'set', id: 'FL-2', field: 'points', value: 2 }]), replaced(text, ['points: 1}', 'points: 2}']));
    assert.throws(() => planEdits(ws, [{ kind: 'move', id: 'FL-2', toRank: 0 }]), /flow list/);
  });

  it('adds to `items: []`, keeping its comment; deleting the last item leaves `items: []`', () => {
    const ws = loadWorkspace(path.join(FIXTURES, 'edit', 'empty'));
    const added = edit(ws, [{ kind: 'add', fields: { title: 'First' } }]);
    assert.equal(added, 'version: 1\nproject: EM\nitems:   # nothing yet\n  - id: EM-1\n    title: First\n');
    const again = buildWorkspace('/r', [{ file: MAIN, text: added }], undefined);
    assert.equal(edit(again, [{ kind: 'delete', id: 'EM-1' }]), 'version: 1\nproject: EM\nitems: []   # nothing yet\n');
  });

  it('a one-field edit of a 20,000-item file touches only that item', () => {
    const lines = ['version: 1', 'project: BIG', 'items:'];
    for (let i = 1; i <= 20_000; i++) lines.push(`  # item ${i}`, `  - id: BIG-${i}`, `    title: "Item ${i}"`, `    points: ${i % 8}`);
    const text = lines.join('\n') + '\n';
    const ws = buildWorkspace('/r', [{ file: MAIN, text }], undefined);
    const plan = planEdits(ws, [{ kind: 'set', id: 'BIG-12345', field: 'points', value: 13 }]);
    assert.equal(plan.edits.length, 1);
    assert.equal(text.slice(plan.edits[0].offset - 13, plan.edits[0].offset), '\n    points: ');
    assert.equal(applyPlanToFiles(ws, plan).get(MAIN), replaced(text, ['Item 12345"\n    points: 1\n', 'Item 12345"\n    points: 13\n']));
  });
});
