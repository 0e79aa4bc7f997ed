// The JSON Schemas the YAML language server uses for hover, completion and
// squiggles: the spec's own examples pass, typical mistakes fail at the right
// place, and every key the model knows is described.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { parse } from 'yaml';
import {
  ACTION_KEYS, BACKLOG_KEYS, EPIC_KEYS, ITEM_KEYS, RETRO_KEYS, REVIEW_KEYS, SPRINT_KEYS, SPRINTS_KEYS, WEEKDAYS,
} from '../../src/core/model';

const ROOT = path.resolve(__dirname, '../..');
const readJson = (p: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(ROOT, p), 'utf8')) as Record<string, unknown>;
const backlogSchema = readJson('schemas/backlog.schema.json');
const sprintsSchema = readJson('schemas/sprints.schema.json');

// strict: unknown keywords or formats in our schemas are mistakes. Union types (`id: 12` is allowed) are intended.
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validateBacklog = ajv.compile(backlogSchema);
const validateSprints = ajv.compile(sprintsSchema);

function errors(validate: typeof validateBacklog, yamlText: string): ErrorObject[] {
  validate(parse(yamlText));
  return validate.errors ?? [];
}

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
      '/items/0/title minLength',
      '/items/1 required',
      '/items/1/depends_on anyOf',
      '/items/1/depends_on type',
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
    const got = where(errors(validateSprints, text));
    for (const e of ['/working_days/2 enum', '/holidays/0 pattern', '/sprints/0 required', '/sprints/0/capacity type', '/sprints/0/review/satisfaction maximum']) {
      assert.ok(got.includes(e), `${e} missing from ${JSON.stringify(got)}`);
    }
    // The action fails both alternatives: not a string, and an object without text whose done is not a boolean.
    assert.ok(got.includes('/sprints/0/retro/actions/0 anyOf'));
    assert.ok(got.includes('/sprints/0/retro/actions/0/done type'));
  });

  it('describe exactly the keys the model knows, each with a description (hover text)', () => {
    const defs = (s: Record<string, unknown>): Record<string, Record<string, unknown>> => s.definitions as Record<string, Record<string, unknown>>;
    const props = (o: Record<string, unknown>): Record<string, Record<string, unknown>> => o.properties as Record<string, Record<string, unknown>>;
    // [name, the schema file (where `$ref`s resolve), the object schema, the model's keys]
    const cases: [string, Record<string, unknown>, Record<string, unknown>, readonly string[]][] = [
      ['backlog', backlogSchema, backlogSchema, BACKLOG_KEYS],
      ['item', backlogSchema, defs(backlogSchema).item, ITEM_KEYS],
      ['epic', backlogSchema, defs(backlogSchema).epic, EPIC_KEYS],
      ['sprint log', sprintsSchema, sprintsSchema, SPRINTS_KEYS],
      ['sprint', sprintsSchema, defs(sprintsSchema).sprint, SPRINT_KEYS],
      ['review', sprintsSchema, defs(sprintsSchema).review, REVIEW_KEYS],
      ['retro', sprintsSchema, defs(sprintsSchema).retro, RETRO_KEYS],
      ['action', sprintsSchema, defs(sprintsSchema).action, ACTION_KEYS],
    ];
    for (const [name, file, schema, keys] of cases) {
      assert.deepEqual(Object.keys(props(schema)).sort(), [...keys].sort(), name);
      for (const [key, sub] of Object.entries(props(schema))) {
        // The YAML language server shows a description next to `$ref`, else the referenced one.
        const ref = typeof sub.$ref === 'string' ? defs(file)[sub.$ref.replace('#/definitions/', '')] : undefined;
        assert.ok(typeof (sub.description ?? ref?.description) === 'string', `${name}.${key} has no description`);
      }
    }
  });

  it('offer the categories and weekdays as enums (completion)', () => {
    const defs = (s: Record<string, unknown>): Record<string, { enum?: string[] }> => s.definitions as Record<string, { enum?: string[] }>;
    assert.deepEqual(defs(backlogSchema).category.enum, ['todo', 'doing', 'done']);
    assert.deepEqual([...(defs(sprintsSchema).weekday.enum ?? [])].sort(), [...WEEKDAYS].sort());
  });

  it('are the files package.json contributes to the YAML extension', () => {
    const pkg = readJson('package.json') as { contributes: { yamlValidation: { url: string; fileMatch: string | string[] }[] } };
    const urls = pkg.contributes.yamlValidation.map((v) => path.normalize(v.url));
    assert.ok(urls.includes(path.normalize('./schemas/backlog.schema.json')));
    assert.ok(urls.includes(path.normalize('./schemas/sprints.schema.json')));
    for (const u of urls) assert.ok(fs.existsSync(path.join(ROOT, u)), u);
  });
});
