// Bundles the three entries: the extension (node, cjs, vscode external),
// the dashboard webview (browser) and the `sprintlog` CLI (node).
const esbuild = require('esbuild');

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'info' };
const entries = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } },
  // The dashboard webview: always minified (its size is a goal: ≤ 600 KB); the source map stays out of the VSIX (.vscodeignore).
  { ...common, minify: true, entryPoints: ['src/webview/main.ts'], outfile: 'media/dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022'},
  { ...common, minify: true, sourcemap: false, entryPoints: ['media/dashboard.css'], outfile: 'media/dist/dashboard.css' },
];

async function main() {
  if (watch) {
    for (const options of entries) await (await esbuild.context(options)).watch();
    return;
  }
  await Promise.all(entries.map((options) => esbuild.build(options)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
