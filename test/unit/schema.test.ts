// The JSON Schemas the YAML language server uses for hover, completion and
// squiggles: the spec's own examples pass, typical mistakes fail at the right
// place, and every key the model knows is described.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ErrorObject } from 'ajv';
import {
  ACTION_KEYS, ARCHIVE_KEYS, BACKLOG_KEYS, EPIC_KEYS, ITEM_KEYS, RETRO_KEYS, REVIEW_KEYS, SPRINT_KEYS, SPRINTS_KEYS, WEEKDAYS,
} from '../../src/core/model';
import { dateProblem } from '../../src/core/validate';
import { readSchema, schemaErrors, schemaKindOf, type SchemaKind } from './helpers/schemas';

const ROOT = path.resolve(__dirname, '../..');
const readJson = (p: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(ROOT, p), 'utf8')) as Record<string, unknown>;
const backlogSchema = readSchema('backlog');
const archiveSchema = readSchema('archive');
const sprintsSchema = readSchema('sprints');
const validateBacklog: SchemaKind = 'backlog';
const validateSprints: SchemaKind = 'sprints';

const errors = (kind: SchemaKind, yamlText: string): ErrorObject[] => schemaErrors(kind, yamlText);

/** `instancePath keyword` of each error, e.g. `/items/0/points minimum`. */
const where = (errs: ErrorObject[]): string[] => errs.map((e) => `${e.instancePath} ${e.keyword}`);

const fixture = (p: string): string => fs.readFileSync(path.join(ROOT, 'test/fixtures', p), 'utf8');

describe('JSON schemas', () => {
  it('accept the examples of the spec (copied into test/fixtures/spec-examples)', () => {
    assert.deepEqual(errors(validateBacklog, fixture('spec-examples/backlog/backlog.yaml')), []);
    assert.deepEqual(errors(validateSprints, fixture('spec-examples/backlog/sprints.yaml')), []);
  });

  it('accept the basic fixture (flow maps, comments, block lists)', () => {
    assert.deepEqual(errors(validateBacklog, fixture('basic/backlog/backlog.yaml')), []);
    assert.deepEqual(errors(validateSprints, fixture('basic/backlog/sprints.yaml')), []);
  });

  it('accept the forms the parser accepts: numeric ids, a single depends_on id, string retro actions, date-times', () => {
    const backlog = 'items:\n  - id: 12\n    title: 42\n    depends_on: PAY-9\n    created: 2026-10-01T09:30:00+02:00\n    finished: 2026-10-02T07:00Z\n';
    assert.deepEqual(errors(validateBacklog, backlog), []);
    const sprints = 'sprints:\n  - id: 1\n    start: 2026-11-02\n    end: 2026-11-13\n    retro:\n      actions: [Smaller stories]\n';
    assert.deepEqual(errors(validateSprints, sprints), []);
  });

  it('reject typical backlog mistakes at the offending value', () => {
    const text = [
      'version: 2',
      'states:',
      '  todo: todo',
      '  qa: testing',
      'items:',
      '  - id: PAY 1',
      '    title: ""',
      '    points: -3',
      '    created: 2026-13-01',
      '  - title: no id',
      '    started: 2026-10-01T09:30',
      '    depends_on: [PAY-1, "bad id"]',
    ].join('\n');
    assert.deepEqual(where(errors(validateBacklog, text)).sort(), [
      '/items/0/created pattern',
      '/items/0/id pattern',
      '/items/0/points minimum',
      '/items/0/title pattern',
      '/items/1 required',
      '/items/1/depends_on/1 pattern',
      '/items/1/started pattern',
      '/states/qa enum',
      '/version enum',
    ]);
  });

  it('reject typical sprint log mistakes', () => {
    const text = [
      'working_days: [mon, tue, funday]',
      'holidays: [2026-12-25T00:00:00Z]',
      'sprints:',
      '  - id: S1',
      '    start: 2026-11-02',
      '    capacity: lots',
      '    review: {satisfaction: 7}',
      '    retro:',
      '      actions:',
      '        - owner: bob',
      '          done: "no"',
    ].join('\n');
    assert.deepEqual(where(errors(validateSprints, text)).sort(), [
      '/holidays/0 pattern',
      '/sprints/0 required',
      '/sprints/0/capacity type',
      '/sprints/0/retro/actions/0 required',
      '/sprints/0/retro/actions/0/done type',
      '/sprints/0/review/satisfaction maximum',
      '/working_days/2 pattern',
    ]);
  });

  it('reject days that are not in the calendar, exactly as the validator does (leap years by the Gregorian rule)', () => {
    const dayPattern = new RegExp((sprintsSchema.definitions as Record<string, { pattern: string }>).day.pattern);
    const datePattern = new RegExp((backlogSchema.definitions as Record<string, { pattern: string }>).date.pattern);
    let checked = 0;
    for (const year of [1900, 2000, 2024, 2025, 2026, 2028, 2100, 2400]) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const day = `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const ok = dateProblem(day, true) === undefined;
          assert.equal(dayPattern.test(day), ok, day);
          assert.equal(datePattern.test(day), ok, day);
          assert.equal(datePattern.test(`${day}T09:30:00+01:00`), dateProblem(`${day}T09:30:00+01:00`, false) === undefined, `${day}T…`);
          checked++;
        }
      }
    }
    assert.equal(checked, 8 * 14 * 33);
    for (const bad of ['2026-02-30', '2026-09-31', '2026-02-29', '2100-02-29']) assert.equal(where(errors(validateSprints, `holidays: [${bad}]`)).join(), '/holidays/0 pattern', bad);
    for (const good of ['2028-02-29', '2000-02-29']) assert.deepEqual(errors(validateSprints, `holidays: [${good}]`), [], good);
    for (const t of ['2026-11-16T24:00Z', '2026-11-16T09:30', '2026-11-16T09:30+24:00']) assert.notEqual(dateProblem(t, false), undefined, t);
  });

  it('reject blank titles, action texts and state names', () => {
    assert.equal(where(errors(validateBacklog, 'items:\n  - {id: A-1, title: " "}\n')).join(), '/items/0/title pattern');
    assert.equal(where(errors(validateBacklog, 'epics:\n  - {id: E1, title: "\\t"}\n')).join(), '/epics/0/title pattern');
    assert.equal(where(errors(validateBacklog, 'states:\n  "review ": doing\n')).join(), '/states pattern,/states propertyNames');
    assert.equal(where(errors(validateSprints, 'sprints:\n  - {id: S1, start: 2026-11-02, end: 2026-11-13, retro: {actions: [" ", {text: ""}]}}\n')).sort().join(),
      '/sprints/0/retro/actions/0 pattern,/sprints/0/retro/actions/1/text pattern');
  });

  it('describe exactly the keys the model knows, each with a title and a Markdown description (hover text)', () => {
    const defs = (s: Record<string, unknown>): Record<string, Record<string, unknown>> => s.definitions as Record<string, Record<string, unknown>>;
    const props = (o: Record<string, unknown>): Record<string, Record<string, unknown>> => o.properties as Record<string, Record<string, unknown>>;
    // [name, the schema file (where `$ref`s resolve), the object schema, the model's keys]
    const cases: [string, Record<string, unknown>, Record<string, unknown>, readonly string[]][] = [
      ['backlog', backlogSchema, backlogSchema, BACKLOG_KEYS],
      // `states` is declared in the archive schema only to say that it does not count there.
      ['archive', backlogSchema, archiveSchema, [...ARCHIVE_KEYS, 'epics', 'states']],
      ['item', backlogSchema, defs(backlogSchema).item, ITEM_KEYS],
      ['epic', backlogSchema, defs(backlogSchema).epic, EPIC_KEYS],
      ['sprint log', sprintsSchema, sprintsSchema, SPRINTS_KEYS],
      ['sprint', sprintsSchema, defs(sprintsSchema).sprint, SPRINT_KEYS],
      ['review', sprintsSchema, defs(sprintsSchema).review, REVIEW_KEYS],
      ['retro', sprintsSchema, defs(sprintsSchema).retro, RETRO_KEYS],
      ['action', sprintsSchema, defs(sprintsSchema).actionEntry, ACTION_KEYS],
    ];
    for (const [name, file, schema, keys] of cases) {
      assert.deepEqual(Object.keys(props(schema)).sort(), [...keys].sort(), name);
      // Unknown keys are accepted (the spec: kept, warned about), with a message the editor shows.
      assert.match(String((schema.additionalProperties as Record<string, unknown>).deprecationMessage), /^Unknown key in .*Known keys here: /, name);
      for (const [key, sub] of Object.entries(props(schema))) {
        if (sub.deprecationMessage) continue;
        // The YAML language server shows what stands next to `$ref`, else the referenced schema's.
        const ref = typeof sub.$ref === 'string' ? defs(file)[sub.$ref.replace(/^.*#\/definitions\//, '')] : undefined;
        assert.ok(typeof (sub.markdownDescription ?? ref?.markdownDescription) === 'string', `${name}.${key} has no markdownDescription`);
        assert.ok(typeof (sub.title ?? ref?.title) === 'string', `${name}.${key} has no title`);
      }
    }
    for (const s of [backlogSchema, sprintsSchema]) for (const [name, d] of Object.entries(defs(s))) assert.ok(typeof d.title === 'string', `definition ${name} has no title`);
  });

  it('give every pattern a readable message and keep Markdown out of plain descriptions', () => {
    const walk = (node: unknown, at: string, visit: (o: Record<string, unknown>, at: string) => void): void => {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${at}/${i}`, visit));
      else if (node && typeof node === 'object') {
        visit(node as Record<string, unknown>, at);
        for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k}`, visit);
      }
    };
    let patterns = 0;
    for (const [name, s] of [['backlog', backlogSchema], ['archive', archiveSchema], ['sprints', sprintsSchema]] as const) {
      walk(s, name, (o, at) => {
        if (typeof o.pattern === 'string' && !at.endsWith('/properties')) {
          patterns++;
          assert.ok(typeof o.patternErrorMessage === 'string' && !/[\\^$]/.test(o.patternErrorMessage), `${at} has no readable patternErrorMessage`);
        }
        if (typeof o.description === 'string') assert.doesNotMatch(o.description, /[`*_[]/, `${at}: Markdown in description (use markdownDescription)`);
      });
    }
    assert.ok(patterns >= 10, `only ${patterns} patterns found`);
  });

  it('offer the categories and weekdays for completion', () => {
    const defs = (s: Record<string, unknown>): Record<string, { enum?: string[]; examples?: string[] }> => s.definitions as Record<string, { enum?: string[]; examples?: string[] }>;
    assert.deepEqual(defs(backlogSchema).category.enum, ['todo', 'doing', 'done']);
    // Weekdays are a pattern (any case, full names too, as the parser reads them); completion offers the spec's short forms.
    assert.deepEqual([...(defs(sprintsSchema).weekday.examples ?? [])].sort(), [...WEEKDAYS].sort());
    const weekday = new RegExp((sprintsSchema.definitions as Record<string, { pattern: string }>).weekday.pattern);
    for (const d of ['mon', 'Monday', 'TUE', 'wednesday', 'Thu', 'friday', 'sat', 'Sunday']) assert.ok(weekday.test(d), d);
    for (const d of ['funday', 'mo', 'tues', 'monday ', 'weds']) assert.ok(!weekday.test(d), d);
  });

  it('are the files package.json contributes to the YAML extension, one for each kind of file Sprintlog reads', () => {
    const pkg = readJson('package.json') as { contributes: { yamlValidation: { url: string; fileMatch: string | string[] }[] } };
    for (const v of pkg.contributes.yamlValidation) assert.ok(fs.existsSync(path.join(ROOT, v.url)), v.url);
    assert.equal(schemaKindOf('backlog/backlog.yaml'), 'backlog');
    assert.equal(schemaKindOf('backlog/sprints.yaml'), 'sprints');
    for (const f of ['backlog/archive/2025.yaml', 'backlog/archive/2026-h1.yml']) assert.equal(schemaKindOf(f), 'archive', f);
    assert.equal(schemaKindOf('backlog/notes.yaml'), undefined);
  });
});
