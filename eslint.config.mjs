// Lint rules that keep the architecture: only src/extension may talk to VS Code;
// browser code (src/webview, src/shared) imports no Node built-in; and, with
// type information, no promise is dropped or passed where nobody awaits it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: 'Only src/extension may import vscode: core, cli, shared and webview code must run without VS Code.' }],
    patterns: [{ group: ['**/extension/**', '**/extension'], message: 'Only src/extension may import the extension layer.' }],
  }],
};

// Node's built-ins, both spellings (`node:fs`, `fs`): the webview runs in a browser,
// and src/shared is compiled into it.
const NODE_BUILTINS = ['assert', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'constants', 'crypto', 'dgram', 'diagnostics_channel', 'dns', 'domain', 'events', 'fs', 'fs/promises', 'http', 'http2', 'https', 'inspector', 'module', 'net', 'os', 'path', 'path/posix', 'path/win32', 'perf_hooks', 'process', 'punycode', 'querystring', 'readline', 'repl', 'stream', 'stream/promises', 'string_decoder', 'sys', 'timers', 'timers/promises', 'tls', 'trace_events', 'tty', 'url', 'util', 'v8', 'vm', 'wasi', 'worker_threads', 'zlib'];
const browserOnly = {
  'no-restricted-imports': ['error', {
    paths: [
      noVscode['no-restricted-imports'][1].paths[0],
      ...NODE_BUILTINS.map((name) => ({ name, message: 'src/webview and src/shared run in the browser: no Node built-ins.' })),
    ],
    patterns: [
      ...noVscode['no-restricted-imports'][1].patterns,
      { group: ['node:*'], message: 'src/webview and src/shared run in the browser: no Node built-ins.' },
    ],
  }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'media/dist/**', 'node_modules/**', '.vscode-test/**', '.cache/**', 'test/fixtures/**', 'demo/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  { files: ['src/core/**', 'src/cli/**'], rules: noVscode },
  { files: ['src/shared/**', 'src/webview/**'], rules: browserOnly },
  // Type-aware, for the product code only (tests and benches would double the lint time): a promise
  // nobody awaits loses its rejection; `void` marks the ones that are fire-and-forget on purpose.
  {
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
);
