// History results are cached per commit (memory and <git-dir>/sprintlog-cache):
// a new commit costs only itself, a damaged cache is never trusted, and the
// incremental result is the cold result.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { type History, type HistoryOptions } from '../../src/core/history';
import { TestHistory } from './helpers/history';
import { backlogYaml, day, GitRepo, ms } from './helpers/gitrepo';

const hist = new TestHistory();

const MAIN = 'backlog/backlog.yaml';
const AS_OF = ms(day(400));

function cacheFiles(repo: GitRepo): string[] {
  const dir = path.join(repo.dir, '.git', 'sprintlog-cache');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort().map((f) => path.join(dir, f)) : [];
}

/** The commit-rows file and the tip file of the repository's only cache. */
function cacheParts(repo: GitRepo): { rows: string; tip: string } {
  const files = cacheFiles(repo);
  assert.equal(files.length, 2, files.join(', '));
  return { rows: files.find((f) => f.endsWith('.jsonl'))!, tip: files.find((f) => f.endsWith('.tip.json'))! };
}

const lineCount = (file: string): number => fs.readFileSync(file, 'utf8').split('\n').length - 1;

async function cold(repo: GitRepo, opts: HistoryOptions = {}): Promise<History> {
  hist.forget();
  const h = await hist.read(repo.dir, { asOf: AS_OF, cacheDir: false, ...opts });
  assert.equal(hist.stats?.source, 'cold');
  return h;
}

function items(n: number, changed: Record<number, Record<string, unknown>> = {}): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({ id: `A-${i}`, title: `Item ${i}`, state: 'todo', points: i % 5, ...changed[i] }));
}

describe('history: cache', function () {
  this.timeout(120_000);
  let repo: GitRepo;
  beforeEach(() => {
    repo = GitRepo.create();
    hist.forget();
  });
  afterEach(() => repo.cleanup());

  it('a new commit on top: only that commit is analysed, from memory or from disk, with the cold result', async () => {
    repo.write(MAIN, backlogYaml(items(40)));
    repo.commit('c0', { at: day(0) });
    for (let k = 1; k <= 5; k++) {
      repo.write(MAIN, backlogYaml(items(40, { [k * 3]: { state: 'done' } })));
      repo.commit(`c${k}`, { at: day(k) });
    }
    const first = await hist.read(repo.dir, { asOf: AS_OF });
    assert.equal(hist.stats?.source, 'cold');
    assert.equal(hist.stats?.commitsAnalysed, 6);
    const { rows } = cacheParts(repo);
    assert.equal(lineCount(rows), 1 + 6, 'a meta line and one line per commit');

    const again = await hist.read(repo.dir, { asOf: AS_OF });
    assert.deepEqual(again, first);
    assert.equal(hist.stats?.commitsAnalysed, 0);

    repo.write(MAIN, backlogYaml(items(40, { 7: { state: 'in-progress', points: 8 } })));
    repo.commit('c6', { at: day(6) });
    const inMemory = await hist.read(repo.dir, { asOf: AS_OF });
    assert.equal(hist.stats?.source, 'memory');
    assert.equal(hist.stats?.commitsAnalysed, 1);
    assert.equal(hist.stats?.commitsListed, 1);
    // A-7's new text is the only chunk never seen (A-15 went back to a text parsed for c0).
    assert.equal(hist.stats?.chunksParsed, 1, 'the chunk that changed, nothing else');
    assert.equal(lineCount(rows), 1 + 7, 'the new commit is appended');
    assert.deepEqual(inMemory, await cold(repo));

    repo.write(MAIN, backlogYaml(items(41, { 7: { state: 'done', points: 8 } })));
    repo.commit('c7', { at: day(7) });
    hist.forget();
    const fromDisk = await hist.read(repo.dir, { asOf: AS_OF });
    assert.equal(hist.stats?.source, 'disk');
    assert.equal(hist.stats?.commitsAnalysed, 1);
    assert.equal(hist.stats?.fullParses, 0);
    assert.deepEqual(fromDisk, await cold(repo));

    // Another process rewrote the file meanwhile: it is rewritten whole, not appended to.
    fs.appendFileSync(rows, '');
    const lines = fs.readFileSync(rows, 'utf8').split('\n');
    fs.writeFileSync(rows, [lines[0], ...lines.slice(1, -1).reverse(), ''].join('\n'));
    repo.write(MAIN, backlogYaml(items(41, { 7: { state: 'done', points: 13 } })));
    repo.commit('c8', { at: day(8) });
    await hist.read(repo.dir, { asOf: AS_OF });
    assert.equal(lineCount(rows), 1 + 9);
    hist.forget();
    assert.deepEqual(await hist.read(repo.dir, { asOf: AS_OF }), await cold(repo));
  });

  it('new commits read as commit objects give what git log gives (subject paragraph, times, merges)', async () => {
    repo.write(MAIN, backlogYaml(items(3)));
    repo.commit('c0', { at: day(0) });
    await hist.read(repo.dir, { asOf: AS_OF });
    repo.branch('side');
    repo.write(MAIN, backlogYaml(items(3, { 2: { state: 'done' } })));
    repo.commit('Side: finish A-2\nwith a second subject line  \n\nBody text.', { at: day(1, 8), committedAt: day(3) });
    repo.checkout('main');
    repo.write(MAIN, backlogYaml(items(3, { 0: { points: 40 } })));
    repo.commit('\n\nMain: estimate', { at: day(2), author: 'Ünïcode Äuthor' });
    repo.merge('side', { at: day(4), message: 'Merge side' });
    const inc = await hist.read(repo.dir, { asOf: AS_OF });
    assert.equal(hist.stats?.commitsListed, 3, 'the side commit, the main commit and the merge');
    assert.deepEqual(inc, await cold(repo));
    assert.deepEqual(inc.commits.map((c) => [c.subject, c.author]), [
      ['c0', 'Test Author'], ['Side: finish A-2 with a second subject line', 'Test Author'], ['Main: estimate', 'Ünïcode Äuthor'], ['Merge side', 'Test Author'],
    ]);
  });

  it('results share frozen event objects; their arrays belong to the caller', async () => {
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', tags: ['x'] }]));
    repo.commit('c0', { at: day(0) });
    const a = await hist.read(repo.dir, { asOf: AS_OF });
    const b = await hist.read(repo.dir, { asOf: AS_OF });
    assert.notEqual(a.events, b.events);
    a.events.reverse();
    assert.deepEqual(b.events.map((e) => e.field), ['@exists', 'tags', 'title']);
    const tags = b.events.find((e) => e.field === 'tags')!;
    assert.throws(() => (tags.value as string[]).push('y'), TypeError);
    assert.throws(() => Object.assign(tags, { time: 0 }), TypeError);
  });

  for (const [name, [part, damage]] of Object.entries<['rows' | 'tip', (text: string) => string]>({
    'truncated rows': ['rows', (t) => t.slice(0, t.length / 2)],
    'rows not JSON at all': ['rows', () => '\u0000\u0001garbage\n'],
    'another format version': ['rows', (t) => t.replace(/"version":\d+/, '"version":999')],
    'a wrong shape (an item id that is not a string)': ['rows', (t) => t.replace('"A-1"', '1')],
    'a commit missing from a tip\'s ancestry': ['rows', (t) => {
      const lines = t.split('\n');
      return [...lines.slice(0, -2), ''].join('\n');
    }],
    'an empty tip file': ['tip', () => ''],
    'wrong chunk offsets of the stored tip version': ['tip', (t) => {
      const lines = t.split('\n');
      const versions = JSON.parse(lines[1]);
      versions[0][3] = versions[0][3].map((s: number, i: number) => (i === 0 ? s : s + 1));
      lines[1] = JSON.stringify(versions);
      return lines.join('\n');
    }],
    'a row numbering names from a stale count (two processes appending at once)': ['rows', (t) => {
      const lines = t.split('\n');
      const row = JSON.parse(lines[lines.length - 2]);
      row[10] += 1;
      lines[lines.length - 2] = JSON.stringify(row);
      return lines.join('\n');
    }],
  })) {
    it(`a corrupt cache is ignored and rebuilt: ${name}`, async () => {
      repo.write(MAIN, backlogYaml(items(6)));
      repo.commit('c0', { at: day(0) });
      repo.write(MAIN, backlogYaml(items(6, { 1: { state: 'done' } })));
      repo.commit('c1', { at: day(1) });
      await hist.read(repo.dir, { asOf: AS_OF });
      const file = cacheParts(repo)[part];
      const damaged = damage(fs.readFileSync(file, 'utf8'));
      assert.notEqual(damaged, fs.readFileSync(file, 'utf8'), 'the damage applies');
      fs.writeFileSync(file, damaged);
      repo.write(MAIN, backlogYaml(items(6, { 1: { state: 'done' }, 2: { state: 'review', title: 'Changed' } })));
      repo.commit('c2', { at: day(2) });
      hist.forget();
      const h = await hist.read(repo.dir, { asOf: AS_OF });
      // The stored versions have a checksum of their own: damaged, they alone are dropped (the rows are used, the layout is not).
      assert.equal(hist.stats?.source, name.startsWith('wrong chunk offsets') ? 'disk' : 'cold', 'the damaged cache was not used');
      assert.deepEqual(h, await cold(repo));
      const { rows } = cacheParts(repo);
      assert.equal(JSON.parse(fs.readFileSync(rows, 'utf8').split('\n')[0]).format, 'sprintlog-history');
      assert.equal(lineCount(rows), 1 + 3, 'a valid cache holding the 3 commits was written');
    });
  }

  it('cancellation: an aborted signal rejects with AbortError; progress is reported', async () => {
    repo.write(MAIN, backlogYaml(items(5)));
    repo.commit('c0', { at: day(0) });
    for (let k = 1; k < 30; k++) {
      repo.write(MAIN, backlogYaml(items(5, { [k % 5]: { points: 100 + k } })));
      repo.commit(`c${k}`, { at: day(k) });
    }
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(hist.read(repo.dir, { signal: ac.signal, cacheDir: false }), { name: 'AbortError' });
    const mid = new AbortController();
    const seen: [number, number][] = [];
    await assert.rejects(hist.read(repo.dir, {
      signal: mid.signal, cacheDir: false, onProgress: (done, total) => {
        seen.push([done, total]);
        if (done === 0) mid.abort();
      },
    }), { name: 'AbortError' });
    assert.deepEqual(seen, [[0, 30]]);
    const progress: [number, number][] = [];
    const h = await hist.read(repo.dir, { asOf: AS_OF, cacheDir: false, onProgress: (d, t) => progress.push([d, t]) });
    assert.equal(h.commits.length, 30);
    assert.equal(hist.stats?.source, 'memory', 'continues from what the cancelled call had done');
    assert.deepEqual(h, await cold(repo));
    assert.deepEqual(progress[progress.length - 1], [30, 30]);
    assert.ok(progress.every(([d, t], i) => t === 30 && (i === 0 || d >= progress[i - 1][0])));
  });

  // Random histories (edits, additions, removals, archive moves, branches,
  // merges with conflicts resolved by hand, a rename of the main file), read
  // after every commit, must end with the same result as one cold read.
  const op = fc.oneof(
    fc.record({ kind: fc.constant('edit' as const), n: fc.nat(7), field: fc.constantFrom('state', 'points', 'title'), v: fc.nat(3) }),
    fc.record({ kind: fc.constant('add' as const), n: fc.nat(7) }),
    fc.record({ kind: fc.constant('remove' as const), n: fc.nat(7) }),
    fc.record({ kind: fc.constant('archive' as const), n: fc.nat(7) }),
    fc.record({ kind: fc.constant('branch' as const) }),
    fc.record({ kind: fc.constant('merge' as const), pick: fc.constantFrom('ours', 'theirs', 'third') }),
    fc.record({ kind: fc.constant('rename' as const) }),
  );
  const STATES = ['todo', 'in-progress', 'review', 'done'];

  it('property: reading after every commit ends with the result of one cold read', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 3, maxLength: 12 }), fc.array(fc.integer({ min: -2, max: 30 }), { minLength: 12, maxLength: 12 }), async (ops, hours) => {
        const r = GitRepo.create();
        hist.forget();
        try {
          let main = 'plan/backlog.yaml';
          const ARCHIVE = 'plan/archive/done.yaml';
          const file = (p: string): Record<string, unknown>[] => (r.exists(p) ? ((parse(r.read(p)) as { items?: Record<string, unknown>[] }).items ?? []) : []);
          const save = (p: string, list: Record<string, unknown>[]): void => r.write(p, backlogYaml(list));
          save(main, [0, 1, 2].map((n) => ({ id: `I-${n}`, title: `T${n}`, state: 'todo' })));
          r.commit('root', { at: day(0) });
          let branch = false;
          for (const [k, o] of ops.entries()) {
            const at = day(1 + k, 12, 0);
            const when = { at: new Date(ms(at) + hours[k] * 3_600_000), committedAt: day(1 + k, 23), allowEmpty: true };
            const items = file(main);
            const idx = items.findIndex((i) => i.id === `I-${'n' in o ? o.n : 0}`);
            if (o.kind === 'edit' && idx >= 0) {
              items[idx] = { ...items[idx], [o.field]: o.field === 'state' ? STATES[o.v] : o.field === 'points' ? o.v : `T${o.v}` };
              save(main, items);
            } else if (o.kind === 'add' && idx < 0 && !file(ARCHIVE.replace('plan', main.split('/')[0])).some((i) => i.id === `I-${o.n}`)) {
              save(main, [...items, { id: `I-${o.n}`, title: 'new' }]);
            } else if (o.kind === 'remove' && idx >= 0) {
              save(main, items.filter((_, i) => i !== idx));
            } else if (o.kind === 'archive' && idx >= 0) {
              const arch = path.posix.join(path.posix.dirname(main), 'archive', 'done.yaml');
              save(arch, [...file(arch), items[idx]]);
              save(main, items.filter((_, i) => i !== idx));
            } else if (o.kind === 'branch' && !branch) {
              r.branch('side');
              branch = true;
              continue;
            } else if (o.kind === 'merge' && branch) {
              r.checkout('main');
              const res = r.merge('side', { ...when, message: `merge ${k}` });
              branch = false;
              r.git('branch', '-D', 'side');
              if (res.conflict) {
                const ours = r.git('show', `HEAD:${main}`);
                const theirs = r.git('show', `MERGE_HEAD:${main}`);
                const resolved = (parse(o.pick === 'theirs' ? theirs : ours) as { items: Record<string, unknown>[] }).items;
                if (o.pick === 'third' && resolved.length > 0) resolved[0] = { ...resolved[0], state: 'review', points: 13 };
                for (const f of fs.readdirSync(path.join(r.dir, path.dirname(main)), { recursive: true }) as string[]) {
                  const p = path.posix.join(path.posix.dirname(main), f);
                  if (/\.yaml$/.test(p) && p !== main && /^(<{7}|={7}|>{7})/m.test(r.read(p))) r.write(p, r.git('show', `HEAD:${p}`));
                }
                save(main, resolved);
                r.commit(`resolve ${k}`, when);
              }
              if (r.git('rev-parse', '--abbrev-ref', 'HEAD').trim() !== 'main') r.checkout('main');
              await hist.read(r.dir, { asOf: AS_OF });
              continue;
            } else if (o.kind === 'rename' && !branch && main === 'plan/backlog.yaml') {
              r.rename('plan', 'backlog');
              main = MAIN;
            } else {
              continue;
            }
            r.commit(`op ${k} ${o.kind}`, when);
            if (k % 3 === 2) hist.forget(); // next read starts from the disk cache
            await hist.read(r.dir, { asOf: AS_OF });
          }
          if (branch) r.checkout('main');
          if (main !== MAIN) {
            r.rename('plan', 'backlog');
            r.commit('rename at last', { at: day(30) });
          }
          const incremental = await hist.read(r.dir, { asOf: AS_OF });
          hist.forget();
          const once = await hist.read(r.dir, { asOf: AS_OF, cacheDir: false });
          assert.equal(once.status, 'full');
          assert.deepEqual(incremental, once);
        } finally {
          r.cleanup();
        }
      }),
      { numRuns: 12 },
    );
  });
});
