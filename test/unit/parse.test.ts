// The parser: source positions, defaults, and the chunked fast path giving
// exactly the model of a whole-document parse.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseBacklog, parseWhole } from '../../src/core/parse/backlog';
import { splitItems } from '../../src/core/parse/chunks';
import { loadWorkspace } from '../../src/core/parse/workspace';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

/** The model without the text it was parsed from (compared separately). */
function comparable(text: string, parse: typeof parseBacklog) {
  const { backlog, problems } = parse(text, 'backlog/backlog.yaml');
  return { items: backlog?.items, epics: backlog?.epics, fields: backlog?.fields, problems };
}

describe('parse', () => {
  it('reads the spec example with positions, ranks and defaults', () => {
    const ws = loadWorkspace(path.join(FIXTURES, 'basic'));
    assert.deepEqual(ws.items.map((i) => [i.id, i.rank, i.source.line, i.source.column]), [
      ['PAY-12', 0, 15, 3], ['PAY-9', 1, 32, 3], ['PAY-13', 2, 41, 3], ['PAY-14', 3, 42, 3],
    ]);
    const text = ws.backlogs[0].text;
    const pay12 = ws.items[0];
    assert.equal(text.slice(pay12.fields.points!.value.offset, pay12.fields.points!.value.end), '5');
    assert.equal(pay12.fields.points!.key.line, 19);
    assert.deepEqual(pay12.dependsOn, ['PAY-9']);
    assert.equal(ws.items[1].title, 'Vault: store card tokens');
    assert.equal(ws.items[2].points, 8, 'flow-map item');
    assert.deepEqual(ws.items[3].tags, ['research']);
    assert.equal(ws.sprintLog?.timezone, 'Europe/Berlin');
    assert.deepEqual(ws.sprintLog?.sprints.map((s) => s.id), ['S11', 'S12']);
    assert.equal(ws.sprintLog?.sprints[0].retro?.actions[0].owner, 'bob');
  });

  it('uses the spec defaults when states, timezone and working days are absent', () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'sl-parse-'));
    fs.mkdirSync(path.join(dir, 'backlog'));
    fs.writeFileSync(path.join(dir, 'backlog/backlog.yaml'), 'version: 1\nitems:\n  - id: A-1\n    title: x\n');
    fs.writeFileSync(path.join(dir, 'backlog/sprints.yaml'), 'version: 1\nsprints: []\n');
    const ws = loadWorkspace(dir);
    assert.deepEqual(ws.states, { todo: 'todo', 'in-progress': 'doing', review: 'doing', done: 'done' });
    assert.equal(ws.sprintLog?.timezone, 'UTC');
    assert.deepEqual(ws.sprintLog?.workingDays, ['mon', 'tue', 'wed', 'thu', 'fri']);
  });

  it('gives the same model chunked as whole, on every fixture file', () => {
    let chunked = 0;
    for (const file of yamlFiles(FIXTURES)) {
      const text = fs.readFileSync(file, 'utf8');
      if (!/^items\s*:/m.test(text)) continue;
      if (splitItems(text)) chunked++;
      assert.deepEqual(comparable(text, parseBacklog), comparable(text, parseWhole), file);
    }
    assert.ok(chunked >= 3, `only ${chunked} fixtures took the chunked path`);
  });

  it('gives the same model chunked as whole on random layouts', () => {
    const scalar = fc.oneof(fc.constantFrom('x', 'a: b', "it's", '#5', 'yes', '- dash', '"q"', ''), fc.string({ maxLength: 8 }));
    const field = fc.tuple(fc.constantFrom('title', 'state', 'points', 'tags', 'note', 'description'), scalar, fc.nat(4));
    const item = fc.tuple(fc.nat(9999), fc.array(field, { maxLength: 4 }), fc.boolean(), fc.constantFrom('', '  # c\n', '\n', '# top\n'));
    fc.assert(fc.property(fc.array(item, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), (items, eol, bom) => {
      let text = (bom ? '\uFEFF' : '') + 'version: 1\nproject: PAY\nitems:\n';
      for (const [n, fields, flow, before] of items) {
        text += before;
        const kv = fields.map(([k, v, style]) => {
          if (k === 'points') return [k, String(style)];
          if (k === 'tags') return [k, style % 2 ? `[${JSON.stringify(v)}, b]` : '[]'];
          if (k === 'description' && !flow) return [k, `|\n      ${v.replace(/\n/g, ' ') || 'text'}\n      more`];
          return [k, JSON.stringify(v)];
        });
        text += flow
          ? `  - {id: PAY-${n}${kv.map(([k, v]) => `, ${k}: ${v.includes('\n') ? '"b"' : v}`).join('')}}\n`
          : `  - id: PAY-${n}\n${kv.map(([k, v]) => `    ${k}: ${v}\n`).join('')}`;
      }
      text = text.replace(/\n/g, eol);
      assert.deepEqual(comparable(text, parseBacklog), comparable(text, parseWhole));
    }), { numRuns: 300 });
  });

  it("keeps an entry's range to its own lines: comments after a block list or before the next item are not its", () => {
    const text = 'items:\n  - id: A\n    tags:\n    - a\n    # c1\n  # c2\n  - id: B\n    description: |\n      # Heading\n      text\n  # c3\n  - {id: C} # x\n';
    const flow = 'items: [{id: A, title: x}, {id: B}]\n';
    for (const parse of [parseBacklog, parseWhole]) {
      const slices = (t: string) => parse(t, 'f').backlog!.items.map((i) => t.slice(i.source.offset, i.source.end));
      assert.deepEqual(slices(text), ['- id: A\n    tags:\n    - a', '- id: B\n    description: |\n      # Heading\n      text', '- {id: C} # x']);
      assert.deepEqual(slices(flow), ['{id: A, title: x}', '{id: B}']);
    }
  });

  it('falls back to the whole parse for layouts the scan cannot vouch for, and reports errors there', () => {
    assert.equal(splitItems('items: [{id: A, title: x}]\n'), undefined);
    assert.equal(splitItems('base: &b {state: todo}\nitems:\n  - id: A\n    <<: *b\n'), undefined);
    const broken = 'version: 1\nitems:\n  - id: A\n    title: "unterminated\n  - id: B\n';
    const { backlog, problems } = parseBacklog(broken, 'backlog/backlog.yaml');
    assert.equal(backlog, undefined);
    assert.equal(problems[0]?.code, 'yaml-syntax');
  });
});
