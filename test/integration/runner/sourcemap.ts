// Maps bundle positions in mocha's report (out/integration/tests.js:156:13) back
// to the TypeScript sources. The extension host replaces Error.prepareStackTrace,
// so Node's own source-map support never applies there; the runner does it instead.
import * as fs from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { INTEGRATION_OUT, REPO_ROOT } from './paths';

const BUNDLE_POSITION = /(?:[^\s()]*\/)?out\/(integration(?:-untrusted)?)\/(tests|index)\.js:(\d+):(\d+)/g;

export function mapBundlePositions(text: string, outDir = INTEGRATION_OUT): string {
  const maps = new Map<string, SourceMap | null>();
  // out/integration-untrusted/ (the Restricted Mode run) sits next to out/integration/.
  const dirOf = (folder: string) => (folder === 'integration' ? outDir : path.join(path.dirname(outDir), folder));
  const load = (folder: string, name: string) => {
    const file = path.join(dirOf(folder), `${name}.js.map`);
    if (!maps.has(file)) maps.set(file, fs.existsSync(file) ? new SourceMap(JSON.parse(fs.readFileSync(file, 'utf8'))) : null);
    return maps.get(file)!;
  };
  return text.replace(BUNDLE_POSITION, (whole, folder: string, name: string, line: string, column: string) => {
    const entry = load(folder, name)?.findEntry(Number(line) - 1, Number(column) - 1);
    if (!entry || !('originalSource' in entry) || !entry.originalSource) return whole;
    const source = path.relative(REPO_ROOT, path.resolve(dirOf(folder), entry.originalSource));
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}
