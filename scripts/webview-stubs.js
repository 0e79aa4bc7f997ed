// ECharts modules the dashboard webview never runs, replaced by small stubs in its
// bundle only (esbuild.js; the CLI's server-side SVG keeps the real ones). echarts/core
// imports them unconditionally, so tree shaking cannot drop them. Each stub says why
// it is dead; the ones that could be reached by a future option throw a message
// naming the option, so test/webview fails loudly instead of drawing wrong.
const path = require('node:path');

const unreachable = (what) => `throw new Error(${JSON.stringify(`${what} is not in the webview bundle (scripts/webview-stubs.js)`)});`;

/** Module path (from node_modules) → stub source. */
const STUBS = {
  // Every tooltip is renderMode 'richText' (core/charts/common.ts baseOption): the HTML tooltip never exists.
  'echarts/lib/component/tooltip/TooltipHTMLContent.js': `export default function TooltipHTMLContent() { ${unreachable("An HTML tooltip (renderMode 'html')")} }`,
  // Decal patterns (option `decal`, `aria.decal`) are not used; this also keeps zrender's canvas brush out.
  'echarts/lib/util/decal.js': `export function createOrUpdatePatternFromDecal() { ${unreachable('A decal pattern')} }`,
  // Scatter series keep `large: false` (ECharts' default; no builder sets it): the large-data drawer never runs.
  'echarts/lib/chart/helper/LargeSymbolDraw.js': `export default function LargeSymbolDraw() { ${unreachable('A scatter series with large: true')} }`,
  // CSS keyframes are only written for animated SVG; the webview draws with animation: false.
  'zrender/lib/svg/cssAnimation.js': 'export const EASING_MAP = {}; export const ANIMATE_STYLE_MAP = {}; export function createCSSAnimation() {}',
  // Registered by echarts/core at load; the webview never asks for the 'dark' theme (colours come from VS Code).
  'echarts/lib/theme/dark.js': 'export default {};',
  // showLoading() is never called (the panel has its own progress bar).
  'echarts/lib/loading/default.js': `export default function defaultLoading() { ${unreachable('showLoading()')} }`,
  // The charts' texts are English (the dashboard's own words); ECharts' Chinese strings are never shown:
  // charts.ts inits with locale 'EN', as the CLI's report does in Node.
  'echarts/lib/i18n/langZH.js': "export { default } from './langEN.js';",
  // No axis is type 'log' (core/charts: value, category and time axes only).
  'echarts/lib/scale/Log.js': `export default function LogScale() { ${unreachable("An axis of type 'log'")} }`,
  // Incremental (progressive) drawing serves large and custom series; neither is in the bundle.
  'zrender/lib/graphic/IncrementalDisplayable.js': `export default function IncrementalDisplayable() { ${unreachable('Progressive drawing (large or custom series)')} }`,
  // No series sets `sampling` (the builders' series are sprint days, weeks and items: never thousands of
  // points); line series default it to 'none', which samples nothing.
  'echarts/lib/processor/dataSample.js': `export default function dataSample(seriesType) {
    return { seriesType, reset(seriesModel) { const s = seriesModel.get('sampling'); if (s && s !== 'none') { ${unreachable("A series with 'sampling'")} } } };
  }`,
  // The legacy 'pieselectchanged'/'mapselectchanged' events: the bundle has no pie or map, and the page listens to 'click' only.
  'echarts/lib/legacy/dataSelectAction.js': 'export function createLegacyDataSelectAction() {} export function handleLegacySelectEvents() {}',
  // Sector and sausage shapes and their labels are polar bars (and pies, gauges): every bar here is on a grid.
  'echarts/lib/label/sectorLabel.js': `export function createSectorCalculateTextPosition() { ${unreachable('A bar on a polar axis')} } export function setSectorTextRotation() { ${unreachable('A bar on a polar axis')} }`,
  'echarts/lib/util/shape/sausage.js': `export default function SausagePath() { ${unreachable('A round-capped polar bar')} }`,
  'zrender/lib/graphic/helper/roundSector.js': `export function buildPath() { ${unreachable('A sector shape (polar bar)')} }`,
  // Dragging elements with the mouse: no element is draggable (that is legend scrolling, dataZoom, graphic);
  // zrender's handler always makes one, so this stub does nothing rather than throw.
  'zrender/lib/mixin/Draggable.js': 'export default function Draggable() {}',
};

const FILTER = new RegExp(`node_modules[\\\\/](${Object.keys(STUBS).map((k) => k.replace(/[.]/g, '\\.').replace(/\//g, '[\\\\/]')).join('|')})$`);

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

/** The esbuild plugin: resolves as usual, then swaps in the stub's source (or squeezed styles). */
const webviewStubs = {
  name: 'webview-stubs',
  setup(build) {
    build.onLoad({ filter: /@vscode-elements[\\/]elements[\\/]dist[\\/].*\.js$/ }, async (args) => {
      const source = await require('node:fs/promises').readFile(args.path, 'utf8');
      return source.includes('css`') || /\bcss\s+`/.test(source) ? { contents: squeezeCss(source), loader: 'js', resolveDir: path.dirname(args.path) } : undefined;
    });
    build.onLoad({ filter: FILTER }, (args) => {
      const key = Object.keys(STUBS).find((k) => args.path.split(path.sep).join('/').endsWith(`node_modules/${k}`));
      return { contents: STUBS[key], loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

module.exports = { webviewStubs, STUBS, squeezeCss };
