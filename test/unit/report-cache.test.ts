// What `sprintlog report` keeps between runs (src/cli/report/svg-cache.ts and the
// report's entry in the metrics document's result cache), on the real charts
// repository: a report made from the caches is the fresh one byte for byte; a stored
// SVG is used only for the same option, size, chart and build; a damaged entry or
// file is ignored and rendered again.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { renderSvgs } from '../../src/cli/report/render';
import { REPORT_INPUTS, reportContent } from '../../src/cli/report/sections';
import { chartKey, SVG_CACHE_FILE, SvgCache } from '../../src/cli/report/svg-cache';
import type { ChartSpec } from '../../src/core/charts';
import { cachedDerived } from '../../src/core/metrics-cache';
import { metricsDocument, type DocumentRequest } from '../../src/core/metrics-document';
import { AS_OF, chartsRepo } from './helpers/charts-repo';
import type { GitRepo } from './helpers/gitrepo';

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd: '/', out: (t) => (out += t), err: (t) => (err += t), env });
  return { code, out, err };
}

const sha256 = (t: string): string => crypto.createHash('sha256').update(t).digest('hex');
type StoredEntry = [string, string, string];
interface Stored {
  format: string;
  version: number;
  entries: StoredEntry[];
}

describe('report caches', function () {
  this.timeout(120000);
  let repo: GitRepo;
  let cacheDir: string;
  const clear = (): void => {
    for (const f of ['document-report.json', SVG_CACHE_FILE]) fs.rmSync(path.join(cacheDir, f), { force: true });
  };

  before(() => {
    ({ repo } = chartsRepo());
    cacheDir = path.join(repo.dir, '.git', 'sprintlog-cache');
  });
  after(() => repo.cleanup());

  it('the CLI: a report from the caches is the fresh one byte for byte (html and md, a fixed --as-of and "now" later the same day)', async () => {
    clear();
    const fresh = await cli(['report', '--repo', repo.dir, '--as-of', AS_OF]);
    assert.equal(fresh.code, 0, fresh.err);
    assert.ok(fs.existsSync(path.join(cacheDir, SVG_CACHE_FILE)), 'SVGs kept');
    assert.ok(fs.existsSync(path.join(cacheDir, 'document-report.json')), 'inputs kept');
    const cached = await cli(['report', '--repo', repo.dir, '--as-of', AS_OF]);
    assert.equal(cached.out, fresh.out);

    // The report's charts come from the cache: an entry replaced (with its hash) shows in the output.
    const stored = JSON.parse(fs.readFileSync(path.join(cacheDir, SVG_CACHE_FILE), 'utf8')) as Stored;
    assert.equal(stored.entries.length, 11);
    const marker = '<svg xmlns="http://www.w3.org/2000/svg" data-marker="from-cache"></svg>';
    const forged = { ...stored, entries: stored.entries.map(([k], i) => (i === 0 ? [k, marker, sha256(marker)] : stored.entries[i])) };
    fs.writeFileSync(path.join(cacheDir, SVG_CACHE_FILE), JSON.stringify(forged));
    assert.ok((await cli(['report', '--repo', repo.dir, '--as-of', AS_OF])).out.includes('data-marker="from-cache"'));
    clear();

    // Markdown: the SVG files and the text, fresh then cached.
    const md = async (dir: string): Promise<Map<string, string>> => {
      const r = await cli(['report', '--repo', repo.dir, '--as-of', AS_OF, '--format', 'md', '--out', path.join(repo.dir, dir, 'r.md')]);
      assert.equal(r.code, 0, r.err);
      return new Map(fs.readdirSync(path.join(repo.dir, dir)).map((f) => [f, fs.readFileSync(path.join(repo.dir, dir, f), 'utf8')]));
    };
    const freshMd = await md('md-fresh');
    assert.equal(freshMd.size, 12);
    assert.deepEqual(await md('md-cached'), freshMd);

    // No --as-of: "now" 10:00 and 16:00 of the same day (Europe/Berlin); the second is served from the first's entry.
    clear();
    const morning = await cli(['report', '--repo', repo.dir], { SPRINTLOG_NOW: '2026-03-12T10:00:00+01:00' });
    const afternoon = await cli(['report', '--repo', repo.dir], { SPRINTLOG_NOW: '2026-03-12T16:00:00+01:00' });
    clear();
    const afternoonFresh = await cli(['report', '--repo', repo.dir], { SPRINTLOG_NOW: '2026-03-12T16:00:00+01:00' });
    assert.equal(afternoon.out, afternoonFresh.out);
    assert.match(afternoon.out, /As of 2026-03-12T16:00:00\+01:00/);
    assert.notEqual(morning.out, afternoon.out);
  });

  it("the report's inputs from the result cache are the fresh ones, as JSON and as the report's content", async () => {
    clear();
    const req: DocumentRequest = { root: repo.dir, ref: 'HEAD', asOfText: AS_OF, command: 'report', now: () => Date.now(), err: () => undefined };
    const first = await cachedDerived(req, REPORT_INPUTS);
    const second = await cachedDerived(req, REPORT_INPUTS);
    assert.equal(first.cached, false);
    assert.equal(second.cached, true);
    const fresh = REPORT_INPUTS.derive(await metricsDocument(req));
    assert.equal(JSON.stringify(second.value), JSON.stringify(fresh));
    const text = (inputs: typeof fresh): string => JSON.stringify(reportContent(inputs, 'S0'), (_k, v: unknown) => (typeof v === 'function' ? String(v) : v));
    assert.equal(text(second.value), text(fresh));
  });

  describe('the SVG cache', () => {
    let specs: ChartSpec[];
    let fresh: string[];
    let dir: string;
    const file = (): string => path.join(dir, SVG_CACHE_FILE);
    const stored = (): Stored => JSON.parse(fs.readFileSync(file(), 'utf8')) as Stored;
    /** The stored entry of `key` replaced by `svg`, with the hash `sha` (default: the right one). */
    const forge = (key: string, svg: string, sha = sha256(svg)): void => {
      const s = stored();
      const i = s.entries.findIndex(([k]) => k === key);
      assert.ok(i >= 0, 'entry stored');
      s.entries[i] = [key, svg, sha];
      fs.writeFileSync(file(), JSON.stringify(s));
    };
    const render = async (list: ChartSpec[], build = 'build-1'): Promise<string[]> => {
      const cache = new SvgCache(dir);
      const svgs = await renderSvgs(list, { cache, build });
      cache.save();
      return svgs;
    };
    const FAKE = '<svg xmlns="http://www.w3.org/2000/svg"><!-- stored --></svg>';

    before(async () => {
      const req: DocumentRequest = { root: repo.dir, ref: 'HEAD', asOfText: AS_OF, command: 'report', now: () => Date.now(), err: () => undefined };
      specs = reportContent(REPORT_INPUTS.derive(await metricsDocument(req))).sections.flatMap((s) => s.charts);
      fresh = await renderSvgs(specs);
    });
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-svg-cache-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('cached = fresh byte for byte, in any order and any subset; a stored entry is what a hit returns', async () => {
      assert.deepEqual(await render(specs), fresh);
      assert.equal(stored().entries.length, specs.length);
      assert.deepEqual(await render([...specs].reverse()), [...fresh].reverse());
      assert.deepEqual(await render([specs[3], specs[1]]), [fresh[3], fresh[1]]);
      forge(chartKey(specs[0], 760, 320, 'build-1'), FAKE);
      assert.equal((await render(specs))[0], FAKE);
    });

    it('a changed option, size, chart id or build renders again', async () => {
      await render(specs);
      const key = chartKey(specs[0], 760, 320, 'build-1');
      forge(key, FAKE);
      // Another build: rendered, not the stored text.
      assert.deepEqual(await render(specs, 'build-2'), fresh);
      // Another option: a background colour.
      const changed: ChartSpec = { ...specs[0], option: { ...specs[0].option, backgroundColor: '#fefefe' } };
      assert.notEqual(chartKey(changed, 760, 320, 'build-1'), key);
      const [again] = await render([changed]);
      assert.notEqual(again, FAKE);
      assert.equal(again, (await renderSvgs([changed]))[0]);
      assert.notEqual(chartKey({ ...specs[0], id: 'other' }, 760, 320, 'build-1'), key);
      assert.notEqual(chartKey(specs[0], 761, 320, 'build-1'), key);
      // What JSON would merge keeps keys apart: a function's source, undefined against null, NaN against null.
      const withFn = (f: () => string): ChartSpec => ({ ...specs[0], option: { ...specs[0].option, tooltip: { formatter: f } } as ChartSpec['option'] });
      assert.notEqual(chartKey(withFn(() => 'a'), 760, 320, 'b'), chartKey(withFn(() => 'b'), 760, 320, 'b'));
      const withMax = (max: unknown): ChartSpec => ({ ...specs[0], option: { ...specs[0].option, yAxis: { max } } as ChartSpec['option'] });
      assert.notEqual(chartKey(withMax(undefined), 760, 320, 'b'), chartKey(withMax(null), 760, 320, 'b'));
      assert.notEqual(chartKey(withMax(NaN), 760, 320, 'b'), chartKey(withMax(null), 760, 320, 'b'));
    });

    it('a damaged entry or file is ignored and rendered again', async () => {
      await render(specs);
      const key = chartKey(specs[2], 760, 320, 'build-1');
      // The text changed under its hash (a torn or edited file).
      forge(key, FAKE, sha256(fresh[2]));
      assert.deepEqual(await render(specs), fresh);
      assert.equal(stored().entries.find(([k]) => k === key)?.[1], fresh[2], 'the entry is stored again');
      // Entries of the wrong shape are skipped, the rest are used.
      const s = stored();
      s.entries[0] = [key, 7, 'x'] as unknown as StoredEntry;
      fs.writeFileSync(file(), JSON.stringify(s));
      assert.deepEqual(await render(specs), fresh);
      // A truncated file, another format: everything is rendered, and the file is whole again.
      for (const text of [fs.readFileSync(file(), 'utf8').slice(0, 5000), JSON.stringify({ ...stored(), version: 99 }), 'null']) {
        fs.writeFileSync(file(), text);
        assert.deepEqual(await render(specs), fresh);
        assert.equal(stored().entries.length, specs.length);
      }
    });

    it('keeps this run first and at most MAX_ENTRIES', async () => {
      const many = Array.from({ length: 60 }, (_v, i): ChartSpec => ({ ...specs[4], id: `c${i}` }));
      await render(many.slice(0, 40));
      await render(many.slice(40));
      const keys = stored().entries.map(([k]) => k);
      assert.equal(keys.length, 48);
      assert.deepEqual(keys.slice(0, 20), many.slice(40).map((s) => chartKey(s, 760, 320, 'build-1')));
    });
  });
});
