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
 * Issue 10's goal is ≤ 600 KB; ECharts core + zrender alone are ~580 KB of it, so the
 * goal is not met. This ceiling keeps what was cut cut (the bundle was 758,667 bytes). The PMO
 * tabs (issue 11: health, KPIs, dependencies, portfolio; DOM and SVG code, no chart type) add ~12 KB.
 */
const CEILING = 722 * 1024;

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

  it('is built for production (no process.env left, no ECharts dev checks)', () => {
    assert.equal(webviewOptions.minify, true);
    assert.doesNotMatch(Buffer.from(js).toString('utf8'), /process\.env/);
  });
});
