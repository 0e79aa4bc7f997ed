// Language features inside a real VS Code: diagnostics, quick fixes, completion,
// hover, CodeLens and the sprint status bar, on the fixture workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { activateExtension, readFile, resetWorkspace, waitFor, workspaceUri, writeFile } from './util';

const BACKLOG = 'backlog/backlog.yaml';

interface LanguageTestApi {
  statusText(): string;
  refreshStatus(): void;
}

interface StoreView {
  folders(): readonly { workspace: { backlogs: { file: string; text: string }[]; sprintLog?: { text: string } } }[];
}

/**
 * After a reset (git reset, reverted buffers) the store reloads after its debounce: wait until
 * its model is the disk text again, so a test never reads the previous test's edits.
 */
async function modelSettled(): Promise<void> {
  const ext = await activateExtension();
  const store = (ext.exports as { store?: StoreView }).store;
  assert.ok(store, 'activate() returns { store }');
  await waitFor(() => {
    const ws = store.folders()[0]?.workspace;
    const main = ws?.backlogs.find((b) => b.file === BACKLOG);
    return main?.text === readFile(BACKLOG) && ws?.sprintLog?.text === readFile('backlog/sprints.yaml');
  }, { timeout: 10_000, message: 'the backlog model to match the files on disk' });
}

async function languageApi(): Promise<LanguageTestApi> {
  const ext = await activateExtension();
  const api = (ext.exports as { language?: LanguageTestApi } | undefined)?.language;
  assert.ok(api, 'activate() returns { language } for tests');
  return api;
}

async function openBacklog(): Promise<{ uri: vscode.Uri; doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const uri = workspaceUri(BACKLOG);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  return { uri, doc, editor };
}

/** Line (0-based) and character of the first occurrence of `needle` in `text`. */
function locate(text: string, needle: string, from = 0): vscode.Position {
  const at = text.indexOf(needle, from);
  assert.ok(at >= 0, `${JSON.stringify(needle)} is in the text`);
  const before = text.slice(0, at).split('\n');
  return new vscode.Position(before.length - 1, before[before.length - 1].length);
}

async function replaceInBuffer(doc: vscode.TextDocument, from: string, to: string): Promise<void> {
  const text = doc.getText();
  const at = text.indexOf(from);
  assert.ok(at >= 0, `${JSON.stringify(from)} is in the buffer`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + from.length)), to);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

function ours(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'sprintlog' && (code === undefined || d.code === code));
}

describe('language features', () => {
  before(async () => {
    await languageApi();
    await modelSettled();
  });
  afterEach(async () => {
    await resetWorkspace();
    await modelSettled();
  });

  it('reports the fixture\'s unknown key as a warning on exactly the key', async () => {
    const uri = workspaceUri(BACKLOG);
    const text = readFile(BACKLOG);
    const d = await waitFor(() => ours(uri, 'unknown-key')[0], { timeout: 10_000, message: 'the unknown-key diagnostic' });
    const start = locate(text, 'custom_field:');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(d.range.isEqual(new vscode.Range(start, start.translate(0, 'custom_field'.length))), `range ${JSON.stringify(d.range)}`);
    assert.equal(ours(uri).filter((x) => x.severity === vscode.DiagnosticSeverity.Error).length, 0, 'the fixture has no errors');
  });

  it('reports a bad state while typing, and its quick fix replaces just the value', async () => {
    const { uri, doc } = await openBacklog();
    const original = doc.getText();
    await replaceInBuffer(doc, 'state: in-progress', 'state: doing-it');
    assert.ok(doc.isDirty, 'not saved: diagnostics come from the buffer');
    const d = await waitFor(() => ours(uri, 'bad-state')[0], { timeout: 10_000, message: 'a bad-state diagnostic for the unsaved buffer' });
    const start = locate(doc.getText(), 'doing-it');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(d.range.isEqual(new vscode.Range(start, start.translate(0, 'doing-it'.length))), `range ${JSON.stringify(d.range)}`);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    for (const s of ['todo', 'in-progress', 'review', 'done']) assert.ok(titles.includes(`Change state to \`${s}\``), titles.join(' | '));
    const review = actions.find((a) => a.title === 'Change state to `review`');
    assert.ok(review?.edit);
    assert.ok(await vscode.workspace.applyEdit(review.edit));
    assert.equal(doc.getText(), original.replace('state: in-progress', 'state: review'));
    await waitFor(() => ours(uri, 'bad-state').length === 0, { timeout: 10_000, message: 'the bad-state diagnostic to clear' });
  });

  it('renames a misspelt key with its quick fix', async () => {
    const { uri, doc } = await openBacklog();
    const original = doc.getText();
    await replaceInBuffer(doc, 'assignee: alice', 'asignee: alice');
    const d = await waitFor(() => ours(uri, 'unknown-key').find((x) => x.message.includes('asignee')), { timeout: 10_000, message: 'unknown-key for asignee' });
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const rename = actions.find((a) => a.title === 'Rename `asignee` to `assignee`');
    assert.ok(rename?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(rename.edit));
    assert.equal(doc.getText(), original);
  });

  it('reports a file on disk that is not open, and clears it when the file is deleted', async () => {
    const rel = 'backlog/archive/2025.yaml';
    writeFile(rel, 'version: 1\nitems:\n  - id: PAY-12\n    title: Same id as in the main file\n    sprint: S99\n');
    const uri = workspaceUri(rel);
    const found = await waitFor(() => {
      const codes = ours(uri).map((d) => `${d.code}@${d.range.start.line}`);
      return codes.includes('duplicate-id@2') && codes.includes('unknown-sprint@4') ? codes : undefined;
    }, { timeout: 10_000, message: 'duplicate-id and unknown-sprint in the archive file' });
    assert.ok(found);
    const sprint = ours(uri, 'unknown-sprint')[0];
    await vscode.workspace.openTextDocument(uri); // code actions need the file's text model
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, sprint.range, vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(actions.map((a) => a.title).filter((t) => t.startsWith('Change sprint')), ['Change sprint to `S11`', 'Change sprint to `S12`', 'Change sprint to `S13`']);
    await vscode.workspace.fs.delete(uri);
    await waitFor(() => ours(uri).length === 0, { timeout: 10_000, message: 'the deleted file\'s diagnostics to clear' });
  });

  it('completes states after `state:` and sprint ids after `sprint:`', async () => {
    const { uri, doc } = await openBacklog();
    await replaceInBuffer(doc, 'state: in-progress', 'state: ');
    const statePos = locate(doc.getText(), 'state: ').translate(0, 'state: '.length);
    const states = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, statePos);
    const stateLabels = states.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const s of ['todo', 'in-progress', 'review', 'done']) assert.ok(stateLabels.includes(s), stateLabels.join(', '));
    assert.ok(!stateLabels.includes('S12'), 'no sprint ids for a state');

    await replaceInBuffer(doc, 'sprint: S12', 'sprint: S1');
    const sprintPos = locate(doc.getText(), 'sprint: S1').translate(0, 'sprint: S1'.length);
    const sprints = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, sprintPos);
    const sprintLabels = sprints.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const s of ['S11', 'S12', 'S13']) assert.ok(sprintLabels.includes(s), sprintLabels.join(', '));
    assert.ok(!sprintLabels.includes('todo'), 'no states for a sprint');
  });

  it('hovers an item id in a TypeScript comment with its title', async function () {
    // The hover command also waits for the TypeScript server's hover, which starts cold.
    this.timeout(60_000);
    writeFile('src/checkout.ts', '// TODO(PAY-12): drop the manual form\nexport const PAYMENT = 1;\n');
    const uri = workspaceUri('src/checkout.ts');
    await vscode.workspace.openTextDocument(uri);
    const text = (h: vscode.Hover[]): string =>
      h.flatMap((x) => x.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 12));
    assert.match(text(hovers), /Checkout accepts saved cards/);
    assert.match(text(hovers), /in\\?-progress/);
    const none = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(1, 15));
    assert.doesNotMatch(text(none), /Checkout accepts saved cards/);
  });

  it('puts one CodeLens above each item and its comment', async () => {
    const { uri } = await openBacklog();
    const items = (parse(readFile(BACKLOG)) as { items: { id: string }[] }).items;
    const lenses = await waitFor(async () => {
      const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
      const mine = all.filter((l) => /· (\d+ pts?|unestimated)/.test(l.command?.title ?? ''));
      return mine.length > 0 ? mine : undefined;
    }, { timeout: 10_000, message: 'Sprintlog CodeLenses' });
    assert.equal(lenses.length, items.length);
    const text = readFile(BACKLOG);
    const lines = lenses.map((l) => l.range.start.line).sort((a, b) => a - b);
    // Above the item's own comment lines (PAY-9's "# Fixed last sprint…"), not between them and the item.
    const all = text.split('\n');
    const above = (line: number): number => (line > 0 && all[line - 1].trimStart().startsWith('#') ? above(line - 1) : line);
    const expected = items.map((i) => above(locate(text, `id: ${i.id}`).line)).sort((a, b) => a - b);
    assert.deepEqual(lines, expected);
    assert.ok(lines.includes(locate(text, '# Fixed last sprint').line));
    const pay12 = lenses.find((l) => l.range.start.line === locate(text, 'id: PAY-12').line);
    assert.match(pay12?.command?.title ?? '', /^in-progress · 5 pts/);
  });

  it('adds cycle time and age from git history to the CodeLenses and hover (trusted workspace only)', async function () {
    this.timeout(60_000);
    const { uri } = await openBacklog();
    const text = readFile(BACKLOG);
    const lensAt = async (id: string): Promise<string> => {
      const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
      // The lens sits above the item's comment lines.
      const lines = text.split('\n');
      let line = locate(text, `id: ${id}`).line;
      while (line > 0 && lines[line - 1].trimStart().startsWith('#')) line--;
      return all.find((l) => l.range.start.line === line)?.command?.title ?? '';
    };
    if (!vscode.workspace.isTrusted) {
      // Restricted mode: git never runs, so nothing history-based is shown (and nothing is invented).
      assert.equal(await lensAt('PAY-9'), 'done · 3 pts');
      return;
    }
    // The fixture is one commit of 2026-11-16 (Berlin) in which PAY-9 is already done and PAY-12 in progress.
    const done = await waitFor(async () => {
      const t = await lensAt('PAY-9');
      return t.includes('cycle time') ? t : undefined;
    }, { timeout: 45_000, message: 'the history figures in the PAY-9 lens' });
    assert.equal(done, 'done · 3 pts · cycle time 1d');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const age = Math.round((Date.parse(today) - Date.parse('2026-11-16')) / 86_400_000) + 1;
    assert.equal(await lensAt('PAY-12'), `in-progress · 5 pts · age ${age}d · blocked`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, locate(text, 'PAY-9\n').translate(0, 2));
    const md = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
    assert.match(md, /started 2026\\-11\\-16 · done 2026\\-11\\-16 · cycle time 1d/);
  });

  it('shows the active sprint in the status bar', async () => {
    const api = await languageApi();
    const log = parse(readFile('backlog/sprints.yaml')) as { sprints: { id: string; start: string; end: string }[] };
    const backlog = parse(readFile(BACKLOG)) as { items: { id: string; state?: string; points?: number; sprint?: string }[] };
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const active = log.sprints.find((s) => String(s.start) <= today && today <= String(s.end));
    api.refreshStatus();
    const text = api.statusText();
    if (active) {
      const remaining = backlog.items.filter((i) => i.sprint === active.id && i.state !== 'done').reduce((n, i) => n + (i.points ?? 0), 0);
      assert.match(text, new RegExp(`\\b${active.id}: ${remaining} pts? left · \\d+ days? left$`));
    } else {
      const next = log.sprints.filter((s) => String(s.start) > today).sort((a, b) => (a.start < b.start ? -1 : 1))[0];
      if (next) assert.match(text, new RegExp(`\\b${next.id} starts in \\d+ days?$`));
      else assert.equal(text, '');
    }
  });
});
