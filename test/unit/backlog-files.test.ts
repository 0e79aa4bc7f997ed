// The one rule for which files are backlog files (core/parse/backlog-files.ts), and the
// readers that list them agreeing on a real repository with custom paths and `.yml`
// archive files: the CLI's working-tree reader, the history's commit-tree reader and
// the extension's other-branches id lookup. Before the rule, the working-tree reader
// took a folder named `*.yaml` for a broken file and both readers read a sprint log
// kept in the archive folder as an archive backlog file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { archiveDir, archiveFiles, backlogFileRole, backlogFilesGlob, treeEntryKind } from '../../src/core/parse/backlog-files';
import { loadWorkspace, readSourceFiles } from '../../src/core/parse/workspace';
import { HistoryEngine } from '../../src/core/history';
import { idsOnOtherBranches } from '../../src/extension/git/repo';
import { GitRepo } from './helpers/gitrepo';

const PATHS = { backlogPath: 'plan/items.yml', sprintsPath: 'plan/archive/sprints.yml' };
const backlog = (ids: string[]) => `version: 1\nproject: PAY\nitems:\n${ids.map((id) => `  - id: ${id}\n    title: Item ${id}\n    state: done\n`).join('')}`;

describe('which files are backlog files', () => {
  it('classifies paths by role: main, sprint log, archive (.yaml and .yml, directly in the archive folder)', () => {
    assert.equal(archiveDir(PATHS.backlogPath), 'plan/archive');
    const roles = ['plan/items.yml', 'plan/archive/sprints.yml', 'plan/archive/2025.yml', 'plan/archive/2024.yaml', 'plan/archive/notes.md', 'plan/archive/old/2023.yaml', 'backlog/archive/x.yaml', 'plan/other.yml']
      .map((f) => [f, backlogFileRole(f, PATHS)]);
    assert.deepEqual(roles, [
      ['plan/items.yml', 'main'], ['plan/archive/sprints.yml', 'sprints'], ['plan/archive/2025.yml', 'archive'], ['plan/archive/2024.yaml', 'archive'],
      ['plan/archive/notes.md', undefined], ['plan/archive/old/2023.yaml', undefined], ['backlog/archive/x.yaml', undefined], ['plan/other.yml', undefined],
    ]);
    assert.equal(backlogFilesGlob(PATHS), '{plan/items.yml,plan/archive/sprints.yml,plan/archive/*.yaml,plan/archive/*.yml}');
  });

  it('counts files (and, in a working tree, FIFOs and the like, which are then reported), never folders or links in a commit tree', () => {
    const entries = [
      { name: 'b.yml', kind: 'file' as const }, { name: 'a.yaml', kind: 'file' as const }, { name: 'dir.yaml', kind: 'folder' as const },
      { name: 'pipe.yaml', kind: 'special' as const }, { name: 'link.yaml', kind: treeEntryKind('120000') }, { name: 'sprints.yml', kind: 'file' as const },
    ];
    assert.deepEqual(archiveFiles(PATHS, entries), ['plan/archive/a.yaml', 'plan/archive/b.yml', 'plan/archive/pipe.yaml']);
    assert.deepEqual(['100644', '100755', '120000', '40000', '160000'].map(treeEntryKind), ['file', 'file', 'link', 'folder', 'folder']);
  });

  it('the working tree, a commit tree and other branches list the same files (custom paths, .yml archive)', async () => {
    const repo = GitRepo.create();
    try {
      repo.write('plan/items.yml', backlog(['PAY-3']));
      repo.write('plan/archive/2025.yml', backlog(['PAY-1']));
      repo.write('plan/archive/2024.yaml', backlog(['PAY-2']));
      repo.write('plan/archive/sprints.yml', 'version: 1\ntimezone: UTC\nsprints:\n  - id: S1\n    start: 2026-01-05\n    end: 2026-01-16\n');
      repo.write('plan/archive/notes.md', '# notes\n');
      repo.write('plan/archive/old/2023.yaml', backlog(['PAY-0']));
      repo.write('plan/archive/folder.yaml/keep.txt', 'a folder named like a YAML file\n');
      repo.commit('backlog with custom paths');
      const disk = readSourceFiles(repo.dir, PATHS);
      const tree = await new HistoryEngine().filesAt(repo.dir, 'HEAD', PATHS.backlogPath, PATHS.sprintsPath);
      const expected = ['plan/items.yml', 'plan/archive/2024.yaml', 'plan/archive/2025.yml'];
      assert.deepEqual(disk.backlogs.map((b) => [b.file, b.problem?.message]), expected.map((f) => [f, undefined]));
      assert.deepEqual(tree.backlogs.map((b) => b.file), expected);
      assert.equal(disk.sprints?.file, PATHS.sprintsPath);
      assert.equal(tree.sprints?.file, PATHS.sprintsPath);
      const ws = loadWorkspace(repo.dir, PATHS);
      assert.deepEqual(ws.parseProblems, []);
      assert.deepEqual(ws.items.map((i) => i.id), ['PAY-3', 'PAY-2', 'PAY-1']);

      repo.branch('feat');
      repo.write('plan/archive/2025.yml', backlog(['PAY-1', 'PAY-9']));
      repo.write('plan/archive/old/2023.yaml', backlog(['PAY-0', 'PAY-8']));
      repo.commit('more on a branch');
      repo.checkout('main');
      const reserved = await idsOnOtherBranches(repo.dir, PATHS.backlogPath);
      assert.ok(reserved.has('PAY-9'), 'an id in a .yml archive file of another branch');
      assert.ok(!reserved.has('PAY-8'), 'a file below the archive folder is no backlog file');
      assert.ok(fs.existsSync(path.join(repo.dir, 'plan/archive/folder.yaml/keep.txt')));
    } finally {
      repo.cleanup();
    }
  });
});
