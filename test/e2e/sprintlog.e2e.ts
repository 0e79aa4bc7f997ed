// End-to-end: a person using Sprintlog in a real VS Code workbench (code-server + chromium).
// Run: `npm run build && npm run test:e2e`; screenshots of every step land in test-results/e2e/.
//
// Adding a scenario: add an `it` below (or a new test/e2e/<name>.e2e.ts opening its own
// Workbench) and drive it with the Workbench helpers in ./workbench.ts: runCommand(title),
// quickOpen(path), view(name), treeItem(view, text), contextMenu(row, /entry/),
// pickQuickItem(filter), logChannelText(name), screenshot(name). Check files on disk
// with `git` in wb.workspace (a git repository at tag `fixture`); wait with until(). Each step
// fails with what it waited for and a screenshot; never skip a step because something did not show up.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { clearScreenshots, sprintlogContribution, until, Workbench } from './workbench';

const contribution = sprintlogContribution();

describe('Sprintlog in the VS Code workbench', function () {
  let wb: Workbench;
  let failed = false;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: wb.workspace, encoding: 'utf8' });
  const backlogOnDisk = () => fs.readFileSync(path.join(wb.workspace, 'backlog', 'backlog.yaml'), 'utf8');

  before(async () => {
    clearScreenshots();
    wb = await Workbench.open();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      failed = true;
      await wb?.screenshot(`failed-${this.currentTest.title}`).catch(() => undefined);
    }
  });
  after(async () => wb?.close(failed));

  it('loads the workbench with the extension activated on the fixture workspace', async () => {
    await wb.waitForLoaded();
    await wb.screenshot('workbench-loaded');
    const log = await wb.logChannelText('Sprintlog');
    assert.match(log, /Sprintlog activated/, `the Sprintlog output channel shows: ${log}`);
    await wb.screenshot('output-sprintlog-activated');
  });

  it('opens backlog/backlog.yaml through quick open and shows its text', async () => {
    await wb.quickOpen('backlog/backlog.yaml');
    const text = await wb.activeEditorText();
    assert.match(text, /project: PAY/);
    assert.match(text, /id: PAY-12/);
    await wb.screenshot('backlog-yaml-open');
  });

  it('shows the sprint items and sets a state from the context menu: tree and YAML change', async () => {
    const container = contribution.container;
    assert.ok(container, 'package.json contributes no activity-bar container `sprintlog` (contributes.viewsContainers.activitybar)');
    const sprintView = contribution.views.find((v) => v.id === 'sprintlog.sprint');
    assert.ok(sprintView, 'package.json contributes no view `sprintlog.sprint` in the `sprintlog` container');

    await wb.openViewContainer(container.title);
    const view = await wb.view(sprintView.name);
    // The view follows the sprint running today; pick S12 so the test does not depend on the date.
    await wb.runCommand(/Sprintlog: Show Sprint/, 'Sprintlog: Show Sprint');
    await wb.pickQuickItem('S12', /\(S12\)/);
    await wb.treeItem(view, 'Sprint 12');
    // PAY-15 is a `todo` item of sprint S12 in the fixture.
    const row = await wb.treeItem(view, 'PAY-15');
    const before = await wb.rowContext(row);
    assert.doesNotMatch(before, /\breview\b/i, `PAY-15 reads as "review" before the change: ${before}`);
    await wb.screenshot('sprint-view');

    await wb.contextMenu(row, /Set state/i);
    await wb.waitForQuickPick('the Set State picker');
    await wb.screenshot('set-state-picker');
    await wb.pickQuickItem('review');

    // The YAML: PAY-15's state and nothing else changed (comments and layout kept).
    await until(() => /^\+\s+state: review$/m.test(git('diff')), 10_000, () => `backlog.yaml did not get PAY-15 state: review; git diff:\n${git('diff')}`);
    const items = parse(backlogOnDisk()).items as { id: string; state?: string }[];
    assert.equal(items.find((i) => i.id === 'PAY-15')?.state, 'review');
    assert.deepEqual(git('diff', '--numstat').trim().split(/\s+/), ['1', '1', 'backlog/backlog.yaml'], `one line changed:\n${git('diff')}`);

    // The tree: the row (or the group it sits in) now reads "review".
    let now = '';
    await until(async () => /\breview\b/i.test((now = await wb.rowContext(await wb.treeItem(view, 'PAY-15')))), 10_000,
      () => `the PAY-15 row does not read "review" after the change: ${now}`);
    await wb.screenshot('sprint-view-after-set-state');
  });
});
