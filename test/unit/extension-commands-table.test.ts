// package.json's commands and menus must be exactly what the command table says.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS, contributedCommands, contributedMenus } from '../../src/extension/commands/table';

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));

describe('extension: command table', () => {
  it('has unique ids, all in the sprintlog namespace', () => {
    const ids = COMMANDS.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^sprintlog\.[a-zA-Z]+$/);
  });

  it('matches contributes.commands in package.json', () => {
    assert.deepEqual(pkg.contributes.commands, contributedCommands());
  });

  it('matches the menus in package.json', () => {
    const menus = contributedMenus();
    for (const [where, entries] of Object.entries(menus)) assert.deepEqual(pkg.contributes.menus[where], entries, where);
  });

  it('disables every writing command in untrusted workspaces', () => {
    for (const c of pkg.contributes.commands) {
      const spec = COMMANDS.find((x) => x.id === c.command)!;
      assert.equal(c.enablement === 'isWorkspaceTrusted', spec.writes, c.command);
    }
    for (const entry of Object.values(contributedMenus()).flat()) {
      const spec = COMMANDS.find((x) => x.id === entry.command)!;
      if (spec.writes && entry.when !== 'false') assert.match(entry.when ?? '', /isWorkspaceTrusted/, entry.command);
    }
  });

  it('declares limited support for untrusted workspaces and every setting the extension reads', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    const props = Object.keys(pkg.contributes.configuration.properties);
    for (const key of ['backlogFile', 'sprintsFile', 'branchTemplate', 'autoCommit', 'velocityWindow', 'cycleTimeWindow', 'defaultGrouping']) {
      assert.ok(props.includes(`sprintlog.${key}`), key);
    }
    for (const r of pkg.capabilities.untrustedWorkspaces.restrictedConfigurations) assert.ok(props.includes(r), r);
  });

  it('puts the views in the sprintlog activity bar container with an icon that exists', () => {
    const container = pkg.contributes.viewsContainers.activitybar.find((c: { id: string }) => c.id === 'sprintlog');
    assert.ok(fs.existsSync(path.join(__dirname, '../..', container.icon)));
    assert.deepEqual(pkg.contributes.views.sprintlog.map((v: { id: string }) => v.id), ['sprintlog.sprint', 'sprintlog.backlog']);
  });
});
