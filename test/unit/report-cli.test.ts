// `sprintlog report` through the CLI main() on a real git repository with a
// known history (helpers/charts-repo.ts): well-formed SVG, table figures equal
// to `metrics --json`, same bytes twice, the XSS title only escaped.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import type { MetricsReport } from '../../src/core/metrics';
import { AS_OF, chartsRepo, XSS_TITLE } from './helpers/charts-repo';
import type { GitRepo } from './helpers/gitrepo';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd: '/', out: (t) => (out += t), err: (t) => (err += t), env: {} });
  return { code, out, err };
}

/**
 * A small XML well-formedness check: tags nest and close, attributes are quoted
 * with no raw `<`, text holds no raw `<` and only known or numeric entities.
 */
export function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  const entity = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi;
  let pos = 0;
  const token = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
  while (pos < xml.length) {
    const lt = xml.indexOf('<', pos);
    const text = xml.slice(pos, lt === -1 ? xml.length : lt);
    assert.equal(text.replace(entity, '').includes('&'), false, `raw & in text near ${pos}: ${text.slice(0, 60)}`);
    if (lt === -1) break;
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt);
      assert.ok(end > 0, 'CDATA closed');
      pos = end + 3;
      continue;
    }
    token.lastIndex = lt;
    const m = token.exec(xml);
    assert.ok(m, `malformed tag at ${lt}: ${xml.slice(lt, lt + 80)}`);
    const [, close, name, attrs, selfClose] = m;
    assert.equal(attrs.replace(/"[^"]*"|'[^']*'/g, '').includes('&'), false);
    for (const v of attrs.match(/"[^"]*"/g) ?? []) assert.equal(v.replace(entity, '').includes('&'), false, `raw & in attribute ${v}`);
    if (close) assert.equal(stack.pop(), name, `</${name}> closes the wrong element at ${lt}`);
    else if (!selfClose) stack.push(name);
    pos = token.lastIndex;
  }
  assert.deepEqual(stack, [], 'every element closed');
}

/** The rows of the Markdown table under `### caption`, as cell texts. */
function mdTable(md: string, caption: string): string[][] {
  const start = md.indexOf(`### ${caption}\n`);
  assert.ok(start >= 0, `table ${caption}`);
  const lines = md.slice(start).split('\n').slice(2);
  const rows: string[][] = [];
  for (const line of lines.slice(2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(2, -2).split(' | '));
  }
  return rows;
}

const cell = (v: number | string | null): string => (v === null ? '–' : String(v));

describe('sprintlog report (CLI)', function () {
  this.timeout(120000);
  let repo: GitRepo;
  let scopeCommit: string;
  let doc: MetricsReport;

  before(async () => {
    ({ repo, scopeCommit } = chartsRepo());
    const m = await cli(['metrics', '--repo', repo.dir, '--as-of', AS_OF, '--json']);
    assert.equal(m.code, 0, m.err);
    doc = JSON.parse(m.out) as MetricsReport;
  });
  after(() => repo.cleanup());

  it('html: one self-contained file, well-formed inline SVG, no script, the XSS title only escaped, same bytes twice', async () => {
    const out = path.join(repo.dir, 'out', 'report.html');
    const first = await cli(['report', '--repo', repo.dir, '--as-of', AS_OF, '--out', out]);
    assert.equal(first.code, 0, first.err);
    assert.equal(first.out, out + '\n');
    const html = fs.readFileSync(out, 'utf8');
    const again = await cli(['report', '--repo', repo.dir, '--as-of', AS_OF]);
    assert.equal(again.out, html, 'same bytes on a second run');
    assert.equal(html.includes(XSS_TITLE), false);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(html.includes('Good &lt;b&gt;review&lt;/b&gt;'));
    const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
    assert.deepEqual(tags.filter((t) => /^<script|\son\w+\s*=|\s(src|href)\s*=|url\((?!#)/i.test(t)), [], 'no script, handler or external resource');
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    assert.equal(svgs.length, 11);
    for (const svg of svgs) assertWellFormedXml(svg);
    assertWellFormedXml(html.slice(html.indexOf('<html'), html.length).replace(/<meta[^>]*>/g, ''));
  });

  it('md: tables equal metrics --json, SVG files beside it well-formed, same bytes twice', async () => {
    const out = path.join(repo.dir, 'md', 'sprint.md');
    const r = await cli(['report', '--repo', repo.dir, '--as-of', AS_OF, '--format', 'md', '--out', out]);
    assert.equal(r.code, 0, r.err);
    const md = fs.readFileSync(out, 'utf8');
    const svgFiles = fs.readdirSync(path.dirname(out)).filter((f) => f.endsWith('.svg')).sort();
    assert.ok(svgFiles.includes('sprint.burndown.svg'));
    assert.equal(svgFiles.length, 11);
    for (const f of svgFiles) {
      assert.ok(md.includes(`](${f})`), `${f} linked`);
      assertWellFormedXml(fs.readFileSync(path.join(path.dirname(out), f), 'utf8'));
    }
    const sprints = mdTable(md, 'Sprints');
    assert.deepEqual(
      sprints.map((row) => [row[0], row[5], row[6], row[7], row[8]]),
      doc.sprints.map((s) => [s.id, cell(s.committed), cell(s.completed), cell(s.scopeAdded), cell(s.scopeRemoved)]),
    );
    const ct = doc.cycleTime;
    assert.ok(ct);
    assert.deepEqual(mdTable(md, 'Cycle-time percentiles (days)')[0].slice(3), [ct.count, ct.mean, ct.p50, ct.p70, ct.p85, ct.p95].map(cell));
    const changes = mdTable(md, 'Scope changes');
    const s1 = doc.sprints.find((s) => s.id === 'S1');
    assert.deepEqual(changes.map((c) => [c[0], c[1], c[3], c[4], c[5], c[6]]), (s1?.scopeChanges ?? []).map((c) => [c.time, c.id, c.kind, cell(c.points), c.commit, 'Mallory']));
    assert.equal(changes[0][5], scopeCommit);
    assert.equal(changes[0][2], '&lt;img src=x onerror=alert(1)&gt;');
    assert.deepEqual(mdTable(md, 'Warnings').map((w) => w[1]), doc.warnings.map((w) => w.code));
    const second = path.join(repo.dir, 'md2', 'sprint.md');
    await cli(['report', '--repo', repo.dir, '--as-of', AS_OF, '--format', 'md', '--out', second]);
    assert.equal(fs.readFileSync(second, 'utf8'), md);
    for (const f of svgFiles) assert.equal(fs.readFileSync(path.join(path.dirname(second), f), 'utf8'), fs.readFileSync(path.join(path.dirname(out), f), 'utf8'));
  });

  it('--as-of a ref reports as of that commit; a ref that looks like an option never reaches git', async () => {
    repo.git('tag', 'v1', scopeCommit);
    const r = await cli(['report', '--repo', repo.dir, '--as-of', 'v1', '--format', 'md', '--out', path.join(repo.dir, 'tag', 'r.md')]);
    assert.equal(r.code, 0, r.err);
    const md = fs.readFileSync(path.join(repo.dir, 'tag', 'r.md'), 'utf8');
    assert.ok(md.includes('As of 2026-03-05T09:00:00+01:00'), md.slice(0, 300));
    const bad = await cli(['report', '--repo', repo.dir, '--as-of', '--output=/tmp/x']);
    assert.equal(bad.code, 2);
    const badRef = await cli(['metrics', '--repo', repo.dir, '--ref=--output=x', '--json']);
    assert.equal(badRef.code, 2);
    assert.match(badRef.err, /cannot start with '-'/);
  });
});
