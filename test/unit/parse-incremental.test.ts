// The incremental re-parse (core/parse/incremental.ts) gives exactly the model of a
// fresh parse of the edited text, on real backlog files and random edits of them
// (typing, deleting, pasting lines, breaking and mending the YAML), chained as the
// editor's store chains them: each result is the `prev` of the next edit.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { BacklogFile } from '../../src/core/model';
import { parseBacklog } from '../../src/core/parse/backlog';
import { reparseBacklog } from '../../src/core/parse/incremental';
import { buildWorkspace } from '../../src/core/parse/workspace';

const FILE = 'backlog/backlog.yaml';
const FIXTURES = path.join(__dirname, '..', 'fixtures');

function comparable(backlog: BacklogFile | undefined) {
  return backlog && { text: backlog.text, items: backlog.items, epics: backlog.epics, fields: backlog.fields, raw: backlog.raw, extra: backlog.extra };
}

/** Real files: every fixture backlog that takes the chunked path, and a generated one like the benchmark's. */
function realTexts(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) {
        const text = fs.readFileSync(p, 'utf8');
        if (/^items\s*:/m.test(text) && parseBacklog(text, FILE).backlog?.items.length) out.push(text);
      }
    }
  };
  walk(FIXTURES);
  const lines = ['version: 1', 'project: PAY', 'items:'];
  for (let i = 1; i <= 40; i++) {
    lines.push(`  - id: PAY-${i}`, `    title: Item ${i}`, `    state: ${['todo', 'doing', 'done'][i % 3]}`);
    if (i % 4 === 0) lines.push('    tags: [a, b]', '    description: |', '      two', '      lines');
    if (i % 5 === 0) lines.push('  # a comment between items');
  }
  out.push(lines.join('\n') + '\n');
  return out;
}

/** What a person types or pastes: YAML-significant pieces included. */
const PIECES = ['x', ' ', '\n', '-', '#', ':', '"', '\t', '  - id: NEW-1\n    title: new\n', '    points: 3\n', '- ', '  ', 'state: done', '\r\n', '&a', '*a', '[', '{id: F}'];

/** `snap`: the edit starts at a line end (joining, splitting and pasting lines happen there). */
type Edit = { at: number; del: number; ins: string; snap: boolean };
const TYPED = ['a', 'b', 'x', '1', ' ', '\n', '    '];
const edit = fc.record({
  at: fc.noBias(fc.integer({ min: 0, max: 9999 })).map((n) => n / 10000),
  del: fc.oneof(fc.constant(0), fc.constant(0), fc.nat(3), fc.nat(40)),
  ins: fc.oneof(fc.constant(''), fc.constantFrom(...TYPED), fc.constantFrom(...TYPED), fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })),
  snap: fc.boolean(),
});

function apply(text: string, e: Edit): string {
  let at = Math.min(text.length, Math.floor(e.at * text.length));
  if (e.snap) at = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at);
  return text.slice(0, at) + e.ins + text.slice(Math.min(text.length, at + e.del));
}

describe('incremental re-parse', () => {
  const texts = realTexts();

  it('has real files to edit', () => {
    assert.ok(texts.length >= 3, `only ${texts.length} files`);
  });

  it('equals a fresh parse after every edit of a chain of random edits', function () {
    this.timeout(180_000);
    let reused = 0;
    let edits = 0;
    // Half the runs edit the largest file (40 items): small fixtures are mostly header.
    const which = fc.oneof(fc.constant(texts.length - 1), fc.nat(texts.length - 1));
    fc.assert(fc.property(which, fc.array(edit, { minLength: 1, maxLength: 12 }), (w, list) => {
      let text = texts[w];
      let prev = parseBacklog(text, FILE).backlog;
      for (const e of list) {
        text = apply(text, e);
        const fresh = parseBacklog(text, FILE);
        const got = prev ? reparseBacklog(prev, text) : parseBacklog(text, FILE);
        assert.deepEqual(comparable(got.backlog), comparable(fresh.backlog));
        assert.deepEqual(got.problems, fresh.problems);
        if (prev && fresh.backlog) edits++;
        if (prev && got.backlog && got.backlog !== prev && got.backlog.items.length > 1 && got.backlog.items[0] === prev.items[0]) reused++;
        prev = got.backlog ?? prev;
      }
    }), { numRuns: 150 });
    // The property must be about the incremental path, not the fallback: most edits take it.
    assert.ok(reused > edits / 3, `only ${reused} of ${edits} edits of files that parse re-used the previous parse`);
  });

  it('moves the items after an edit by its length and lines, and leaves those before it as they were', () => {
    const text = texts[texts.length - 1];
    const prev = parseBacklog(text, FILE).backlog!;
    const at = text.indexOf('title: Item 10') + 'title: Item 10'.length;
    const next = reparseBacklog(prev, text.slice(0, at) + ' more\n    points: 2' + text.slice(at)).backlog!;
    assert.equal(next.items[0], prev.items[0]);
    const i = next.items.findIndex((x) => x.id === 'PAY-10');
    assert.equal(next.items[i].points, 2);
    assert.equal(next.items[i + 1].source.line, prev.items[i + 1].source.line + 1);
    assert.equal(next.items[i + 1].source.offset, prev.items[i + 1].source.offset + ' more\n    points: 2'.length);
  });

  it('buildWorkspace with the previous model gives the model built without it, ranks of archive items included', () => {
    const main = texts[texts.length - 1];
    const archive = 'version: 1\nitems:\n  - id: OLD-1\n    title: old\n    state: done\n  - id: OLD-2\n    title: older\n';
    const sprints = 'version: 1\nsprints:\n  - id: S1\n    start: 2026-01-05\n    end: 2026-01-16\n';
    const files = (m: string) => [{ file: FILE, text: m }, { file: 'backlog/archive/2025.yaml', text: archive }];
    const prev = buildWorkspace('/r', files(main), { file: 'backlog/sprints.yaml', text: sprints });
    const prevRanks = prev.items.map((i) => i.rank);
    const edited = main.replace('  - id: PAY-3\n', '  - id: PAY-0\n    title: inserted\n  - id: PAY-3\n');
    const got = buildWorkspace('/r', files(edited), { file: 'backlog/sprints.yaml', text: sprints }, {}, prev);
    const fresh = buildWorkspace('/r', files(edited), { file: 'backlog/sprints.yaml', text: sprints });
    assert.deepEqual(got.items.map((i) => [i.id, i.rank, i.index, i.source]), fresh.items.map((i) => [i.id, i.rank, i.index, i.source]));
    assert.deepEqual(got.items, fresh.items);
    assert.deepEqual(got.parseProblems, fresh.parseProblems);
    assert.equal(got.sprintLog, prev.sprintLog, 'an unchanged sprint log is the same object');
    assert.deepEqual(prev.items.map((i) => i.rank), prevRanks, 'the previous model is left as it was');
  });
});
