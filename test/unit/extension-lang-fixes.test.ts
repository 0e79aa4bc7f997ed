// Quick fixes computed from real validator problems on real YAML: applying a fix
// must remove exactly that problem and change nothing but the wrong key or value.
import * as assert from 'node:assert/strict';
import { buildWorkspace } from '../../src/core/parse/workspace';
import { validateWorkspace } from '../../src/core/validate';
import type { Problem, Workspace } from '../../src/core/model';
import { computeQuickFixes, type QuickFix, type TextReplacement } from '../../src/extension/language/quick-fixes';
import { nextId } from '../../src/core/edit';

const BACKLOG = `# Our backlog
version: 1
project: PAY
epics:
  - id: PAY-E1
    title: Saved cards
items:
  - id: PAY-1               # keep this comment
    title: First
    state: doin             # typo
    sprint: S9
    asignee: bob
  - id: PAY-1
    title: Copy of first
    epic: PAY-E9
  - {id: PAY-3, title: Flow, state: "revew"}
`;
const SPRINTS = `version: 1
timezone: Europe/Berlin
sprints:
  - id: S1
    start: 2026-01-05
    end: 2026-01-16
    retro:
      actions:
        - text: Pair more
          onwer: bob
  - id: S2
    start: 2026-01-19
    end: 2026-01-30
    capasity: 20
`;

interface Files {
  backlog: string;
  sprints: string;
}

function load(files: Files): Workspace {
  return buildWorkspace('/repo', [{ file: 'backlog/backlog.yaml', text: files.backlog }], { file: 'backlog/sprints.yaml', text: files.sprints });
}

function apply(text: string, edits: TextReplacement[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.newText + out.slice(e.end);
  return out;
}

function applyFix(files: Files, fix: QuickFix): Files {
  const backlog = apply(files.backlog, fix.edits.filter((e) => e.file === 'backlog/backlog.yaml'));
  const sprints = apply(files.sprints, fix.edits.filter((e) => e.file === 'backlog/sprints.yaml'));
  return { backlog, sprints };
}

function fixesFor(files: Files, code: Problem['code'], line: number): { problem: Problem; fixes: QuickFix[]; ws: Workspace } {
  const ws = load(files);
  const problem = validateWorkspace(ws).find((p) => p.code === code && p.line === line);
  assert.ok(problem, `no ${code} at line ${line}`);
  const text = problem.file === 'backlog/sprints.yaml' ? files.sprints : files.backlog;
  return { problem, ws, fixes: computeQuickFixes(problem, ws, text, { nextId }) };
}

/** The only changed line, before and after. */
function changedLine(before: string, after: string): [string, string] {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(a.length, b.length);
  const diff = a.map((l, i) => [l, b[i]] as [string, string]).filter(([x, y]) => x !== y);
  assert.equal(diff.length, 1, JSON.stringify(diff));
  return diff[0];
}

const files: Files = { backlog: BACKLOG, sprints: SPRINTS };
const codesAt = (f: Files, line: number): string[] => validateWorkspace(load(f)).filter((p) => p.line === line).map((p) => p.code);

describe('extension language: quick fixes', () => {
  it('unknown-key: renames the key to the suggested one', () => {
    const { fixes } = fixesFor(files, 'unknown-key', 12);
    assert.deepEqual(fixes.map((f) => f.title), ['Rename `asignee` to `assignee`']);
    const after = applyFix(files, fixes[0]);
    assert.deepEqual(changedLine(files.backlog, after.backlog), ['    asignee: bob', '    assignee: bob']);
    assert.equal(load(after).items[0].assignee, 'bob');
  });

  it('unknown-key: works in nested sprint log maps (retro action, sprint)', () => {
    const action = fixesFor(files, 'unknown-key', 10).fixes;
    assert.deepEqual(action.map((f) => f.title), ['Rename `onwer` to `owner`']);
    const sprint = fixesFor(files, 'unknown-key', 14).fixes;
    const after = applyFix(files, sprint[0]);
    assert.deepEqual(changedLine(files.sprints, after.sprints), ['    capasity: 20', '    capacity: 20']);
    assert.equal(load(after).sprintLog?.sprints[1].capacity, 20);
  });

  it('bad-state: one fix per known state, comment kept, the closest preferred', () => {
    const { fixes, ws } = fixesFor(files, 'bad-state', 10);
    assert.deepEqual(fixes.map((f) => f.title), Object.keys(ws.states).map((s) => `Change state to \`${s}\``));
    assert.deepEqual(fixes.filter((f) => f.isPreferred).map((f) => f.title), []);
    const review = fixes.find((f) => f.title.includes('in-progress'))!;
    const after = applyFix(files, review);
    assert.deepEqual(changedLine(files.backlog, after.backlog), ['    state: doin             # typo', '    state: in-progress             # typo']);
    assert.ok(!codesAt(after, 10).includes('bad-state'));
  });

  it('bad-state: inside a flow map, replacing the quoted value', () => {
    const { fixes } = fixesFor(files, 'bad-state', 16);
    const preferred = fixes.filter((f) => f.isPreferred);
    assert.deepEqual(preferred.map((f) => f.title), ['Change state to `review`']);
    const after = applyFix(files, preferred[0]);
    assert.deepEqual(changedLine(files.backlog, after.backlog), ['  - {id: PAY-3, title: Flow, state: "revew"}', '  - {id: PAY-3, title: Flow, state: review}']);
  });

  it('duplicate-id: gives the second item the next free id', () => {
    const { fixes, ws } = fixesFor(files, 'duplicate-id', 13);
    const id = nextId(ws);
    assert.deepEqual(fixes.map((f) => f.title), [`Change id to \`${id}\` (next free id)`]);
    const after = applyFix(files, fixes[0]);
    assert.deepEqual(changedLine(files.backlog, after.backlog), ['  - id: PAY-1', `  - id: ${id}`]);
    assert.ok(!validateWorkspace(load(after)).some((p) => p.code === 'duplicate-id'));
  });

  it('unknown-sprint: one fix per existing sprint, the hinted one preferred', () => {
    const { fixes } = fixesFor(files, 'unknown-sprint', 11);
    assert.deepEqual(fixes.map((f) => f.title), ['Change sprint to `S1`', 'Change sprint to `S2`']);
    assert.deepEqual(fixes.filter((f) => f.isPreferred).map((f) => f.title), ['Change sprint to `S1`']);
    const after = applyFix(files, fixes[1]);
    assert.deepEqual(changedLine(files.backlog, after.backlog), ['    sprint: S9', '    sprint: S2']);
    assert.equal(load(after).items[0].sprint, 'S2');
    assert.ok(!codesAt(after, 11).includes('unknown-sprint'));
  });

  it('unknown-sprint: a sprint id that looks like a number is quoted, so it reads back as the same text (0x1F, 0o17)', () => {
    const numberish = {
      backlog: 'version: 1\nitems:\n  - id: PAY-1\n    title: First\n    sprint: 0x1G\n  - {id: PAY-2, title: Flow, sprint: 0o18}\n',
      sprints: 'version: 1\nsprints:\n  - id: "0x1F"\n    start: 2026-01-05\n    end: 2026-01-16\n  - id: \'0o17\'\n    start: 2026-01-19\n    end: 2026-01-30\n',
    };
    for (const [line, index] of [[5, 0], [6, 1]] as const) {
      const { fixes } = fixesFor(numberish, 'unknown-sprint', line);
      for (const fix of fixes) {
        const after = load(applyFix(numberish, fix));
        const wanted = fix.title.replace(/^Change sprint to `(.*)`$/, '$1');
        assert.equal(after.items[index].sprint, wanted, `${fix.title}: ${fix.edits[0].newText}`);
        assert.ok(!validateWorkspace(after).some((p) => p.code === 'unknown-sprint' && p.line === line), fix.title);
      }
      assert.deepEqual(fixes.map((f) => f.title), ['Change sprint to `0x1F`', 'Change sprint to `0o17`']);
    }
  });

  it('unknown-epic: picks an existing epic', () => {
    const { fixes } = fixesFor(files, 'unknown-epic', 15);
    assert.deepEqual(fixes.map((f) => f.title), ['Change epic to `PAY-E1`']);
    const after = applyFix(files, fixes[0]);
    assert.ok(!validateWorkspace(load(after)).some((p) => p.code === 'unknown-epic'));
  });

  it('no fix for problems without one', () => {
    const broken = { backlog: 'version: 1\nitems:\n  - id: PAY-1\n    title: [unclosed\n', sprints: SPRINTS };
    const ws = load(broken);
    const p = validateWorkspace(ws).find((x) => x.code === 'yaml-syntax');
    assert.ok(p);
    assert.deepEqual(computeQuickFixes(p, ws, broken.backlog, { nextId }), []);
  });
});
