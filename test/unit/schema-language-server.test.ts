// The schemas in Red Hat's yaml-language-server (the YAML extension's engine),
// associated from package.json's `yamlValidation` the way the YAML extension
// does it (helpers/yaml-ls.ts), on real files in a temp folder: the squiggles,
// hovers and completions a user of VS Code with the YAML extension gets.

import { strict as assert } from 'node:assert';
import type { Diagnostic } from 'vscode-languageserver-types';
import { loadWorkspace } from '../../src/core/parse/workspace';
import { validateWorkspace } from '../../src/core/validate';
import { CORPUS } from './helpers/schema-corpus';
import { YamlLs } from './helpers/yaml-ls';

const UNKNOWN = /^Unknown key in /;
const lines = (ds: Diagnostic[]): number[] => ds.map((d) => d.range.start.line + 1).sort((a, b) => a - b);
const text = (ds: Diagnostic[]): string => ds.map((d) => `${d.range.start.line + 1}: ${d.message}`).join('\n');

describe('JSON schemas in yaml-language-server', () => {
  let ls: YamlLs;
  before(() => {
    ls = new YamlLs();
  });
  after(() => ls.cleanup());

  it('flag each of 12 misspelt keys at its line, where the validator warns too', async () => {
    const backlog = [
      'version: 1',
      'projct: PAY', // 2
      'epics:',
      '  - id: E1',
      '    titel: Payments', // 5
      '    title: Payments',
      'itmes: []', // 7
      'items:',
      '  - id: PAY-1',
      '    title: First',
      '    asignee: bob', // 11
      '    stat: todo', // 12
      '    dependson: [PAY-2]', // 13
      '',
    ].join('\n');
    const sprints = [
      'version: 1',
      'timezon: UTC', // 2
      'sprints:',
      '  - id: S1',
      '    start: 2026-11-02',
      '    end: 2026-11-13',
      '    goals: Ship it', // 7
      '    review:',
      '      satisfation: 4', // 9
      '    retro:',
      '      went_wel: [Pairing]', // 11
      '      actions:',
      '        - text: WIP limit',
      '          ownr: bob', // 14
      '',
    ].join('\n');
    const b = await ls.diagnostics('backlog/backlog.yaml', backlog);
    const s = await ls.diagnostics('backlog/sprints.yaml', sprints);
    assert.ok([...b, ...s].every((d) => UNKNOWN.test(d.message)), text([...b, ...s]));
    assert.deepEqual(lines(b), [2, 5, 7, 11, 12, 13], text(b));
    assert.deepEqual(lines(s), [2, 7, 9, 11, 14], text(s));
    assert.equal(b.length + s.length, 11);
    const a = await ls.diagnostics('backlog/archive/2025.yaml', 'version: 1\nitems:\n  - id: PAY-0\n    title: Old\n    finshed: 2025-01-01\n');
    assert.deepEqual(lines(a), [5], text(a));
    // The message names the keys that are known there.
    assert.match(b.find((d) => d.range.start.line === 10)!.message, /Unknown key in an item: .*Known keys here: id, title, type, state/);
    // The validator warns about the same keys, on the same lines (warnings only: exit 0).
    ls.open('backlog/backlog.yaml', backlog);
    ls.open('backlog/sprints.yaml', sprints);
    ls.open('backlog/archive/2025.yaml', 'version: 1\nitems:\n  - id: PAY-0\n    title: Old\n    finshed: 2025-01-01\n');
    const ps = validateWorkspace(loadWorkspace(ls.dir));
    assert.ok(ps.every((p) => p.code === 'unknown-key' && p.severity === 'warning'), JSON.stringify(ps));
    const byFile = (f: string): number[] => ps.filter((p) => p.file === f).map((p) => p.line).sort((x, y) => x - y);
    assert.deepEqual(byFile('backlog/backlog.yaml'), lines(b));
    assert.deepEqual(byFile('backlog/sprints.yaml'), lines(s));
    assert.deepEqual(byFile('backlog/archive/2025.yaml'), lines(a));
  });

  it('check archive files, .yaml and .yml, with the archive schema: states is flagged and not offered', async () => {
    const archive = 'version: 1\nstates:\n  todo: todo\nitems:\n  - id: PAY-0\n    title: Old\n    created: 2026-02-30\n';
    for (const file of ['backlog/archive/2025.yaml', 'backlog/archive/2026-h1.yml']) {
      const ds = await ls.diagnostics(file, archive);
      assert.deepEqual(ds.map((d) => [d.range.start.line + 1, d.message]), [
        [2, '`states` only counts in backlog/backlog.yaml (the main backlog file): move it there.'],
        [7, 'A day that exists in the calendar, YYYY-MM-DD (e.g. 2026-11-16), or an ISO date-time with an offset (e.g. 2026-11-16T09:30:00+01:00).'],
      ], file);
      const offered = (await ls.completion(file, 'version: 1\n\n', { line: 1, character: 0 })).items.map((i) => i.label);
      assert.deepEqual(offered.sort(), ['epics', 'items', 'project'], file);
    }
    const main = (await ls.completion('backlog/backlog.yaml', 'version: 1\n\n', { line: 1, character: 0 })).items.map((i) => i.label);
    assert.ok(main.includes('states'), main.join());
    // Not Sprintlog's files: no schema, no diagnostics.
    assert.deepEqual(await ls.diagnostics('backlog/notes.yaml', 'items: 3\n'), []);
  });

  it('reject days that do not exist and blank titles, with readable messages instead of the raw regex', async () => {
    const backlog = 'items:\n  - id: PAY-1\n    title: " "\n    created: 2026-02-30\n  - id: PAY 2\n    title: x\n    started: 2028-02-29\n';
    const b = await ls.diagnostics('backlog/backlog.yaml', backlog);
    assert.deepEqual(b.map((d) => [d.range.start.line + 1, d.message]), [
      [3, 'The title must not be blank.'],
      [4, 'A day that exists in the calendar, YYYY-MM-DD (e.g. 2026-11-16), or an ISO date-time with an offset (e.g. 2026-11-16T09:30:00+01:00).'],
      [5, 'An id uses only letters, digits, ".", "_" and "-", e.g. PAY-12.'],
    ]);
    const sprints = 'working_days: [mon, funday]\nholidays: [2026-02-29]\nsprints:\n  - id: S1\n    start: 2026-09-01\n    end: 2026-09-31\n';
    const s = await ls.diagnostics('backlog/sprints.yaml', sprints);
    assert.deepEqual(s.map((d) => d.range.start.line + 1).sort(), [1, 2, 6], text(s));
    for (const d of [...b, ...s]) assert.doesNotMatch(d.message, /match pattern|\^|\\d/, d.message);
  });

  it('show Markdown hovers with titles', async () => {
    const doc = 'items:\n  - id: PAY-1\n    title: x\n    blocked: Waiting\n';
    const hover = await ls.hover('backlog/backlog.yaml', doc, { line: 3, character: 6 });
    const value = (hover?.contents as { kind: string; value: string }).value;
    assert.equal((hover?.contents as { kind: string }).kind, 'markdown');
    assert.match(value, /^#### Blocked reason\n\n/);
    // Markdown is rendered, not escaped (the server escapes a plain `description`).
    assert.match(value, /Not `true`\/`false`/);
    const sprint = await ls.hover('backlog/sprints.yaml', 'sprints:\n  - id: S1\n    start: 2026-11-02\n    end: 2026-11-13\n', { line: 2, character: 6 });
    assert.match((sprint?.contents as { value: string }).value, /^#### Start day\n\nRequired: the first day, `YYYY-MM-DD`/);
  });

  it('give every case of the schema corpus the answer the validator gives', async () => {
    for (const c of CORPUS) {
      const ds = await ls.diagnostics(c.file, c.text);
      const errors = ds.filter((d) => !UNKNOWN.test(d.message) && !/only counts in/.test(d.message));
      if (c.verdict === 'reject') assert.ok(errors.length > 0, `${c.name}: no diagnostic`);
      else assert.deepEqual(errors.map((d) => d.message), [], c.name);
      assert.equal(ds.length > errors.length, c.warns ?? false, `${c.name}: ${text(ds)}`);
    }
    // Nothing was fetched from the network: the archive schema's $ref resolves to the file next to it.
    assert.ok(ls.requested.every((u) => u.startsWith('file:')), ls.requested.join());
  });
});
