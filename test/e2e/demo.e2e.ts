// End-to-end: a newcomer runs `sprintlog demo` today and opens it in VS Code. The demo's
// default day is today, so its last sprint is running: the Sprint view and the status bar
// show it without picking a sprint (a demo dated to a fixed day showed "No active sprint").
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from '../integration/runner/paths';
import { sprintlogContribution, Workbench } from './workbench';

describe('the demo repository opened in VS Code on the day it is made', function () {
  let wb: Workbench;
  let failed = false;
  let made = '';

  before(async () => {
    wb = await Workbench.open({
      prepare: (dir) => {
        made = execFileSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'demo', dir], { encoding: 'utf8' });
      },
    });
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  after(async () => wb?.close(failed));

  it('shows the running sprint in the Sprint view and the status bar', async () => {
    const active = /(S\d+) active/.exec(made)?.[1];
    assert.ok(active, `sprintlog demo did not name its active sprint:\n${made}`);
    await wb.waitForLoaded();
    const contribution = sprintlogContribution();
    await wb.openViewContainer(contribution.container!.title);
    const view = await wb.view(contribution.views.find((v) => v.id === 'sprintlog.sprint')!.name);
    await wb.treeItem(view, `Sprint ${active.slice(1)}`);
    const rows = await view.locator('[role="treeitem"]').allInnerTexts();
    assert.ok(rows.some((r) => /^Days\s*\d+ of \d+ working days? left/.test(r)), `no "working days left" row: ${JSON.stringify(rows)}`);
    assert.ok(rows.some((r) => /^PAY-\d+ /.test(r)), `no items in the sprint: ${JSON.stringify(rows)}`);
    assert.ok(!rows.some((r) => /No active sprint|No sprints yet/.test(r)), `rows: ${JSON.stringify(rows)}`);
    const status = wb.page.locator('.statusbar-item').filter({ hasText: new RegExp(`^\\W*${active}\\b`) });
    await wb.expectVisible(status.first(), `the status bar entry of ${active}`, 15_000);
    await wb.screenshot('demo-active-sprint');
  });
});
