// The JSON Schemas (what an editor's YAML language server checks) and the
// validator (`sprintlog validate`) give the same accept/reject answer for every
// file of the bad-input corpus (test/fixtures/bad) and of the schema corpus
// (helpers/schema-corpus.ts). Each case is a real repository folder read by
// loadWorkspace; the schema side reads the same file with ajv.
//
// How answers map: a file is rejected by the validator when it has an error;
// warnings (unknown keys) do not reject, and the schema accepts unknown keys
// too (it flags them with a message but no error: see README). Errors that need
// more than the file itself (references to sprints, epics, items and states,
// duplicate ids, overlaps, the time-zone database) are beyond a JSON Schema:
// there the schema must accept.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import type { Problem } from '../../src/core/model';
import { loadWorkspace } from '../../src/core/parse/workspace';
import { validateWorkspace } from '../../src/core/validate';
import { CORPUS, VALID_BACKLOG, VALID_SPRINTS } from './helpers/schema-corpus';
import { schemaErrors, schemaKindOf } from './helpers/schemas';

const BAD = path.resolve(__dirname, '../fixtures/bad');

/** Codes whose check needs other files, other parts of the file or outside data. */
const REFERENCE_CODES = new Set(['duplicate-id', 'unknown-sprint', 'unknown-epic', 'unknown-dependency', 'dependency-cycle', 'sprint-overlap', 'end-before-start']);

function beyondSchema(p: Problem): boolean {
  if (REFERENCE_CODES.has(p.code)) return true;
  // An item's state is checked against `states`; a time zone against the zone database.
  if (p.code === 'bad-state' && /is not one of the states/.test(p.message)) return true;
  return p.code === 'bad-date' && /which is not an IANA time zone name/.test(p.message);
}

interface Answer {
  schema: string[];
  validator: Problem[];
}

/** Both answers for one file of a repository folder. */
function answers(root: string, file: string, problems: Problem[]): Answer {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const kind = schemaKindOf(file);
  assert.ok(kind, `${file} has no schema`);
  const doc = parseDocument(text);
  // A file that is not YAML is rejected by the YAML layer before any schema (the editor shows the syntax error).
  const schema = doc.errors.length > 0 || text.includes('\u0000') ? ['not YAML'] : schemaErrors(kind, text).map((e) => `${e.instancePath} ${e.message}`);
  return { schema, validator: problems.filter((p) => p.file === file && p.severity === 'error') };
}

function filesOf(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = path.posix.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else if (/\.ya?ml$/.test(e.name)) out.push(r);
    }
  };
  walk('backlog');
  return out.sort();
}

const show = (a: Answer): string => JSON.stringify({ schema: a.schema, validator: a.validator.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`) }, null, 1);

describe('JSON schemas and the validator agree', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-agree-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('on every file of the bad-input corpus (test/fixtures/bad)', () => {
    const cases = fs.readdirSync(BAD, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    assert.ok(cases.length >= 20, 'the corpus is there');
    let files = 0;
    for (const c of cases) {
      const root = path.join(BAD, c);
      const problems = validateWorkspace(loadWorkspace(root));
      for (const file of filesOf(root)) {
        const a = answers(root, file, problems);
        const validatorRejects = a.validator.some((p) => !beyondSchema(p));
        assert.equal(a.schema.length > 0, validatorRejects, `${c}/${file}: ${show(a)}`);
        files++;
      }
    }
    assert.ok(files >= 40, `${files} files`);
  });

  it('and the parser reads the forms both accept as the spec means them', () => {
    const root = fs.mkdtempSync(path.join(tmp, 'read-'));
    fs.mkdirSync(path.join(root, 'backlog'));
    fs.writeFileSync(path.join(root, 'backlog/backlog.yaml'), 'version:\nitems:\n  - id: 1.5\n    title: 42\n    points:\n    sprint:\n    state:\n    assignee: 42\n    tags: solo\n');
    fs.writeFileSync(path.join(root, 'backlog/sprints.yaml'), [
      'working_days: [Monday, TUE, wed]', 'holidays: 2026-12-25', 'sprints:', '  - id: S1', '    start: 2026-11-02', '    end: 2026-11-13', '    capacity:',
      '    retro:', '      went_well: Pairing', '      actions: WIP limit of 3',
    ].join('\n') + '\n');
    const ws = loadWorkspace(root);
    assert.deepEqual(validateWorkspace(ws), []);
    const [item] = ws.items;
    assert.deepEqual([item.id, item.title, item.points, item.sprint, item.state, item.assignee, item.tags], ['1.5', '42', undefined, undefined, undefined, '42', ['solo']]);
    const log = ws.sprintLog!;
    assert.deepEqual([log.workingDays, log.holidays, log.sprints[0].capacity], [['mon', 'tue', 'wed'], ['2026-12-25'], undefined]);
    assert.deepEqual(log.sprints[0].retro, { wentWell: ['Pairing'], toImprove: [], actions: [{ text: 'WIP limit of 3', done: false }] });
  });

  for (const c of CORPUS) {
    it(`${c.verdict}: ${c.name}`, () => {
      const root = fs.mkdtempSync(path.join(tmp, 'case-'));
      const write = (file: string, text: string): void => {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
      };
      write('backlog/backlog.yaml', VALID_BACKLOG);
      write('backlog/sprints.yaml', VALID_SPRINTS);
      write(c.file, c.text);
      const problems = validateWorkspace(loadWorkspace(root));
      // The rest of the repository is valid: only the case's file may have problems.
      assert.deepEqual(problems.filter((p) => p.file !== c.file), [], 'the other files are valid');
      const a = answers(root, c.file, problems);
      const warnings = problems.filter((p) => p.severity === 'warning');
      assert.equal(warnings.length > 0, c.warns ?? false, `warnings: ${JSON.stringify(warnings)}`);
      if (c.verdict === 'accept') {
        assert.deepEqual(a.schema, [], show(a));
        assert.deepEqual(a.validator, [], show(a));
      } else if (c.verdict === 'reject') {
        assert.ok(a.schema.length > 0 && a.validator.length > 0, show(a));
        assert.ok(a.validator.every((p) => !beyondSchema(p)), `a shape error, not a reference one: ${show(a)}`);
      } else {
        assert.deepEqual(a.schema, [], show(a));
        assert.ok(a.validator.length > 0, show(a));
      }
    });
  }
});
