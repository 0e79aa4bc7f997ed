// The chart theme from VS Code's --vscode-* variables (set on <html> by VS Code),
// re-read when the theme changes: VS Code swaps the body's class
// (vscode-light / vscode-dark / vscode-high-contrast[-light]) and the variables.
import { themeFromCssVariables } from '../core/charts/theme';
import type { ChartTheme } from '../core/charts/types';

export function currentTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const theme = themeFromCssVariables((name) => style.getPropertyValue(name));
  // High contrast: lines and text in the contrast colours, grid lines visible.
  if (document.body.classList.contains('vscode-high-contrast')) {
    const border = style.getPropertyValue('--vscode-contrastBorder').trim();
    return { ...theme, muted: theme.foreground, grid: border || theme.grid };
  }
  return theme;
}

/** Calls `changed` when the body's theme class changes. */
export function onThemeChange(changed: () => void): void {
  let last = document.body.className;
  new MutationObserver(() => {
    if (document.body.className === last) return;
    last = document.body.className;
    changed();
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
