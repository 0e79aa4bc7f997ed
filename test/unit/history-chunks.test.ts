// The history engine reads item entries from a line scan of each file version
// (and rescans only what changed from an older version). Whatever the layout,
// the entries must be exactly what the project's parser reads from the file.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseBacklog } from '../../src/core/parse/backlog';
import { buildVersion, ChunkCache, type FileVersion, type ParseCounters } from '../../src/core/history/scan/items';

const FILE = 'backlog/backlog.yaml';

function counters(): ParseCounters {
  return { chunksParsed: 0, fullParses: 0 };
}

/** What the project's parser sees: each item's raw fields, or undefined when the file does not parse. */
function expected(text: string): Record<string, unknown>[] | undefined {
  const { backlog, problems } = parseBacklog(text, FILE);
  if (!backlog || problems.some((p) => p.severity === 'error')) return undefined;
  return backlog.items.map((i) => i.raw);
}

function read(text: string, base?: FileVersion, cache = new ChunkCache(counters())): FileVersion {
  return buildVersion(String(Math.random()), Buffer.from(text), FILE, base, cache, counters());
}

function check(text: string, v: FileVersion): void {
  const want = expected(text);
  if (want === undefined) {
    assert.equal(v.kind, 'broken', `should be broken:\n${text}`);
    return;
  }
  assert.notEqual(v.kind, 'broken', `should parse:\n${text}`);
  assert.deepEqual(v.entries.filter((e) => Object.keys(e.fields).length > 0).map((e) => e.fields), want, text);
}

describe('history: item chunks', () => {
  const cases: Record<string, string> = {
    'block items at indent 2, comments between': 'version: 1\nitems:\n  - id: A\n    state: todo\n  # a comment\n  - id: B\n    title: "B: quoted"\n\n# top comment\n  - id: C\n',
    'items at indent 0 followed by another key': 'items:\n- id: A\n  tags:\n  - x\n  - y\n- id: B\nepics:\n- id: E1\n',
    'flow maps and quoted ids': "items:\n  - {id: A, state: done, tags: [a, b]}\n  - id: 'B'\n  - id: \"C\"\n    points: 3\n",
    'dash on its own line': 'items:\n  -\n    id: A\n    state: todo\n  -   id: B\n',
    'block scalars that look like items and comments': 'items:\n  - id: A\n    description: |\n      - not an item\n      # not a comment\n\n      items: no\n  - id: B\n    description: >-\n      folded\n      text\n',
    'keep-chomping scalar before a comment': 'items:\n  - id: A\n    description: |+\n      text\n\n  # comment\n  - id: B\n',
    'CRLF and BOM': '\uFEFFversion: 1\r\nitems:\r\n  - id: A\r\n    state: todo\r\n  -\r\n    id: B\r\n',
    'document start marker': '---\nversion: 1\nitems:\n  - id: A\n',
    'empty items': 'version: 1\nitems: []\n',
    'null items': 'version: 1\nitems:\nepics: []\n',
    'no items key': 'version: 1\nproject: X\n',
    'anchors across items (whole-file parse)': 'items:\n  - id: A\n    tags: &t [a, b]\n  - id: B\n    tags: *t\n',
    'flow sequence of items (whole-file parse)': 'items: [{id: A}, {id: B, state: done}]\n',
    'numeric and special values': 'items:\n  - id: 12\n    points: .inf\n    value: -0.5\n    blocked: null\n    created: 2026-03-01\n',
    'items key with a comment': 'items: # the backlog\n  - id: A\n',
    'conflict markers (broken)': 'items:\n<<<<<<< HEAD\n  - id: A\n=======\n  - id: B\n>>>>>>> x\n',
    'tab indentation (broken)': 'items:\n\t- id: A\n',
    'duplicate key in an item (broken)': 'items:\n  - id: A\n    state: a\n    state: b\n',
    'second document (broken)': 'items:\n  - id: A\n---\nitems:\n  - id: B\n',
    'duplicate items key (broken)': 'items:\n  - id: A\nitems:\n  - id: B\n',
    'syntax error in a later item (broken)': 'items:\n  - id: A\n  - id: B\n    title: "unterminated\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    it(name, () => check(text, read(text)));
  }

  it('uses the line scan for ordinary layouts and parses only changed chunks of a new version', () => {
    const items = Array.from({ length: 50 }, (_, i) => `  - id: A-${i}\n    title: Item ${i}\n    state: todo\n`);
    const v1text = `version: 1\nitems:\n${items.join('')}`;
    const c = counters();
    const cache = new ChunkCache(c);
    const v1 = buildVersion('1', Buffer.from(v1text), FILE, undefined, cache, c);
    assert.equal(v1.kind, 'chunks');
    assert.equal(c.chunksParsed, 50);
    items[20] = items[20].replace('todo', 'done');
    const v2text = `version: 1\nitems:\n${items.join('')}`;
    const v2 = buildVersion('2', Buffer.from(v2text), FILE, v1, cache, c);
    check(v2text, v2);
    assert.equal(c.chunksParsed, 51, 'one new chunk parsed');
    assert.equal(c.fullParses, 0);
    assert.deepEqual(v2.change?.added.map((e) => e.fields), [{ id: 'A-20', title: 'Item 20', state: 'done' }]);
    assert.deepEqual(v2.change?.removed.map((e) => e.fields), [{ id: 'A-20', title: 'Item 20', state: 'todo' }]);
    assert.equal(v2.entries[19], v1.entries[19], 'unchanged entries are shared');

    // Edits far apart, an insertion and a deletion: only those items are read again.
    const next = [...items];
    next[5] = next[5].replace('todo', 'review');
    next[45] = next[45].replace('Item 45', 'Item forty-five');
    next.splice(30, 0, '  - id: NEW\n    title: Inserted\n');
    next.splice(10, 1);
    const v3text = `version: 1\nitems:\n${next.join('')}`;
    const v3 = buildVersion('3', Buffer.from(v3text), FILE, v2, cache, c);
    check(v3text, v3);
    assert.deepEqual(v3.change?.added.map((e) => e.id), ['A-5', 'NEW', 'A-45']);
    assert.deepEqual(v3.change?.removed.map((e) => e.id), ['A-5', 'A-10', 'A-45']);
    assert.equal(c.fullParses, 0);
  });

  // Random backlogs in many layouts, edited at random: every version read
  // against the previous one gives the parser's items.
  const item = fc.record({
    n: fc.integer({ min: 1, max: 40 }),
    state: fc.constantFrom(undefined, 'todo', 'in-progress', 'done'),
    points: fc.option(fc.integer({ min: 0, max: 13 }), { nil: undefined }),
    title: fc.string({ maxLength: 12 }),
    tags: fc.array(fc.constantFrom('a', 'b', 'c d'), { maxLength: 3 }),
    desc: fc.option(fc.array(fc.constantFrom('text', '- dash', '# hash', '', 'items:'), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    style: fc.constantFrom('block', 'flow', 'dash-newline'),
    quote: fc.constantFrom('', '"', "'"),
    tagStyle: fc.constantFrom('flow', 'block'),
    comment: fc.option(fc.nat(6), { nil: undefined }),
    blank: fc.boolean(),
  });
  type It = typeof item extends fc.Arbitrary<infer T> ? T : never;
  const layout = fc.record({ indent: fc.constantFrom(0, 2, 4), crlf: fc.boolean(), docStart: fc.boolean(), epicsAfter: fc.boolean(), itemsComment: fc.boolean() });
  type Lay = typeof layout extends fc.Arbitrary<infer T> ? T : never;

  function render(items: It[], l: Lay): string {
    const sp = (n: number): string => ' '.repeat(n);
    const I = l.indent;
    const out: string[] = [];
    if (l.docStart) out.push('---');
    out.push('# generated', 'version: 1', `items:${l.itemsComment ? ' # ranked' : ''}`);
    for (const it of items) {
      const id = `${it.quote}T-${it.n}${it.quote}`;
      const fields: [string, string][] = [['title', JSON.stringify(it.title)]];
      if (it.state) fields.push(['state', it.state]);
      if (it.points !== undefined) fields.push(['points', String(it.points)]);
      if (it.style === 'flow') {
        const tags = it.tags.length > 0 ? [['tags', `[${it.tags.map((t) => JSON.stringify(t)).join(', ')}]`]] : [];
        out.push(`${sp(I)}- {id: ${id}, ${[...fields, ...tags].map(([k, v]) => `${k}: ${v}`).join(', ')}}`);
      } else {
        const lines = [`id: ${id}`, ...fields.map(([k, v]) => `${k}: ${v}`)];
        if (it.tags.length > 0) {
          if (it.tagStyle === 'flow') lines.push(`tags: [${it.tags.map((t) => JSON.stringify(t)).join(', ')}]`);
          else lines.push('tags:', ...it.tags.map((t) => `- ${JSON.stringify(t)}`));
        }
        if (it.desc) lines.push('description: |', ...it.desc.map((d) => (d === '' ? '' : `  ${d}`)));
        if (it.style === 'dash-newline') out.push(`${sp(I)}-`, ...lines.map((x) => (x === '' ? '' : `${sp(I + 2)}${x}`)));
        else out.push(`${sp(I)}- ${lines[0]}`, ...lines.slice(1).map((x) => (x === '' ? '' : `${sp(I + 2)}${x}`)));
      }
      if (it.comment !== undefined) out.push(`${sp(it.comment)}# about T-${it.n}`);
      if (it.blank) out.push('');
    }
    if (l.epicsAfter) out.push('epics:', '  - id: E-1', '    title: Epic');
    return out.join(l.crlf ? '\r\n' : '\n') + (l.crlf ? '\r\n' : '\n');
  }

  const edit = fc.record({ kind: fc.constantFrom('change', 'insert', 'delete', 'move'), at: fc.nat(), to: fc.nat(), item });

  it('property: line-scan entries equal the parser, for every version of a randomly edited file', () => {
    fc.assert(
      fc.property(layout, fc.array(item, { minLength: 1, maxLength: 14 }), fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }), (l, start, steps) => {
        const cache = new ChunkCache(counters());
        let items = start;
        let text = render(items, l);
        let v = read(text, undefined, cache);
        check(text, v);
        assert.equal(v.kind, 'chunks', `ordinary layout should be scanned:\n${text}`);
        for (const edits of steps) {
          items = [...items];
          for (const e of edits) {
            const at = e.at % (items.length + 1);
            if (e.kind === 'insert' || items.length === 0) items.splice(at, 0, e.item);
            else if (e.kind === 'delete') items.splice(at % items.length, 1);
            else if (e.kind === 'change') items[at % items.length] = { ...e.item, n: items[at % items.length].n };
            else items.splice(e.to % items.length, 0, ...items.splice(at % items.length, 1));
          }
          text = render(items, l);
          v = read(text, v, cache);
          check(text, v);
        }
      }),
      { numRuns: 400 },
    );
  });
});
