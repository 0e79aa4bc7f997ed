// Refreshing only the rows a reload changed (src/extension/views/rowDiff.ts) shows what a
// full refresh shows. VS Code's tree is simulated as it works: it keeps what it rendered
// per row object and re-reads only the rows it is told about (a told group: its label and
// its children). After every edit of a real backlog (the integration fixture; states,
// titles, sprints, points, added and deleted items, through the edit engine) the simulated
// tree must equal a fresh render of freshly built rows.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { applyPlanToFiles, planEdits } from '../../src/core/edit';
import type { EditOp } from '../../src/core/edit/types';
import type { Workspace } from '../../src/core/model';
import { buildWorkspace } from '../../src/core/parse/workspace';
import { groupDescription } from '../../src/extension/views/grouping';
import { itemContextValue, itemDescription, itemIcon, itemLabel } from '../../src/extension/views/labels';
import type { Node } from '../../src/extension/views/nodes';
import { reconcile } from '../../src/extension/views/rowDiff';
import { backlogNodes, sprintNodes } from '../../src/extension/views/rows';

const DIR = path.join(__dirname, '../integration/fixtures/workspace/backlog');
const FILE = 'backlog/backlog.yaml';
const SPRINTS = { file: 'backlog/sprints.yaml', text: fs.readFileSync(path.join(DIR, 'sprints.yaml'), 'utf8') };
const DAY = '2026-11-20';

/** What VS Code shows of a row (the TreeItem's label, description, icon, context value). */
function render(n: Node, ws: Workspace): string {
  switch (n.kind) {
    case 'item': return `item ${n.group?.key}|${itemLabel(n.item)}|${itemDescription(n.item)}|${JSON.stringify(itemIcon(n.item, ws.states))}|${itemContextValue(n.item, ws.states)}`;
    case 'group': return `group ${n.group.key}|${n.group.label}|${groupDescription(n.group)}|${n.group.status ?? ''}|${n.group.collapsed}|${n.sprint ?? ''}`;
    case 'info': return `info ${n.key}|${n.label}|${n.description ?? ''}|${n.tooltip ?? ''}`;
    case 'error': return `error ${n.problem.file}:${n.problem.line}|${n.more}`;
    case 'folder': return `folder ${n.name}`;
  }
}

/** A tree as VS Code holds it: rendered rows by object, children by group object. */
class SimulatedTree {
  private readonly shown = new Map<Node, string>();
  private readonly kids = new Map<Node, Node[]>();
  private top: Node[] = [];

  all(nodes: Node[], ws: Workspace): void {
    this.shown.clear();
    this.kids.clear();
    this.top = nodes;
    for (const n of nodes) this.read(n, ws);
  }

  private read(n: Node, ws: Workspace): void {
    this.shown.set(n, render(n, ws));
    if (n.kind === 'group') {
      this.kids.set(n, [...n.children]);
      for (const c of n.children) this.shown.set(c, render(c, ws));
    }
  }

  told(nodes: Node[], ws: Workspace): void {
    for (const n of nodes) if (this.shown.has(n)) this.read(n, ws);
  }

  lines(): string[] {
    return this.top.flatMap((n) => [this.shown.get(n)!, ...(this.kids.get(n) ?? []).map((c) => '  ' + this.shown.get(c)!)]);
  }
}

const freshLines = (nodes: Node[], ws: Workspace): string[] => nodes.flatMap((n) => [render(n, ws), ...(n.kind === 'group' ? n.children.map((c) => '  ' + render(c, ws)) : [])]);

const build = (text: string, prev?: Workspace): Workspace => buildWorkspace('/ws', [{ file: FILE, text }], SPRINTS, {}, prev);

const views: Record<string, (ws: Workspace) => Node[]> = {
  backlogBySprint: (ws) => backlogNodes('f', ws, { grouping: 'sprint', filter: {}, day: DAY }),
  backlogByState: (ws) => backlogNodes('f', ws, { grouping: 'state', filter: {}, day: DAY }),
  sprint: (ws) => sprintNodes('f', ws, undefined, DAY),
};

describe('extension: views refresh only the rows a reload changed', () => {
  const start = build(fs.readFileSync(path.join(DIR, 'backlog.yaml'), 'utf8'));
  const ids = start.items.map((i) => i.id);
  const op = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), id: fc.constantFrom(...ids), field: fc.constant('state'), value: fc.constantFrom('todo', 'in-progress', 'review', 'done') }),
    fc.record({ kind: fc.constant('set' as const), id: fc.constantFrom(...ids), field: fc.constant('title'), value: fc.constantFrom('Renamed', 'Another title') }),
    fc.record({ kind: fc.constant('set' as const), id: fc.constantFrom(...ids), field: fc.constant('points'), value: fc.constantFrom(1, 3, 8) }),
    fc.record({ kind: fc.constant('sprint' as const), ids: fc.array(fc.constantFrom(...ids), { minLength: 1, maxLength: 2 }), sprint: fc.constantFrom('S11', 'S12', null) }),
    fc.record({ kind: fc.constant('move' as const), id: fc.constantFrom(...ids), toRank: fc.nat(6) }),
  );

  for (const [name, rows] of Object.entries(views)) {
    it(`${name}: after each edit, the rows VS Code re-reads make the tree a full refresh makes`, () => {
      let told = 0;
      fc.assert(fc.property(fc.array(op, { minLength: 1, maxLength: 6 }), (ops) => {
        let ws = start;
        let nodes = rows(ws);
        const tree = new SimulatedTree();
        tree.all(nodes, ws);
        for (const o of ops) {
          let plan;
          try {
            plan = planEdits(ws, [o as EditOp]);
          } catch {
            continue; // refused (e.g. a value the file forbids): nothing changes
          }
          const text = applyPlanToFiles(ws, plan).get(FILE);
          if (text === undefined) continue;
          const next = build(text, ws);
          const r = reconcile(nodes, rows(next), JSON.stringify(ws.states) !== JSON.stringify(next.states));
          if (r.changed === 'all') tree.all(r.nodes, next);
          else {
            tree.told(r.changed, next);
            told++;
          }
          nodes = r.nodes;
          ws = next;
          assert.deepEqual(tree.lines(), freshLines(rows(ws), ws));
        }
      }), { numRuns: 60 });
      assert.ok(told > 30, `only ${told} edits were refreshed row by row`);
    });
  }

  it('an item changed in place is the one row told; the others keep their objects', () => {
    const nodes = views.backlogByState(start);
    const item = start.items[1];
    const text = start.backlogs[0].text;
    const at = item.fields.title!.value;
    const next = build(text.slice(0, at.end) + ' (edited)' + text.slice(at.end), start);
    const r = reconcile(nodes, views.backlogByState(next), false);
    assert.notEqual(r.changed, 'all');
    const changed = r.changed as Node[];
    assert.deepEqual(changed.map((n) => (n.kind === 'item' ? n.item.id : n.kind)), [item.id]);
    assert.equal(r.nodes[0], nodes[0]);
  });
});
