// Themes for the chart builders. The webview builds a ChartTheme from the
// computed --vscode-* variables (so light, dark and high-contrast follow the
// editor); the report uses LIGHT_THEME. Builders read colours and the font only
// from here.

import type { ChartTheme } from './types';

export const LIGHT_THEME: ChartTheme = {
  foreground: '#1f2328',
  muted: '#59636e',
  background: '#ffffff',
  grid: '#d1d9e0',
  shade: 'rgba(110, 119, 129, 0.12)',
  // Single quotes: ECharts writes the family into an SVG style attribute.
  fontFamily: "-apple-system, 'Segoe UI', 'Helvetica Neue', Arial, sans-serif",
  fontSize: 12,
  palette: ['#0969da', '#1a7f37', '#bc4c00', '#8250df', '#cf222e', '#4d2d00', '#1b7c83'],
  category: { todo: '#6e7781', doing: '#0969da', done: '#1a7f37' },
  percentiles: ['#1a7f37', '#bc4c00', '#cf222e'],
  warning: '#9a6700',
};

/** Theme keys → the --vscode-* variable the webview reads for them (first one set wins). */
export const VSCODE_THEME_VARIABLES: Record<'foreground' | 'muted' | 'background' | 'grid', string[]> = {
  foreground: ['--vscode-foreground'],
  muted: ['--vscode-descriptionForeground'],
  background: ['--vscode-editor-background'],
  grid: ['--vscode-editorWidget-border', '--vscode-panel-border'],
};

/** A theme from a lookup of CSS variables (`getComputedStyle(body).getPropertyValue`); missing ones keep `base`. */
export function themeFromCssVariables(get: (name: string) => string, base: ChartTheme = LIGHT_THEME): ChartTheme {
  const pick = (names: string[], fallback: string): string => names.map((n) => get(n).trim()).find((v) => v !== '') ?? fallback;
  const v = (name: string, fallback: string): string => pick([name], fallback);
  return {
    ...base,
    foreground: pick(VSCODE_THEME_VARIABLES.foreground, base.foreground),
    muted: pick(VSCODE_THEME_VARIABLES.muted, base.muted),
    background: pick(VSCODE_THEME_VARIABLES.background, base.background),
    grid: pick(VSCODE_THEME_VARIABLES.grid, base.grid),
    fontFamily: v('--vscode-font-family', base.fontFamily),
    fontSize: Number.parseFloat(v('--vscode-font-size', String(base.fontSize))) || base.fontSize,
    palette: [
      v('--vscode-charts-blue', base.palette[0]),
      v('--vscode-charts-green', base.palette[1]),
      v('--vscode-charts-orange', base.palette[2]),
      v('--vscode-charts-purple', base.palette[3]),
      v('--vscode-charts-red', base.palette[4]),
      v('--vscode-charts-yellow', base.palette[5]),
      ...base.palette.slice(6),
    ],
    category: {
      todo: v('--vscode-charts-foreground', base.category.todo),
      doing: v('--vscode-charts-blue', base.category.doing),
      done: v('--vscode-charts-green', base.category.done),
    },
    percentiles: [v('--vscode-charts-green', base.percentiles[0]), v('--vscode-charts-orange', base.percentiles[1]), v('--vscode-charts-red', base.percentiles[2])],
    warning: v('--vscode-editorWarning-foreground', base.warning),
  };
}
