// @vscode/test-cli configuration (`npx vscode-test`), for machines that can
// download desktop VS Code. It runs the same integration tests as the offline
// runner (scripts/vscode-test/run-integration.ts, code-server + chromium):
// the esbuild bundle of test/integration/**/*.test.ts, on a fresh git copy of
// the fixture workspace. Run `npm run build` first (or `npm run test:vscode-desktop`).
// `npm run test:integration -- --test-cli` runs this very config offline.
import { defineConfig } from '@vscode/test-cli';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
// Bundles the tests and writes the workspace (replaced on every run; .vscode-test/ is gitignored).
const prepared = JSON.parse(
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/vscode-test/run-integration.ts', '--prepare-only', join(root, '.vscode-test', 'workspace')], {
    cwd: root,
    encoding: 'utf8',
  }),
);

export default defineConfig({
  label: 'integration',
  files: prepared.tests,
  extensionDevelopmentPath: root,
  workspaceFolder: prepared.workspace,
  mocha: { ui: 'bdd', timeout: 20000, color: true },
  launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
});
