// The parsed-chunk store (parse/chunk-store.ts): a fresh process seeded from it
// builds the same workspace as one that parses everything, and a damaged store is ignored.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const BACKLOG = [
  'version: 1', 'project: X', 'items:',
  '  - id: X-1', '    title: "quoted: yes"', '    state: done', '    points: .inf', '    tags: [a, b]', '    __proto__: {state: todo}',
  '  - id: X-2', '    title: two', '    description: |', '      Block text.', '', '      Second paragraph.', '    depends_on: [X-1]',
  '  - id: X-3', '    title: three', '    extra: {nested: [1, 2, {k: v}]}', '',
].join('\n');

// A child process per run: the chunk cache is per process, as in the CLI.
const SCRIPT = `
const { buildWorkspace } = require('./src/core/parse/workspace');
const { chunkStoreFile, loadChunkStore, saveChunkStore } = require('./src/core/parse/chunk-store');
const { chunkMemory } = require('./src/core/parse/backlog');
const fs = require('node:fs');
const root = process.argv[1];
const store = chunkStoreFile(root);
const loaded = loadChunkStore(store);
const ws = buildWorkspace(root, [{ file: 'backlog/backlog.yaml', text: fs.readFileSync(root + '/backlog/backlog.yaml', 'utf8') }], undefined);
const parsed = chunkMemory.parsed;
saveChunkStore(store);
const items = ws.items.map((i) => ({ ...i, raw: Object.entries(i.raw), extra: Object.entries(i.extra), points: String(i.points) }));
process.stdout.write(JSON.stringify({ loaded, parsed, items }));
`;

function run(root: string): { loaded: number; parsed: number; items: unknown } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', SCRIPT, root], { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' });
  return JSON.parse(out) as { loaded: number; parsed: number; items: unknown };
}

describe('parsed-chunk store', function () {
  this.timeout(60000);
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-chunks-'));
    fs.mkdirSync(path.join(root, '.git'));
    fs.mkdirSync(path.join(root, 'backlog'));
    fs.writeFileSync(path.join(root, 'backlog/backlog.yaml'), BACKLOG);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('a run seeded from the store parses nothing and builds the same items', () => {
    const cold = run(root);
    assert.deepEqual([cold.loaded, cold.parsed], [0, 3]);
    assert.ok(fs.existsSync(path.join(root, '.git/sprintlog-cache/chunks.json')));
    const warm = run(root);
    assert.deepEqual([warm.loaded, warm.parsed], [3, 0]);
    assert.deepEqual(warm.items, cold.items);
  });

  it('a changed item is parsed again; a damaged store is ignored', () => {
    fs.writeFileSync(path.join(root, 'backlog/backlog.yaml'), BACKLOG.replace('title: two', 'title: two, changed'));
    const changed = run(root);
    assert.deepEqual([changed.loaded, changed.parsed], [3, 1]);
    const file = path.join(root, '.git/sprintlog-cache/chunks.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"fields"', '').replace(/\[\[0,/, '[["x",'));
    const damaged = run(root);
    assert.equal(damaged.parsed, 3 - damaged.loaded);
    assert.deepEqual(damaged.items, changed.items);
    fs.writeFileSync(file, '{"format":"sprintlog-chunks","version":1,"chunks":[["  - id: X-1\\n",{"id":"EVIL"},[],[0,1],"x"]]}');
    const bad = run(root);
    assert.deepEqual([bad.loaded, bad.parsed], [0, 3]);
    assert.deepEqual(bad.items, changed.items);
  });
});
