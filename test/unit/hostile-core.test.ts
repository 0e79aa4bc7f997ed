// The core pieces behind the hostile-input corpus, on generated inputs: the
// UTF-8 checker against Node's own, printable() on any string, the depth
// limit on nested YAML of every style, and the alias limit.

import { strict as assert } from 'node:assert';
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { parseDocument, stringify } from 'yaml';
import { firstInvalidUtf8 } from '../../src/core/parse/encoding';
import { checkAliases, MAX_DEPTH, tooDeep } from '../../src/core/parse/yaml-limits';
import { parseBacklog } from '../../src/core/parse/backlog';
import { PARSE_OPTIONS } from '../../src/core/parse/yaml-node';
import { printable } from '../../src/core/printable';

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('hostile input: core limits and escapes', () => {
  it('firstInvalidUtf8: the prefix before it is valid UTF-8 and no longer prefix is (Node isUtf8 as the oracle)', () => {
    const bytes = fc.array(fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xff }), fc.constantFrom(0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0xed, 0xa0)), { maxLength: 40 });
    fc.assert(fc.property(bytes, (arr) => {
      const buf = Buffer.from(arr);
      const k = firstInvalidUtf8(buf);
      assert.equal(k === buf.length, isUtf8(buf));
      assert.ok(isUtf8(buf.subarray(0, k)));
      for (let j = k + 1; j <= buf.length; j++) assert.ok(!isUtf8(buf.subarray(0, j)), `prefix ${j} of ${buf.toString('hex')}`);
    }), { numRuns: 2000 });
  });

  it('printable: no unsafe character survives, safe text is unchanged', () => {
    fc.assert(fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('\u001b', '\u009b', '\u0007', '\n', '\r', '\t', '\u202e', '\u2028', '\u007f'), fc.string({ minLength: 1, maxLength: 1 }), fc.constantFrom('é', '→', '😀')) }), (s) => {
      const out = printable(s);
      assert.ok(!UNSAFE.test(out), JSON.stringify(out));
      if (!UNSAFE.test(s)) assert.equal(out, s);
    }));
    assert.equal(printable('a\u001b[31mb\nc\u009b'), 'a\\u001b[31mb\\nc\\u009b');
  });

  it(`tooDeep: nesting of every style up to ${MAX_DEPTH} levels is read, deeper is refused`, () => {
    const nest = (d: number, kind: number): unknown => {
      let v: unknown = 'leaf';
      for (let i = 0; i < d - 1; i++) v = kind === 0 ? { k: v } : kind === 1 ? [v] : i % 2 ? { k: v, j: 'x' } : [v, 'y'];
      return v;
    };
    for (const kind of [0, 1, 2]) {
      for (const collectionStyle of ['block', 'flow'] as const) {
        const at = (d: number) => tooDeep(stringify(nest(d, kind), { collectionStyle, lineWidth: 0 }));
        assert.equal(at(MAX_DEPTH), undefined, `${kind} ${collectionStyle} at ${MAX_DEPTH}`);
        assert.notEqual(at(MAX_DEPTH + 2), undefined, `${kind} ${collectionStyle} at ${MAX_DEPTH + 2}`);
      }
    }
    // Brackets and quotes inside plain, quoted and block scalars are text, not nesting.
    const text = `a: fix [[[[ ${'['.repeat(200)}\nb: "${'{'.repeat(200)}"\nc: |\n${'  x\n'.repeat(5)}${Array.from({ length: 200 }, (_, i) => ' '.repeat(2 + i) + 'y').join('\n')}\n`;
    assert.equal(parseDocument(text).errors.length, 0);
    assert.equal(tooDeep(text), undefined);
  });

  it('checkAliases: shared defaults pass at any size, a billion-laughs document does not', () => {
    const items = (n: number) => `d: &d {type: story, state: todo}\nitems:\n${'  - <<: *d\n    id: X\n'.repeat(n)}`;
    for (const n of [150, 20_000]) {
      const text = items(n);
      assert.equal(checkAliases(parseDocument(text, PARSE_OPTIONS), text), undefined, `${n} merge keys`);
    }
    let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 6; i++) bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    const found = checkAliases(parseDocument(bomb, PARSE_OPTIONS), bomb);
    assert.ok(found && 'limit' in found && found.expanded > found.limit);
  });

  // Found by the incremental re-parse's property test: one `-` typed after `<<: ` made yaml throw
  // "Merge sources must be maps or map aliases" out of the parse (yaml checks only when it converts).
  it('a merge key with a value that is not a mapping is a problem at its place, not a throw', () => {
    const head = 'version: 1\nproject: P\ndefaults: &d {state: todo}\nlist: &l [1]\nitems:\n';
    const item = (merge: string) => `${head}  - <<: ${merge}\n    id: P-1\n    title: a\n`;
    for (const bad of ['-*d', 'x', '[*d, x]', '*l', '[*l]']) {
      const r = parseBacklog(item(bad), 'backlog/backlog.yaml');
      assert.equal(r.backlog, undefined, bad);
      assert.deepEqual(r.problems.map((p) => [p.line, p.column, p.code]), [[6, 9, 'yaml-syntax']], bad);
      assert.match(r.problems[0].message, /merge key `<<` takes a mapping/);
      assert.match(r.problems[0].hint ?? '', /<<: \*defaults/);
    }
    for (const good of ['*d', '{state: done}', '[*d, {points: 1}]']) {
      const r = parseBacklog(item(good), 'backlog/backlog.yaml');
      assert.deepEqual(r.problems, [], good);
      assert.equal(r.backlog?.items[0].id, 'P-1');
    }
  });
});
