// Where things are: the repository, the cache that scripts/vscode-test/install.sh
// fills, and the binaries inside it. One place, so the integration runner, the
// e2e tests and .vscode-test.mjs agree.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const CACHE_DIR = process.env.SPRINTLOG_VSCODE_CACHE ?? path.join(REPO_ROOT, '.cache', 'vscode-test');
/** Fixture copied into every run (a git repository is made of the copy). */
export const FIXTURE_WORKSPACE = path.join(REPO_ROOT, 'test', 'integration', 'fixtures', 'workspace');
/** esbuild output of test/integration: index.js (the `run()` entry) and tests.js (all *.test.ts). */
export const INTEGRATION_OUT = path.join(REPO_ROOT, 'out', 'integration');
export const CHROMIUM = process.env.SPRINTLOG_CHROMIUM ?? '/usr/bin/chromium';

export interface Installation {
  node: string;
  codeServerEntry: string;
}

/** The Node 24 binary and code-server entry installed by scripts/vscode-test/install.sh. */
export function installation(): Installation {
  const marker = path.join(CACHE_DIR, 'installed.json');
  if (!fs.existsSync(marker)) {
    throw new Error(`code-server is not installed (no ${marker}). Run: bash scripts/vscode-test/install.sh`);
  }
  const info = JSON.parse(fs.readFileSync(marker, 'utf8')) as { node: string; codeServer: string };
  const found = { node: info.node, codeServerEntry: path.join(info.codeServer, 'out', 'node', 'entry.js') };
  for (const file of [found.node, found.codeServerEntry, CHROMIUM]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing. Run: bash scripts/vscode-test/install.sh`);
  }
  return found;
}

/** The extension must be built (`npm run build`): the runner builds nothing of the extension itself. */
export function assertExtensionBuilt(extensionPath = REPO_ROOT): void {
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8')) as { main?: string };
  const main = path.resolve(extensionPath, pkg.main ?? 'dist/extension.js');
  if (!fs.existsSync(main)) throw new Error(`${path.relative(REPO_ROOT, main)} is missing: run \`npm run build\` first.`);
}
