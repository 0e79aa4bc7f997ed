// The PMO parts of the editor (issue 11): review and retro commands writing one line of
// backlog/sprints.yaml through the edit engine, health badges on the rows of the items a
// warning names (PAY-12 is blocked since the fixture commit of 2026-11-16, so
// blocked-long fires at the spec's 3 days), and the `sprintlog.health.*` thresholds.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SprintlogApi } from '../../src/extension/extension';
import type { HealthDecorations } from '../../src/extension/health/decorations';
import type { HistoryService } from '../../src/extension/history';
import type { ItemNode } from '../../src/extension/views/nodes';
import { readFile, waitFor, workspaceRoot } from './util';
import { editingSuite, groups, children, itemNode, lineDiff } from './views-helpers';

const SPRINTS = 'backlog/sprints.yaml';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a command, asserting it was not refused, and returns the sprint log's disk text before and after. */
async function runOnLog(command: string, args: unknown): Promise<{ before: string; after: string }> {
  const before = readFile(SPRINTS);
  const result = await vscode.commands.executeCommand(command, args);
  if (result && typeof result === 'object' && 'refused' in result) assert.fail(`${command} refused: ${(result as { refused: string }).refused}`);
  return { before, after: readFile(SPRINTS) };
}

/** Runs a command and presses Enter in every quick pick it shows until it finishes. */
async function enterThrough(command: string): Promise<unknown> {
  let done = false;
  const running = Promise.resolve(vscode.commands.executeCommand(command)).finally(() => (done = true));
  const deadline = Date.now() + 15_000;
  while (!done && Date.now() < deadline) {
    await sleep(200);
    if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  return running;
}

describe('pmo: review and retro commands', () => {
  let a: SprintlogApi;
  editingSuite((x) => (a = x));

  it('Add Review Rating writes the rating and notes of a sprint as one new line', async () => {
    const r = await runOnLog('sprintlog.addReviewRating', { sprint: 'S12', satisfaction: 4.5, notes: 'Saved cards shown to sales' });
    const d = lineDiff(r.before, r.after);
    assert.deepEqual(d.removed, []);
    assert.deepEqual(d.added, ['    review: {satisfaction: 4.5, notes: Saved cards shown to sales}']);
    const s12 = a.store.folders()[0].workspace.sprintLog?.sprints.find((s) => s.id === 'S12');
    assert.deepEqual(s12?.review, { satisfaction: 4.5, notes: 'Saved cards shown to sales' });
    // A changed rating of a sprint already reviewed is one changed line.
    const again = await runOnLog('sprintlog.addReviewRating', { sprint: 'S11', satisfaction: 4 });
    assert.deepEqual(lineDiff(again.before, again.after), { removed: ['      satisfaction: 3.8'], added: ['      satisfaction: 4'] });
  });

  it('refuses a rating outside 1 to 5 and changes nothing', async () => {
    const before = readFile(SPRINTS);
    for (const satisfaction of [0, 6, 4.55e3]) {
      const result = (await vscode.commands.executeCommand('sprintlog.addReviewRating', { sprint: 'S12', satisfaction })) as { refused?: string };
      assert.match(result?.refused ?? '', /from 1 to 5/, String(satisfaction));
    }
    const unknown = (await vscode.commands.executeCommand('sprintlog.addRetroNote', { sprint: 'S99', list: 'went_well', text: 'x' })) as { refused?: string };
    assert.match(unknown?.refused ?? '', /S99 is not a sprint/);
    assert.equal(readFile(SPRINTS), before);
  });

  it('Add Retro Note and Add Retro Action are one line each', async () => {
    const note = await runOnLog('sprintlog.addRetroNote', { sprint: 'S11', list: 'to_improve', text: 'Smaller stories' });
    assert.deepEqual(lineDiff(note.before, note.after), {
      removed: ['      to_improve: [Too many stories started at once]'],
      added: ['      to_improve: [Too many stories started at once, Smaller stories]'],
    });
    const action = await runOnLog('sprintlog.addRetroAction', { sprint: 'S11', text: 'Split stories over 5 points', owner: 'alice' });
    assert.deepEqual(lineDiff(action.before, action.after), { removed: [], added: ['        - {text: Split stories over 5 points, owner: alice, done: false}'] });
    const first = await runOnLog('sprintlog.addRetroAction', { sprint: 'S12', text: 'Demo on staging', owner: null });
    assert.deepEqual(lineDiff(first.before, first.after), { removed: [], added: ['    retro: {actions: [{text: Demo on staging, done: false}]}'] });
    const actions = a.store.folders()[0].workspace.sprintLog?.sprints.find((s) => s.id === 'S11')?.retro?.actions;
    assert.deepEqual(actions?.map((x) => [x.text, x.owner, x.done]), [['WIP limit of 3 in review', 'bob', false], ['Split stories over 5 points', 'alice', false]]);
  });

  it('Close Retro Action: Enter in its picker closes the oldest open action; reopening is one line too', async () => {
    const before = readFile(SPRINTS);
    await enterThrough('sprintlog.closeRetroAction');
    const closed = lineDiff(before, readFile(SPRINTS));
    assert.deepEqual(closed, { removed: ['          done: false'], added: ['          done: true'] });
    assert.equal(a.store.folders()[0].workspace.sprintLog?.sprints[0].retro?.actions[0].done, true);
    const reopened = await runOnLog('sprintlog.closeRetroAction', { sprint: 'S11', index: 1, done: false });
    assert.deepEqual(lineDiff(reopened.before, reopened.after), { removed: ['          done: true'], added: ['          done: false'] });
    assert.equal(readFile(SPRINTS), before);
  });

  it('the review and retro commands are in the palette and on sprint rows', async () => {
    const ids = ['sprintlog.addReviewRating', 'sprintlog.addRetroNote', 'sprintlog.addRetroAction', 'sprintlog.closeRetroAction'];
    const all = await vscode.commands.getCommands(true);
    for (const id of ids) assert.ok(all.includes(id), id);
    // The Sprint view's header row has the context value the menus name.
    const header = (await children(a.views.sprint)).find((n) => n.kind === 'info' && n.key === 'sprint');
    assert.ok(header);
    assert.equal(a.views.sprint.getTreeItem(header).contextValue, 'info sprint');
  });
});

describe('pmo: health badges and thresholds', () => {
  let a: SprintlogApi;
  let health: HealthDecorations;
  let history: HistoryService;
  const config = () => vscode.workspace.getConfiguration('sprintlog.health');
  editingSuite((x) => {
    a = x;
    health = x.health as HealthDecorations;
    history = x.history as HistoryService;
  }, () => config().update('blocked-long', undefined, vscode.ConfigurationTarget.Workspace));

  async function badgeOf(id: string): Promise<vscode.FileDecoration | undefined> {
    const row = a.views.backlog.getTreeItem(await itemNode(a.views.backlog, id));
    assert.ok(row.resourceUri, `${id}'s row has a resourceUri`);
    return (await health.provideFileDecoration(row.resourceUri)) ?? undefined;
  }

  it('the row of a blocked item has a badge whose tooltip says why, in the Backlog and Sprint views', async () => {
    await history.refresh();
    const badge = await waitFor(() => badgeOf('PAY-12'), { timeout: 20_000, message: 'a badge on PAY-12' });
    assert.equal(badge.badge, '!');
    assert.match(badge.tooltip ?? '', /^blocked-long: 1 item blocked for 3 days or more: PAY-12\.$/m);
    // PAY-15 (todo, not blocked) has none.
    assert.equal(await badgeOf('PAY-15'), undefined);
    // The row's own tooltip (shown on hover) lists the reason too.
    const node = await itemNode(a.views.backlog, 'PAY-12');
    const resolved = a.views.backlog.resolveTreeItem(a.views.backlog.getTreeItem(node), node);
    const md = resolved.tooltip as vscode.MarkdownString;
    assert.match(md.value, /\*\*Health\*\*\n\n(- .*\n)*- blocked\\-long\\: 1 item blocked for 3 days or more\\: PAY\\-12\\./);
    // The Sprint view's row of PAY-12 (sprint S12) carries the same URI, so the same badge.
    await vscode.commands.executeCommand('sprintlog.pickSprint', { sprint: 'S12' });
    const inSprint = (await Promise.all(groups(await children(a.views.sprint)).map((g) => children(a.views.sprint, g)))).flat() as ItemNode[];
    const sprintRow = a.views.sprint.getTreeItem(inSprint.find((n) => n.item.id === 'PAY-12')!);
    assert.equal(sprintRow.resourceUri?.toString(), a.views.backlog.getTreeItem(node).resourceUri?.toString());
    await vscode.commands.executeCommand('sprintlog.pickSprint', { sprint: null });
  });

  it('sprintlog.health.blocked-long moves the threshold: a badge comes and goes, without reading git again', async () => {
    // PAY-15 blocked now (not committed): 1 day blocked, under the spec's 3.
    await runOnLog('sprintlog.setBlocked', { id: 'PAY-15', reason: 'Waiting for legal' });
    await history.refresh();
    await waitFor(() => history.snapshot(workspaceRoot())?.source?.workspace.items.some((i) => i.id === 'PAY-15' && i.blocked), { timeout: 20_000, message: 'figures with PAY-15 blocked' });
    assert.equal(await badgeOf('PAY-15'), undefined);
    const read = history.snapshot(workspaceRoot())?.source?.history;
    assert.ok(read);
    let fired = 0;
    const sub = health.onDidChangeFileDecorations(() => fired++);
    try {
      await config().update('blocked-long', 1, vscode.ConfigurationTarget.Workspace);
      const badge = await waitFor(() => badgeOf('PAY-15'), { timeout: 10_000, message: 'a badge on PAY-15' });
      assert.equal(badge.tooltip, 'blocked-long: 2 items blocked for 1 day or more: PAY-12, PAY-15.');
      assert.ok(fired > 0, 'the views were told the badges changed');
      assert.equal(history.snapshot(workspaceRoot())?.source?.history, read, 'the same history, not read again');
      // More days than PAY-12 has been blocked (since 2026-11-16): blocked-long is gone from its reasons too.
      await config().update('blocked-long', 1000, vscode.ConfigurationTarget.Workspace);
      await waitFor(async () => (await badgeOf('PAY-15')) === undefined, { timeout: 10_000, message: 'the badge of PAY-15 to go' });
      assert.doesNotMatch((await badgeOf('PAY-12'))?.tooltip ?? '', /blocked-long/);
      await config().update('blocked-long', undefined, vscode.ConfigurationTarget.Workspace);
      await waitFor(async () => /blocked-long: 1 item blocked for 3 days or more: PAY-12\./.test((await badgeOf('PAY-12'))?.tooltip ?? ''), { timeout: 10_000, message: 'PAY-12 blocked-long again' });
      assert.equal(await badgeOf('PAY-15'), undefined);
    } finally {
      sub.dispose();
    }
  });
});
