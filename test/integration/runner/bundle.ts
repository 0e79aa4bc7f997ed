// Bundles the integration tests with esbuild into out/integration/:
//   index.js - test/integration/index.ts, the `run()` the extension host calls;
//   tests.js - every test/integration/**/*.test.ts in one CommonJS file (what
//              @vscode/test-cli's `files` points at, too).
// `vscode` is provided by the extension host; `mocha` is required from node_modules.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INTEGRATION_OUT, REPO_ROOT } from './paths';

const TEST_ROOT = path.join(REPO_ROOT, 'test', 'integration');
/** Folders under test/integration that hold no extension-host tests. */
const SKIP_DIRS = new Set(['fixtures', 'runner', 'node_modules']);

export function findTestFiles(dir = TEST_ROOT): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) found.push(...findTestFiles(full));
    } else if (entry.name.endsWith('.test.ts')) {
      found.push(full);
    }
  }
  return found.sort();
}

export interface Bundle {
  index: string;
  tests: string;
  files: string[];
}

/**
 * `testRoot`/`outDir`: another folder of *.test.ts with the same index.ts entry, e.g. the Restricted
 * Mode tests (test/integration-untrusted -> out/integration-untrusted).
 */
export async function bundleIntegrationTests(testRoot = TEST_ROOT, outDir = INTEGRATION_OUT): Promise<Bundle> {
  const files = findTestFiles(testRoot);
  if (files.length === 0) throw new Error(`no *.test.ts under ${path.relative(REPO_ROOT, testRoot)}`);
  const common: esbuild.BuildOptions = {
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true,
    external: ['vscode', 'mocha'], logLevel: 'warning', absWorkingDir: REPO_ROOT,
  };
  const index = path.join(outDir, 'index.js');
  const tests = path.join(outDir, 'tests.js');
  await Promise.all([
    esbuild.build({ ...common, entryPoints: [path.join(TEST_ROOT, 'index.ts')], outfile: index }),
    esbuild.build({
      ...common,
      stdin: {
        // One import per file, in a stable order: mocha registers suites as they load.
        contents: files.map((f) => `import ${JSON.stringify('./' + path.relative(REPO_ROOT, f).split(path.sep).join('/'))};`).join('\n'),
        resolveDir: REPO_ROOT,
        sourcefile: 'integration-tests-entry.ts',
        loader: 'ts',
      },
      outfile: tests,
    }),
  ]);
  return { index, tests, files };
}
