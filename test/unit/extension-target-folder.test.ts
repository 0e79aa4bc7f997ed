// Which folder a command given ids acts on, with two backlogs sharing an id.
import * as assert from 'node:assert/strict';
import { buildWorkspace } from '../../src/core/parse/workspace';
import { folderForId } from '../../src/extension/commands/targetFolder';
import type { FolderBacklog } from '../../src/extension/model/types';

function folder(name: string, ids: string[]): FolderBacklog {
  const text = `version: 1\nproject: PAY\nitems:\n${ids.map((id) => `  - id: ${id}\n    title: Item ${id}\n`).join('')}`;
  const root = `/work/${name}`;
  const uri = `file://${root}`;
  const workspace = buildWorkspace(root, [{ file: 'backlog/backlog.yaml', text }], undefined);
  return { folder: { name, index: 0, uri: { toString: () => uri } }, root, workspace, problems: [], version: 1 } as unknown as FolderBacklog;
}

describe('extension: target folder of an id', () => {
  const web = folder('web', ['PAY-12', 'PAY-13']);
  const api = folder('api', ['PAY-12', 'PAY-30']);
  const both = [web, api];

  it('takes the only folder that has the id', () => {
    assert.equal(folderForId(both, undefined, 'PAY-30'), api);
    assert.equal(folderForId(both, undefined, 'PAY-13'), web);
  });

  it('refuses to guess when several folders have the id', () => {
    const r = folderForId(both, undefined, 'PAY-12');
    assert.equal(typeof r, 'string');
    assert.match(r as string, /PAY-12 is in the backlogs of web and api/);
  });

  it('takes the folder named (by name, URI or root), even for a shared id', () => {
    assert.equal(folderForId(both, 'api', 'PAY-12'), api);
    assert.equal(folderForId(both, 'file:///work/web', 'PAY-12'), web);
    assert.equal(folderForId(both, '/work/api', 'PAY-12'), api);
  });

  it('says when the folder named has no backlog, or no folder has the id', () => {
    assert.match(folderForId(both, 'nowhere', 'PAY-12') as string, /no workspace folder "nowhere" with a backlog/i);
    assert.match(folderForId(both, undefined, 'PAY-99') as string, /No backlog in this workspace has an item PAY-99/);
  });

  it('a single folder is the target even for an unknown id (the command then says the id is not there)', () => {
    assert.equal(folderForId([web], undefined, 'PAY-99'), web);
  });
});
