// The dashboard webview bundle's one esbuild plugin (esbuild.js). The bundle holds no
// chart library (the host draws the charts: src/core/charts/frames.ts), so what is
// left to trim is the controls' styles.
const path = require('node:path');

/**
 * @vscode-elements ships its styles as lit `css` templates, indented, which esbuild
 * cannot minify (template text): runs of white space become one space, and none is
 * kept next to braces, semicolons and commas (safe in CSS; a descendant space stays).
 */
function squeezeCss(source) {
  return source.replace(/\bcss\s*`([^`]*)`/g, (_, body) => {
    const parts = body.split(/(\$\{[^}]*\})/);
    const squeezed = parts.map((p, i) => (i % 2 === 1 ? p : p.replace(/\s+/g, ' ').replace(/ ?([{};,]) ?/g, '$1'))).join('');
    return `css\`${squeezed}\``;
  });
}

/** The esbuild plugin: vscode-elements' modules with their styles squeezed. */
const webviewCss = {
  name: 'webview-css',
  setup(build) {
    build.onLoad({ filter: /@vscode-elements[\\/]elements[\\/]dist[\\/].*\.js$/ }, async (args) => {
      const source = await require('node:fs/promises').readFile(args.path, 'utf8');
      return source.includes('css`') || /\bcss\s+`/.test(source) ? { contents: squeezeCss(source), loader: 'js', resolveDir: path.dirname(args.path) } : undefined;
    });
  },
};

module.exports = { webviewCss, squeezeCss };
