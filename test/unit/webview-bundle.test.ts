// The dashboard webview bundle, built with esbuild.js's own webview options: how big
// it is and what it holds. The browser draws charts; it parses no YAML, so neither
// the `yaml` package nor core/parse may reach it (the forecast histograms once pulled
// both in through metrics/forecast.ts).
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BuildOptions, Metafile } from 'esbuild';

const esbuild: typeof import('esbuild') = require('esbuild');
const { webviewOptions }: { webviewOptions: BuildOptions } = require('../../esbuild.js');

/**
 * Issue 10's goal is ≤ 600 KB. Reached so far: 661,504 bytes (646.0 KiB), from 721,332: only
 * `init` leaves core/charts/echarts.ts, ECharts modules the webview never runs are stubbed
 * (scripts/webview-stubs.js: 15 of them, −11.7 KB for the last 8), vscode-elements' CSS is squeezed,
 * the legends are drawn by the page (src/webview/legend.ts: ECharts' legend component is out, −9 KB).
 * What remains is ECharts + zrender (~535 KB: echarts/core alone is the model, scheduler, data
 * store, axis/label layout and the SVG painter every chart needs) and @vscode-elements + lit (~100 KB,
 * half of it the single-select). The PMO tabs (issue 11: health, KPIs, dependencies, portfolio; DOM
 * and SVG code, no chart type) add ~12 KB. Measured ways to the goal, not taken yet: markLine/markArea
 * drawn as plain series (−23 KB; changes the builders the CLI's SVG shares), esbuild's
 * mangleProps on `_` names (−31 KB; lit's decorated `_` fields are named by strings, so it needs a
 * reserved list). This ceiling keeps what was cut cut.
 */
const CEILING = 647 * 1024;

describe('webview bundle', function () {
  this.timeout(120000);
  let js: Uint8Array;
  let inputs: string[];

  before(async () => {
    const root = path.join(__dirname, '..', '..');
    const r = await esbuild.build({ ...webviewOptions, absWorkingDir: root, outfile: path.join(os.tmpdir(), 'sprintlog-webview-test.js'), write: false, metafile: true, logLevel: 'silent' });
    const out = r.outputFiles.find((f) => f.path.endsWith('.js'));
    assert.ok(out, 'no .js output');
    js = out.contents;
    const meta: Metafile = r.metafile;
    const output = Object.values(meta.outputs).find((o) => o.entryPoint !== undefined);
    assert.ok(output, 'no entry output in the metafile');
    inputs = Object.keys(output.inputs);
  });

  it(`stays under the ceiling (${CEILING} bytes, minified)`, () => {
    assert.ok(js.length <= CEILING, `webview.js is ${js.length} bytes`);
  });

  it('holds no module of the yaml package and no YAML parsing code', () => {
    assert.ok(inputs.some((p) => /node_modules\/echarts\//.test(p)), 'the metafile lists no ECharts module: inputs not read right');
    assert.deepEqual(inputs.filter((p) => /node_modules\/yaml\//.test(p)), []);
    assert.deepEqual(inputs.filter((p) => p.startsWith('src/core/parse/')), []);
  });

  it('stubs the ECharts modules the webview never runs (scripts/webview-stubs.js)', () => {
    const text = Buffer.from(js).toString('utf8');
    // Each stub throws a message naming itself if a builder ever reaches it.
    assert.match(text, /An HTML tooltip \(renderMode 'html'\) is not in the webview bundle/);
    assert.match(text, /A decal pattern is not in the webview bundle/);
    assert.match(text, /An axis of type 'log' is not in the webview bundle/);
    assert.match(text, /A sector shape \(polar bar\) is not in the webview bundle/);
    assert.deepEqual(inputs.filter((p) => /echarts\/lib\/component\/legend\//.test(p)), [], 'the page draws the legends (src/webview/legend.ts)');
    assert.deepEqual(inputs.filter((p) => /zrender\/lib\/canvas\/(graphic|Painter)\.js$/.test(p)), [], 'the canvas brush comes only through decal patterns');
  });

  it('is ASCII only (one other character makes V8 keep and scan the whole script as two-byte text)', () => {
    const at = js.findIndex((b) => b > 0x7f);
    assert.equal(at, -1, `byte ${at}: ${Buffer.from(js.subarray(Math.max(0, at - 40), at + 10)).toString('utf8')}`);
  });

  it('is built for production (no process.env left, no ECharts dev checks)', () => {
    assert.equal(webviewOptions.minify, true);
    assert.doesNotMatch(Buffer.from(js).toString('utf8'), /process\.env/);
  });
});
