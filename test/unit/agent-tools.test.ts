// The agent tool set's contracts without a server: package.json contributes
// exactly the core's tools and schemas, inputs are checked field by field, the
// sprint-log ops splice only their lines, and diffs name the changed lines.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AGENT_TOOLS, AgentInputError, checkInput, previewWrite, textDiff } from '../../src/core/agent';
import { applyPlanToFiles, EditError, planEdits, type EditOp } from '../../src/core/edit';
import { buildWorkspace } from '../../src/core/parse/workspace';

const ROOT = path.resolve(__dirname, '../..');
const B = 'backlog/backlog.yaml';
const S = 'backlog/sprints.yaml';
const BACKLOG = 'version: 1\nproject: T\nitems:\n  - id: T-1\n    title: One\n  - id: T-2\n    title: Two\n';

function sprintLogAfter(sprints: string, op: EditOp): string {
  const ws = buildWorkspace('/r', [{ file: B, text: BACKLOG }], { file: S, text: sprints });
  return applyPlanToFiles(ws, planEdits(ws, [op])).get(S)!;
}

describe('agent tools: contracts', () => {
  it('package.json contributes every tool with the core\'s name, description and input schema; writers only when trusted', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { languageModelTools: Array<Record<string, unknown>>; mcpServerDefinitionProviders: Array<{ id: string }> } };
    const contributed = pkg.contributes.languageModelTools;
    assert.deepEqual(contributed.map((t) => t.name), AGENT_TOOLS.map((t) => `sprintlog_${t.name}`));
    for (const t of AGENT_TOOLS) {
      const c = contributed.find((x) => x.name === `sprintlog_${t.name}`)!;
      assert.equal(c.toolReferenceName, `sprintlog_${t.name}`);
      assert.equal(c.modelDescription, t.description);
      assert.deepEqual(c.inputSchema, t.inputSchema, t.name);
      assert.equal(c.when, t.writes ? 'isWorkspaceTrusted' : undefined, t.name);
    }
    assert.deepEqual(pkg.contributes.mcpServerDefinitionProviders.map((p) => p.id), ['sprintlog.mcp']);
  });

  it('checkInput names the field and what it must be', () => {
    const schema = AGENT_TOOLS.find((t) => t.name === 'move_item')!.inputSchema;
    const refused = (input: unknown): string => {
      try {
        checkInput(schema, input);
      } catch (e) {
        assert.ok(e instanceof AgentInputError);
        return e.message;
      }
      return assert.fail(`accepted ${JSON.stringify(input)}`);
    };
    assert.equal(refused({}), 'input.id is required: Item id, e.g. PAY-12.');
    assert.equal(refused({ id: 3 }), 'input.id must be a string, got 3.');
    assert.equal(refused({ id: 'T-1', rank: 1.5 }), 'input.rank must be a whole number, got 1.5.');
    assert.equal(refused({ id: 'T-1', sprint: 5 }), 'input.sprint must be a string or null, got 5.');
    assert.equal(refused({ id: 'T-1', to: 1 }), 'input.to is not a known field (known: id, sprint, rank).');
    assert.equal(refused([]), 'input must be an object, got [].');
    checkInput(schema, { id: 'T-1', sprint: null });
    const set = AGENT_TOOLS.find((t) => t.name === 'set_fields')!.inputSchema;
    assert.throws(() => checkInput(set, { id: 'T-1', fields: { tags: [{ a: 1 }] } }), /input\.fields\.tags\[0\] must be a string or a number or a boolean/);
    checkInput(set, { id: 'T-1', fields: { tags: ['a', 'b'], points: 3, blocked: null } });
  });

  it('review and retro-action ops touch only their lines, keep comments and CRLF, and read back', () => {
    const log = 'version: 1\nsprints:\n  - id: S1   # first\n    start: 2026-03-02\n    end: 2026-03-13\n    review:\n      satisfaction: 3   # from the demo\n      notes: ok\n    retro:\n      actions: []\n';
    const rated = sprintLogAfter(log, { kind: 'review', sprint: 'S1', satisfaction: 4.5 });
    assert.deepEqual(textDiff(S, log, rated), [`@@ ${S}:7`, '-      satisfaction: 3   # from the demo', '+      satisfaction: 4.5   # from the demo']);
    const acted = sprintLogAfter(log, { kind: 'retro-action', sprint: 'S1', text: 'Smaller stories: 3 points max', owner: 'ann' });
    // A flow list stays a flow list: the new action is one entry on that line.
    assert.equal(acted, log.replace('      actions: []\n', '      actions: [{text: "Smaller stories: 3 points max", owner: ann, done: false}]\n'));
    const crlf = log.replace(/\n/g, '\r\n');
    const notes = sprintLogAfter(crlf, { kind: 'review', sprint: 'S1', notes: 'Demo went well.' });
    assert.equal(notes, crlf.replace('notes: ok', 'notes: Demo went well.'));
    const bare = 'version: 1\nsprints:\n  - id: S1\n    start: 2026-03-02\n    end: 2026-03-13\n  - id: S2\n    start: 2026-03-16\n    end: 2026-03-27\n';
    assert.equal(sprintLogAfter(bare, { kind: 'retro-action', sprint: 'S1', text: 'x' }), bare.replace('end: 2026-03-13\n', 'end: 2026-03-13\n    retro: {actions: [{text: x, done: false}]}\n'));
    assert.throws(() => sprintLogAfter(bare, { kind: 'review', sprint: 'S9', satisfaction: 3 }), /unknown sprint 'S9' \(sprints: S1, S2\)\./);
    assert.throws(() => sprintLogAfter(bare, { kind: 'review', sprint: 'S1', satisfaction: 9 }), /satisfaction must be a number from 1 to 5/);
    const flow = 'version: 1\nsprints:\n  - {id: S1, start: 2026-03-02, end: 2026-03-13}\n';
    // A sprint written as a flow mapping gets the new key inside its braces (still one line).
    assert.equal(sprintLogAfter(flow, { kind: 'review', sprint: 'S1', satisfaction: 3 }), flow.replace('end: 2026-03-13}', 'end: 2026-03-13, review: {satisfaction: 3}}'));
    assert.throws(() => sprintLogAfter(bare, { kind: 'retro-action', sprint: 'S1', text: '  ' }), (e: unknown) => e instanceof EditError && /needs a non-empty text/.test(e.message));
  });

  it('previewWrite is the diff the write will make; a move shows the lines it takes out and puts in', () => {
    const ws = buildWorkspace('/r', [{ file: B, text: BACKLOG }], undefined);
    assert.deepEqual(previewWrite(ws, [{ kind: 'set', id: 'T-2', field: 'state', value: 'done' }]), [`@@ ${B}:8`, '+    state: done']);
    // Two items swap: one item's two lines go out in one place and come back in the other (either item may be the one shown).
    const moved = previewWrite(ws, [{ kind: 'move', id: 'T-2', toRank: 0 }]);
    assert.equal(moved.filter((l) => l.startsWith('@@')).length, 2);
    const out = moved.filter((l) => l.startsWith('-')).map((l) => l.slice(1));
    assert.deepEqual(moved.filter((l) => l.startsWith('+')).map((l) => l.slice(1)), out);
    assert.ok(out.length === 2 && /^ {2}- id: T-[12]$/.test(out[0]), JSON.stringify(moved));
  });
});
