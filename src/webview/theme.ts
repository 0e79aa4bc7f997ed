// The chart theme from VS Code's --vscode-* variables (set on <html> by VS Code),
// re-read when the theme changes: VS Code swaps the body's class
// (vscode-light / vscode-dark / vscode-high-contrast[-light]) and the variables.
import { themeFromCssVariables } from '../core/charts/theme';
import type { ChartTheme } from '../core/charts/types';

/** What the theme is read from: the body's class and the variables VS Code sets on <html>, as text. */
const themeKey = (): string => `${document.body.className}|${document.documentElement.getAttribute('style') ?? ''}`;

/** The theme last read and what it was read from (the body's class and the root's inline style). */
let cached: { key: string; theme: ChartTheme } | undefined;

/**
 * The theme, read again only when VS Code changed the variables or the class: reading computed
 * styles after the page changed recalculates every style, and a render asks more than once.
 * Attributes are read as text, which needs no style recalculation.
 */
export function currentTheme(): ChartTheme {
  const key = themeKey();
  if (cached?.key !== key) cached = { key, theme: readTheme() };
  return cached.theme;
}

function readTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const theme = themeFromCssVariables((name) => style.getPropertyValue(name));
  // High contrast: lines and text in the contrast colours, grid lines visible.
  if (document.body.classList.contains('vscode-high-contrast')) {
    const border = style.getPropertyValue('--vscode-contrastBorder').trim();
    return { ...theme, muted: theme.foreground, grid: border || theme.grid };
  }
  return theme;
}

/**
 * Calls `changed` when VS Code changes the theme: the body's class (light, dark, high contrast)
 * or only the variables on <html> (from one dark theme to another, the class stays).
 */
export function onThemeChange(changed: () => void): void {
  let last = themeKey();
  const observer = new MutationObserver(() => {
    const key = themeKey();
    if (key === last) return;
    last = key;
    changed();
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
}
