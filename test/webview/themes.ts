// The --vscode-* variables VS Code sets on a webview's <html> (values of its
// built-in Light Modern, Dark Modern and Dark High Contrast themes), and the body
// class it sets with them, for rendering the dashboard outside VS Code.

export interface WebviewTheme {
  name: 'light' | 'dark' | 'high-contrast';
  bodyClass: string;
  vars: Record<string, string>;
}

const FONT = {
  '--vscode-font-family': "system-ui, -apple-system, 'Segoe UI', Ubuntu, 'Droid Sans', sans-serif",
  '--vscode-font-size': '13px',
  '--vscode-font-weight': 'normal',
  '--vscode-editor-font-family': "'Droid Sans Mono', monospace",
};

export const THEMES: WebviewTheme[] = [
  {
    name: 'light',
    bodyClass: 'vscode-light',
    vars: {
      ...FONT,
      '--vscode-foreground': '#3b3b3b', '--vscode-descriptionForeground': '#3b3b3b', '--vscode-editor-background': '#ffffff',
      '--vscode-editorWidget-background': '#f8f8f8', '--vscode-editorWidget-border': '#c8c8c8', '--vscode-panel-border': '#e5e5e5',
      '--vscode-widget-border': '#e5e5e5', '--vscode-focusBorder': '#005fb8', '--vscode-textLink-foreground': '#005fb8', '--vscode-textLink-activeForeground': '#005fb8',
      '--vscode-errorForeground': '#f85149', '--vscode-editorWarning-foreground': '#895503',
      '--vscode-button-background': '#005fb8', '--vscode-button-foreground': '#ffffff', '--vscode-button-hoverBackground': '#0258a8', '--vscode-button-border': '#0000001a',
      '--vscode-button-secondaryBackground': '#e5e5e5', '--vscode-button-secondaryForeground': '#3b3b3b', '--vscode-button-secondaryHoverBackground': '#cccccc',
      '--vscode-settings-dropdownBackground': '#ffffff', '--vscode-settings-dropdownForeground': '#3b3b3b', '--vscode-settings-dropdownBorder': '#cecece', '--vscode-settings-dropdownListBorder': '#c8c8c8',
      '--vscode-input-background': '#ffffff', '--vscode-input-foreground': '#3b3b3b', '--vscode-input-border': '#cecece', '--vscode-input-placeholderForeground': '#767676',
      '--vscode-list-activeSelectionBackground': '#e8e8e8', '--vscode-list-activeSelectionForeground': '#000000', '--vscode-list-hoverBackground': '#f2f2f2',
      '--vscode-panelTitle-activeForeground': '#3b3b3b', '--vscode-panelTitle-inactiveForeground': '#3b3b3b', '--vscode-panelTitle-activeBorder': '#005fb8',
      '--vscode-progressBar-background': '#005fb8',
      '--vscode-charts-foreground': '#616161', '--vscode-charts-blue': '#1a85ff', '--vscode-charts-green': '#388a34', '--vscode-charts-orange': '#d18616',
      '--vscode-charts-purple': '#652d90', '--vscode-charts-red': '#e51400', '--vscode-charts-yellow': '#bf8803', '--vscode-charts-lines': '#61616180',
    },
  },
  {
    name: 'dark',
    bodyClass: 'vscode-dark',
    vars: {
      ...FONT,
      '--vscode-foreground': '#cccccc', '--vscode-descriptionForeground': '#9d9d9d', '--vscode-editor-background': '#1f1f1f',
      '--vscode-editorWidget-background': '#202020', '--vscode-editorWidget-border': '#454545', '--vscode-panel-border': '#2b2b2b',
      '--vscode-widget-border': '#313131', '--vscode-focusBorder': '#0078d4', '--vscode-textLink-foreground': '#4daafc', '--vscode-textLink-activeForeground': '#4daafc',
      '--vscode-errorForeground': '#f85149', '--vscode-editorWarning-foreground': '#cca700',
      '--vscode-button-background': '#0078d4', '--vscode-button-foreground': '#ffffff', '--vscode-button-hoverBackground': '#026ec1', '--vscode-button-border': '#ffffff12',
      '--vscode-button-secondaryBackground': '#313131', '--vscode-button-secondaryForeground': '#cccccc', '--vscode-button-secondaryHoverBackground': '#3c3c3c',
      '--vscode-settings-dropdownBackground': '#313131', '--vscode-settings-dropdownForeground': '#cccccc', '--vscode-settings-dropdownBorder': '#3c3c3c', '--vscode-settings-dropdownListBorder': '#454545',
      '--vscode-input-background': '#313131', '--vscode-input-foreground': '#cccccc', '--vscode-input-border': '#3c3c3c', '--vscode-input-placeholderForeground': '#989898',
      '--vscode-list-activeSelectionBackground': '#04395e', '--vscode-list-activeSelectionForeground': '#ffffff', '--vscode-list-hoverBackground': '#2a2d2e',
      '--vscode-panelTitle-activeForeground': '#cccccc', '--vscode-panelTitle-inactiveForeground': '#9d9d9d', '--vscode-panelTitle-activeBorder': '#0078d4',
      '--vscode-progressBar-background': '#0078d4',
      '--vscode-charts-foreground': '#cccccc', '--vscode-charts-blue': '#3794ff', '--vscode-charts-green': '#89d185', '--vscode-charts-orange': '#d18616',
      '--vscode-charts-purple': '#b180d7', '--vscode-charts-red': '#f14c4c', '--vscode-charts-yellow': '#cca700', '--vscode-charts-lines': '#cccccc80',
    },
  },
  {
    name: 'high-contrast',
    bodyClass: 'vscode-high-contrast',
    vars: {
      ...FONT,
      '--vscode-foreground': '#ffffff', '--vscode-descriptionForeground': '#ffffff', '--vscode-editor-background': '#000000',
      '--vscode-editorWidget-background': '#0c141f', '--vscode-editorWidget-border': '#6fc3df', '--vscode-panel-border': '#6fc3df', '--vscode-contrastBorder': '#6fc3df',
      '--vscode-contrastActiveBorder': '#f38518', '--vscode-widget-border': '#6fc3df', '--vscode-focusBorder': '#f38518',
      '--vscode-textLink-foreground': '#21a6ff', '--vscode-textLink-activeForeground': '#21a6ff', '--vscode-errorForeground': '#f48771', '--vscode-editorWarning-foreground': '#ff0000',
      '--vscode-button-background': '#000000', '--vscode-button-foreground': '#ffffff', '--vscode-button-border': '#6fc3df',
      '--vscode-button-secondaryBackground': '#000000', '--vscode-button-secondaryForeground': '#ffffff',
      '--vscode-settings-dropdownBackground': '#000000', '--vscode-settings-dropdownForeground': '#ffffff', '--vscode-settings-dropdownBorder': '#6fc3df', '--vscode-settings-dropdownListBorder': '#6fc3df',
      '--vscode-input-background': '#000000', '--vscode-input-foreground': '#ffffff', '--vscode-input-border': '#6fc3df', '--vscode-input-placeholderForeground': '#ffffffb3',
      '--vscode-list-activeSelectionBackground': '#000000', '--vscode-list-activeSelectionForeground': '#ffffff', '--vscode-list-hoverBackground': '#000000',
      '--vscode-panelTitle-activeForeground': '#ffffff', '--vscode-panelTitle-inactiveForeground': '#ffffff', '--vscode-panelTitle-activeBorder': '#6fc3df',
      '--vscode-progressBar-background': '#6fc3df',
      '--vscode-charts-foreground': '#ffffff', '--vscode-charts-blue': '#3794ff', '--vscode-charts-green': '#89d185', '--vscode-charts-orange': '#d18616',
      '--vscode-charts-purple': '#b180d7', '--vscode-charts-red': '#f14c4c', '--vscode-charts-yellow': '#ffd700', '--vscode-charts-lines': '#ffffff',
    },
  },
];
