// Benchmark (not a test: nothing is asserted about time) of the extension at 5,000 items
// in the real VS Code: rows of both views after a reload, Set State → the views telling VS Code
// and VS Code asking for the edited row again, one typed character → the store's new model and
// → its diagnostic, and a cold activation (fresh store, views and history service of this bundle's own copy of the
// extension code: no parsed chunk or history state in memory, the history's disk cache
// warm) → every row, then → the rows with history figures. Figures are printed as ms and
// as ratios to the core parse of the same text in this process. Typing is also measured as a
// person types: a burst of 54 characters ~100 ms apart, with the extension host's longest
// event-loop block and its CPU per keystroke (the "no visible lag" figures). The Sprintlog views
// are shown first, so what VS Code asks of the tree providers after every change is counted.
// Runs only when selected: `npm run test:integration -- --grep bench`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { buildWorkspace } from '../../src/core/parse/workspace';
import type { SprintlogApi } from '../../src/extension/extension';
import { HistoryService } from '../../src/extension/history/service';
import { Store } from '../../src/extension/model/store';
import { BacklogTreeProvider } from '../../src/extension/views/backlogTree';
import type { Node } from '../../src/extension/views/nodes';
import { SprintTreeProvider } from '../../src/extension/views/sprintTree';
import { ViewState } from '../../src/extension/views/viewState';
import { git, workspaceUri, writeFile } from './util';
import { api, BACKLOG, settle } from './views-helpers';

const N = 5000;

function bigBacklog(): string {
  const lines = ['version: 1', 'project: PAY', 'states: {todo: todo, in-progress: doing, review: doing, done: done}', 'items:'];
  const states = ['todo', 'in-progress', 'review', 'done'];
  const sprints = ['S11', 'S12', 'S13'];
  for (let i = 1; i <= N; i++) {
    lines.push(`  - id: PAY-${1000 + i}`, `    title: Item number ${i} with a realistic title`, `    state: ${states[i % 4]}`, `    points: ${i % 8}`);
    if (i % 3 === 0) lines.push(`    sprint: ${sprints[i % 3]}`);
    lines.push(`    assignee: dev${i % 9}`);
  }
  return lines.join('\n') + '\n';
}

type Views = Pick<SprintlogApi['views'], 'sprint' | 'backlog'>;

async function allRows(a: { views: Views }): Promise<number> {
  let n = 0;
  for (const view of [a.views.sprint, a.views.backlog]) {
    for (const top of ((await view.getChildren()) ?? []) as Node[]) {
      view.getTreeItem(top);
      n++;
      for (const c of ((await view.getChildren(top)) ?? []) as Node[]) {
        view.getTreeItem(c);
        n++;
      }
    }
  }
  return n;
}

/**
 * With SPRINTLOG_BENCH_PROFILE=FILE, a CPU profile of the extension host (where this test runs)
 * from here until the returned function is called, written to FILE with the phase's name before
 * its extension (`x.cpuprofile` → `x.edit.cpuprofile`; open it in VS Code or Chrome).
 */
async function startProfile(phase: string): Promise<(() => Promise<void>) | undefined> {
  const base = process.env.SPRINTLOG_BENCH_PROFILE;
  if (!base) return undefined;
  const file = base.replace(/(\.cpuprofile)?$/, `.${phase}$1`);
  const inspector = await import('node:inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (method: string): Promise<unknown> => new Promise((resolve, reject) => session.post(method, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const ms = (x: number): string => `${x.toFixed(0)} ms`;

describe('bench: 5,000 items in the real VS Code', function () {
  this.timeout(400_000); // a shared, loaded machine stretches the wall time several-fold
  let a: SprintlogApi;
  before(async function () {
    if (!(process.env.SPRINTLOG_TEST_GREP ?? '').includes('bench')) this.skip();
    a = await api();
  });

  it('prints the figures', async () => {
    const text = bigBacklog();
    const p0 = performance.now();
    buildWorkspace('/x', [{ file: BACKLOG, text }], undefined);
    const parseMs = performance.now() - p0;
    writeFile(BACKLOG, text);
    git('commit', '-q', '-am', '5,000 items');
    await settle(a);
    // The views are shown, as a person working in the backlog has them: VS Code then asks the
    // providers for the rows of every expanded group after each change, and that is part of the cost.
    await vscode.commands.executeCommand('workbench.view.extension.sprintlog');
    const autoSave = vscode.workspace.getConfiguration('files').get<string>('autoSave');
    const out: string[] = [`core parse of the same text (baseline): ${ms(parseMs)} (files.autoSave: ${autoSave})`];
    const ratio = (x: number): string => `${ms(x)} (${(x / parseMs).toFixed(1)}× parse)`;

    // Views filled: a reload (what activation does first) until every row of both views is built.
    const fills: number[] = [];
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      await a.store.reload();
      const rows = await allRows(a);
      fills.push(performance.now() - t);
      assert.ok(rows > N);
    }
    out.push(`reload → all rows of both views: median ${ratio(median(fills))} of ${fills.map(ms).join(', ')}`);

    // Set State → the row in its new group (the command, the save, the store's reload, the rows).
    // What a person sees: the views telling VS Code their rows changed (onDidChangeTreeData), then
    // VS Code asking the Backlog view for the edited item's row again (the row drawn in its new group).
    const edits: number[] = [];
    const modelReady: number[] = [];
    const told: number[] = [];
    const asked: number[] = [];
    let tellAt = 0;
    let askAt = 0;
    let watched = '';
    const backlogView = a.views.backlog;
    // Only a change that holds the edit counts (the history's figures, say, are refreshed too).
    const tellers = [a.views.sprint, backlogView].map((v) => v.onDidChangeTreeData(() => {
      if (!tellAt && a.store.findItem(watched)?.item.state === 'in-progress') tellAt = performance.now();
    }));
    backlogView.getTreeItem = (node: Node) => {
      if (tellAt && !askAt && node.kind === 'item' && node.item.id === watched) askAt = performance.now();
      return Object.getPrototypeOf(backlogView).getTreeItem.call(backlogView, node);
    };
    const editProfile = await startProfile('edit');
    for (let k = 0; k < 5; k++) {
      const id = `PAY-${1000 + 4 * k + 4}`; // state done → in-progress
      watched = id;
      tellAt = askAt = 0;
      const t = performance.now();
      await vscode.commands.executeCommand('sprintlog.setState', { id, state: 'in-progress' });
      for (;;) {
        const item = a.store.findItem(id)?.item;
        if (item?.state === 'in-progress') break;
        await new Promise((r) => setTimeout(r, 5));
      }
      // The command done (its save included) with the store's new model, apart from this test's walk of
      // every row of both views (VS Code itself asks only for the rows it shows).
      modelReady.push(performance.now() - t);
      for (const end = performance.now() + 3000; !askAt && performance.now() < end;) await new Promise((r) => setTimeout(r, 5));
      told.push(tellAt ? tellAt - t : NaN);
      asked.push(askAt ? askAt - t : NaN);
      await allRows(a);
      edits.push(performance.now() - t);
    }
    await editProfile?.();
    for (const d of tellers) d.dispose();
    delete (backlogView as Partial<typeof backlogView>).getTreeItem;
    // The first edit also opens the 5,000-item document (VS Code sends its text to the extension host): apart.
    const some = (xs: number[]): string => {
      const [first, ...rest] = xs.map((x) => (Number.isNaN(x) ? 'not within 3 s' : ms(x)));
      const seen = xs.slice(1).filter((x) => !Number.isNaN(x));
      return `first ${first}, then ${seen.length ? `median ${ms(median(seen))}` : 'n/a'} of ${rest.join(', ')}`;
    };
    out.push(`Set State → VS Code asks for the item's row again: ${some(asked)}; → the views tell VS Code: ${some(told)}; → the command done (saved): median ${ms(median(modelReady))}; → every row of both views rebuilt by this test: median ${ratio(median(edits))}`);

    // The saves above rerun the history (5,000 items, in the extension host): measured on its own,
    // so the typing figures below are typing only.
    const h0 = performance.now();
    await (a.history as HistoryService | undefined)?.idle();
    out.push(`history recompute after the saves, until idle: ${ratio(performance.now() - h0)}`);

    // One typed character → the store's new model (debounce included); the editor shows the file.
    const doc = await vscode.workspace.openTextDocument(workspaceUri(BACKLOG));
    const editor = await vscode.window.showTextDocument(doc);
    const lineOf = (needle: string) => doc.lineAt(doc.getText().split('\n').findIndex((l) => l.includes(needle)));
    // Wall time on a shared machine swings with the load: the extension host's CPU time for the same span
    // (this test runs in it) and the part after VS Code applied the edit are printed too.
    const typing: number[] = [];
    const applied: number[] = [];
    const cpu: number[] = [];
    const profile = await startProfile('typing');
    for (let k = 0; k < 5; k++) {
      const before = a.store.folders()[0].version;
      const line = lineOf(`title: Item number ${k + 10} `);
      const c = process.cpuUsage();
      const t = performance.now();
      await editor.edit((e) => e.insert(line.range.end, 'x'));
      const t1 = performance.now();
      while (a.store.folders()[0].version === before) await new Promise((r) => setTimeout(r, 5));
      const used = process.cpuUsage(c);
      typing.push(performance.now() - t);
      applied.push(performance.now() - t1);
      cpu.push((used.user + used.system) / 1000);
    }
    await profile?.();
    out.push(`one typed character → new model (debounce included): median ${ratio(median(typing))} of ${typing.map(ms).join(', ')}; from the edit applied: median ${ms(median(applied))}; extension-host CPU: median ${ms(median(cpu))} of ${cpu.map(ms).join(', ')}`);

    // One typed character that makes an error (`points: 3x`) → its diagnostic in the editor.
    const toDiag: number[] = [];
    for (let k = 0; k < 5; k++) {
      const line = lineOf(`title: Item number ${k + 20} `).lineNumber + 2; // id, title, state, points
      assert.match(doc.lineAt(line).text, /^ {4}points: \d+$/);
      const shown = () => vscode.languages.getDiagnostics(doc.uri).some((d) => d.source === 'sprintlog' && d.code === 'bad-points' && d.range.start.line === line);
      const t = performance.now();
      await editor.edit((e) => e.insert(doc.lineAt(line).range.end, 'x'));
      while (!shown()) await new Promise((r) => setTimeout(r, 5));
      toDiag.push(performance.now() - t);
    }
    out.push(`one typed character → its diagnostic shown: median ${ratio(median(toDiag))} of ${toDiag.map(ms).join(', ')}`);
    // A burst as a person types: 54 characters ~100 ms apart at the end of a title. "No visible lag"
    // in the extension host: its longest event-loop block (what delays every other extension's and
    // VS Code's requests there) and its CPU per keystroke, from the first key until the store's model
    // holds the last one plus a quiet second (debounced view refreshes and lenses included).
    const burstLine = lineOf('title: Item number 30 ').lineNumber;
    const modelHasBuffer = (): boolean => a.store.folders()[0].workspace.backlogs.find((b) => b.file === BACKLOG)?.text === doc.getText();
    const TYPED = 'and a few more words typed at a human pace, one by one';
    const loop = monitorEventLoopDelay({ resolution: 5 });
    const burstProfile = await startProfile('burst');
    const v0 = a.store.folders()[0].version;
    const bc = process.cpuUsage();
    const b0 = performance.now();
    loop.enable();
    const echo: number[] = [];
    for (let k = 0; k < TYPED.length; k++) {
      const due = b0 + 100 * k;
      if (performance.now() < due) await new Promise((r) => setTimeout(r, due - performance.now()));
      const te = performance.now();
      await editor.edit((e) => e.insert(doc.lineAt(burstLine).range.end, TYPED[k]), { undoStopBefore: false, undoStopAfter: false });
      echo.push(performance.now() - te);
    }
    const lastKey = performance.now();
    while (!modelHasBuffer()) await new Promise((r) => setTimeout(r, 5));
    const toModel = performance.now() - lastKey;
    const models = a.store.folders()[0].version - v0;
    await new Promise((r) => setTimeout(r, 1000));
    loop.disable();
    const bcpu = process.cpuUsage(bc);
    await burstProfile?.();
    out.push(`burst of ${TYPED.length} typed characters ~100 ms apart: longest extension-host event-loop block ${ms(loop.max / 1e6)} (p99 ${ms(loop.percentile(99) / 1e6)}); extension-host CPU per keystroke ${ms((bcpu.user + bcpu.system) / 1000 / TYPED.length)}; last key → new model ${ms(toModel)} (${models} models built during the burst); edit round trip median ${ms(median(echo))}, max ${ms(Math.max(...echo))}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');

    // Cold activation with a warm history cache: what activate() builds, from this bundle's own copy.
    const colds: string[] = [];
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      const store = new Store();
      const memory = new Map<string, unknown>();
      const memento: vscode.Memento = { keys: () => [...memory.keys()], get: <T>(key: string, d?: T) => (memory.has(key) ? memory.get(key) as T : d), update: async (key: string, v: unknown) => void memory.set(key, v) };
      const state = new ViewState(memento);
      const history = new HistoryService(store);
      const views = { sprint: new SprintTreeProvider(store, state, history), backlog: new BacklogTreeProvider(store, state, history) };
      store.start();
      await store.ready();
      const rows = await allRows({ views });
      const tRows = performance.now() - t;
      await history.idle();
      await allRows({ views });
      const tHistory = performance.now() - t;
      colds.push(`${ms(tRows)} / ${ms(tHistory)}`);
      assert.ok(rows > N);
      for (const d of [views.sprint, views.backlog, history, store, state]) d.dispose();
    }
    out.push(`activation → all rows / → rows with history figures (history disk cache warm): first (nothing in memory) ${colds[0]}; again (parsed chunks and history state in memory) ${colds.slice(1).join(', ')}`);
    // The extension host's console reaches only code-server's log: the figures go to the run's report.
    const report = process.env.SPRINTLOG_TEST_REPORT;
    if (report) fs.appendFileSync(report, out.map((l) => `[bench] ${l}`).join('\n') + '\n');
    assert.equal(out.length, 8);
  });

  after(async () => {
    if (!a) return;
    const { resetWorkspace } = await import('./util');
    await resetWorkspace();
    await settle(a);
  });
});
