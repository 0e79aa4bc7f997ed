// The dashboard panel in a real VS Code: the command opens it, the webview
// loads under its CSP and draws the charts (it reports them back), the host's
// snapshot shows the fixture's current sprint, a YAML edit updates it, and the
// as-of picker set to an earlier commit gives that commit's figures.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { healthOf } from '../../src/core/health';
import { loadWorkspace } from '../../src/core/parse/workspace';
import type { DashboardApi } from '../../src/extension/dashboard';
import type { DashboardController, Snapshot } from '../../src/extension/dashboard/controller';
import type { SprintlogApi } from '../../src/extension/extension';
import { FIXTURE_TAG, git, readFile, resetWorkspace, waitFor, workspaceRoot, writeFile } from './util';
import { api, settle } from './views-helpers';

const SPRINTS = 'backlog/sprints.yaml';
type ChartsBody = Extract<Snapshot['body'], { kind: 'charts' }>;

function charts(s: Snapshot | undefined): ChartsBody | undefined {
  return s?.body.kind === 'charts' ? s.body : undefined;
}

describe('dashboard panel', function () {
  this.timeout(120_000);
  let a: SprintlogApi;
  let dashboard: DashboardApi;
  let controller: DashboardController;

  /** The panel open (resetWorkspace closes every editor, the panel too) with a snapshot that has charts. */
  async function openPanel(): Promise<Snapshot> {
    await vscode.commands.executeCommand('sprintlog.openDashboard');
    controller = dashboard.controllers()[0];
    await waitFor(() => charts(controller.lastSnapshot), { timeout: 60_000, message: 'a snapshot with charts' });
    return controller.lastSnapshot!;
  }

  before(async () => {
    a = await api();
    dashboard = a.dashboard as DashboardApi;
  });
  afterEach(async () => {
    await resetWorkspace();
    await settle(a);
  });
  after(async () => {
    for (const c of dashboard.controllers()) c.panel.dispose();
  });

  it('"Sprintlog: Open Dashboard" opens one panel that draws the current sprint', async () => {
    await vscode.commands.executeCommand('sprintlog.openDashboard');
    await vscode.commands.executeCommand('sprintlog.openDashboard');
    assert.equal(dashboard.controllers().length, 1, 'a second open reveals the same panel');
    controller = dashboard.controllers()[0];
    const body = await waitFor(() => charts(controller.lastSnapshot), { timeout: 60_000, message: 'a snapshot with charts' });
    const active = body.report.sprints.find((s) => s.status === 'active');
    const expected = active ?? [...body.report.sprints].reverse().find((s) => s.status === 'closed');
    assert.ok(expected, 'the fixture has a current or closed sprint');
    assert.equal(body.sprint, expected.id);
    // The webview loaded under the CSP, drew the sprint tab and said so.
    const rendered = await waitFor(() => (controller.lastRendered?.seq === controller.lastSnapshot?.seq ? controller.lastRendered : undefined), { timeout: 60_000, message: 'the webview to draw the snapshot' });
    assert.equal(rendered.charts, 3, 'burndown, burnup, committed vs completed');
  });

  it('a YAML edit updates the snapshot', async () => {
    const before = await openPanel();
    const sprint = charts(before)!.sprint!;
    const capacity = charts(before)!.report.sprints.find((s) => s.id === sprint)!.capacity;
    const text = readFile(SPRINTS);
    // The sprint's `capacity:` line (the first one after its id).
    const at = text.indexOf(`- id: ${sprint}`);
    const line = /capacity: \d+/.exec(text.slice(at))!;
    const edited = text.slice(0, at) + text.slice(at).replace(line[0], 'capacity: 77');
    writeFile(SPRINTS, edited);
    const after = await waitFor(
      () => {
        const s = controller.lastSnapshot;
        return s && s.seq > before.seq && charts(s)?.report.sprints.find((x) => x.id === sprint)?.capacity === 77 ? s : undefined;
      },
      { timeout: 30_000, message: `the snapshot to show capacity 77 (was ${capacity})` },
    );
    assert.ok(after.seq > before.seq, 'a new, higher seq');
  });

  it('the as-of picker set to an earlier commit shows that commit\'s figures', async () => {
    await openPanel();
    const fixture = git('rev-parse', FIXTURE_TAG).trim();
    const text = readFile(SPRINTS);
    writeFile(SPRINTS, text.replace(/capacity: 30/, 'capacity: 45'));
    git('commit', '-qam', 'S12 capacity 45');
    const now = await waitFor(() => (charts(controller.lastSnapshot)?.report.sprints.find((s) => s.id === 'S12')?.capacity === 45 ? controller.lastSnapshot : undefined), {
      timeout: 30_000,
      message: 'the snapshot at now to show the new capacity',
    });
    // What the webview posts when the as-of picker is set to a commit.
    await controller.receive({ type: 'view', view: { ...now.view, asOf: { kind: 'commit', value: fixture } } });
    // The commit's own HEAD move may recompute too: the latest request wins, so wait for the one with this view.
    const then = await waitFor(() => {
      const s = controller.lastSnapshot;
      return s?.view.asOf.kind === 'commit' ? charts(s) : undefined;
    }, { timeout: 30_000, message: 'the snapshot as of the fixture commit' });
    assert.equal(then.report.sprints.find((s) => s.id === 'S12')?.capacity, 30, 'S12 as the fixture commit had it');
    assert.equal(then.report.asOf.slice(0, 10), '2026-11-16', "the fixture commit's day");
    assert.equal(then.report.head, fixture);
    // A malformed view is refused: nothing recomputed.
    await controller.receive({ type: 'view', view: { asOf: { kind: 'commit', value: '--output=x' }, windowDays: 90 } });
    assert.deepEqual(controller.viewChoice.asOf, { kind: 'commit', value: fixture }, 'the malformed choice was not taken');
    await controller.receive({ type: 'view', view: { asOf: { kind: 'now' }, windowDays: 90 } });
  });

  it('the Health tab shows the health core\'s findings, and an item named there is revealed in the YAML', async () => {
    const snap = await openPanel();
    const body = charts(snap)!;
    // From the core on the snapshot's report (not from the panel's own list).
    const expected = healthOf(body.report, loadWorkspace(workspaceRoot()).states, []).findings;
    const blocked = expected.find((f) => f.code === 'blocked-long');
    assert.ok(blocked, `the fixture has a long-blocked item: ${expected.map((f) => f.code).join(', ')}`);
    assert.ok(blocked.sprints.includes('S12'), 'in S12');
    assert.equal(body.portfolio, undefined, 'one folder: no portfolio');
    // What the webview drew once the Health tab is open.
    controller.showTab('health');
    const drawn = await waitFor(() => {
      const r = controller.lastRendered;
      return r?.tab === 'health' && r.seq === controller.lastSnapshot?.seq ? r.health : undefined;
    }, { timeout: 30_000, message: 'the webview to draw the Health tab' });
    assert.deepEqual(drawn, expected.map((f) => ({ code: f.code, items: f.items })));
    // The item button's message (what the webview posts on a click) reveals the item.
    await controller.receive({ type: 'revealItem', requestId: 1, id: blocked.items[0] });
    const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.fsPath.endsWith('backlog.yaml') ? vscode.window.activeTextEditor : undefined), { timeout: 10_000, message: 'backlog.yaml in an editor' });
    const line = editor.document.lineAt(editor.selection.active.line).text;
    assert.match(line, new RegExp(`id:\\s*${blocked.items[0]}\\b`), `the cursor on ${blocked.items[0]}'s line: ${line}`);
  });
});
