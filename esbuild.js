// Bundles the three entries: the extension (node, cjs, vscode external),
// the dashboard webview (browser) and the `sprintlog` CLI (node).
const esbuild = require('esbuild');
const { webviewCss } = require('./scripts/webview-css.js');

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'info' };
// The dashboard webview: always minified (its size is a goal: ≤ 600 KB; test/unit/webview-bundle.test.ts
// builds it with these options); the source map stays out of the VSIX (.vscodeignore). Dependencies'
// dev-only branches test process.env.NODE_ENV (esbuild defines it for a minified browser build; said here, not left
// implicit); the licence comments go to webview.js.LEGAL.txt, shipped next to it. The bundle is ASCII
// (non-ASCII characters as \u escapes): one character outside ASCII made Chromium decode all of it
// as UTF-8 and V8 hold and scan it as a two-byte string. It holds no chart library: the extension
// host draws the charts to SVG (src/core/charts/frames.ts) with ECharts from dist/echarts.js.
const webviewOptions = {
  bundle: true, minify: true, treeShaking: true, entryPoints: ['src/webview/main.ts'], platform: 'browser', format: 'iife', target: 'es2022',
  define: { 'process.env.NODE_ENV': '"production"' }, legalComments: 'external', charset: 'ascii', plugins: [webviewCss],
};
const webview = { ...common, ...webviewOptions, outfile: 'media/dist/webview.js' };
// ECharts in its own file (dist/echarts.js), required by the extension and the CLI when a chart is
// first drawn (src/core/charts/load.ts): inside them, its ~650 KB were compiled at every activation
// and every CLI command (+15–30 ms to compile the extension bundle).
const echartsApart = {
  name: 'echarts-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/echarts$/ }, (args) => (args.importer.replace(/\\/g, '/').endsWith('src/core/charts/load.ts') ? { path: './echarts.js', external: true } : undefined));
  },
};
const node = { platform: 'node', format: 'cjs', target: 'node20' };
const entries = [
  { ...common, ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [echartsApart] },
  { ...common, ...node, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [echartsApart] },
  { ...common, ...node, entryPoints: ['src/core/charts/echarts.ts'], outfile: 'dist/echarts.js' },
  webview,
  { ...common, minify: true, sourcemap: false, entryPoints: ['media/dashboard.css'], outfile: 'media/dist/dashboard.css' },
];

async function main() {
  if (watch) {
    for (const options of entries) await (await esbuild.context(options)).watch();
    return;
  }
  await Promise.all(entries.map((options) => esbuild.build(options)));
}

module.exports = { webviewOptions };

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
