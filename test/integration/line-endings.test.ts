// A backlog file saved on Windows: UTF-8 with a BOM and CRLF line endings.
// Diagnostics and CodeLenses sit on the right characters, and edits keep the
// BOM and the CRLF endings (no mixed line endings after an insert).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { SprintlogApi } from '../../src/extension/extension';
import { readFile, resetWorkspace, syncOpenDocuments, waitFor, workspaceUri, writeFile } from './util';
import { api, BACKLOG, settle } from './views-helpers';

describe('a backlog file with a BOM and CRLF line endings', () => {
  let a: SprintlogApi;
  before(async () => {
    a = await api();
  });
  beforeEach(async () => {
    const text = readFile(BACKLOG).replace('    custom_field: kept as is', '    stat: todo').replace(/\n/g, '\r\n');
    writeFile(BACKLOG, '\uFEFF' + text);
    await syncOpenDocuments();
    await a.store.reload();
    await waitFor(() => a.store.folders()[0]?.workspace.backlogs[0]?.text.includes('stat: todo   # unknown keys survive every write\r\n'), { message: 'the store to read the CRLF file' });
  });
  afterEach(async () => {
    await resetWorkspace();
    await settle(a);
  });

  it('puts diagnostics and CodeLenses on the editor text', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri(BACKLOG));
    assert.equal(doc.eol, vscode.EndOfLine.CRLF);
    const diagnostic = await waitFor(() => vscode.languages.getDiagnostics(doc.uri).find((d) => d.source === 'sprintlog' && d.code === 'unknown-key'), { message: 'the unknown-key diagnostic' });
    assert.equal(doc.getText(diagnostic.range), 'stat');
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
    const lines = lenses.map((l) => doc.lineAt(l.range.start.line).text);
    assert.ok(lines.includes('  - id: PAY-12               # the one everyone waits for'), lines.join('\n'));
    assert.ok(lines.includes('  - id: PAY-17'), lines.join('\n'));
    assert.ok(lenses.every((l) => l.range.start.character === 2), lenses.map((l) => l.range.start.character).join(','));
  });

  it('edits keep the BOM and CRLF endings', async () => {
    for (const [command, args] of [
      ['sprintlog.setState', { id: 'PAY-15', state: 'review' }],
      ['sprintlog.newItem', { title: 'Windows line endings', rank: 0 }],
      ['sprintlog.estimate', { id: 'PAY-14', points: 2 }],
    ] as const) {
      const result = await vscode.commands.executeCommand(command, args);
      assert.ok(!(result && typeof result === 'object' && 'refused' in result), `${command}: ${JSON.stringify(result)}`);
    }
    const bytes = fs.readFileSync(workspaceUri(BACKLOG).fsPath);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is kept');
    const text = bytes.toString('utf8');
    assert.equal(/(?<!\r)\n/.test(text), false, 'every line ends in CRLF');
    assert.match(text, /\r\n {4}title: Windows line endings\r\n/);
    assert.match(text, /- id: PAY-15\r\n(?: {4}.*\r\n)*? {4}state: review\r\n/);
    assert.match(text, /- id: PAY-14\r\n(?: {4}.*\r\n)*? {4}points: 2\r\n/);
  });
});

describe('a backlog file with mixed line endings', () => {
  let a: SprintlogApi;
  before(async () => {
    a = await api();
  });
  afterEach(async () => {
    await resetWorkspace();
    await settle(a);
  });

  it('is edited like any other (VS Code shows it with one line ending)', async () => {
    // Mostly CRLF, one line appended by a tool that writes LF.
    const mixed = readFile(BACKLOG).replace(/\n/g, '\r\n') + '  - id: PAY-18\n    title: Appended with LF\r\n';
    writeFile(BACKLOG, mixed);
    const doc = await vscode.workspace.openTextDocument(workspaceUri(BACKLOG));
    await vscode.window.showTextDocument(doc);
    await waitFor(() => doc.getText().includes('Appended with LF'), { message: 'the document to show the file' });
    await a.store.reload();
    const result = await vscode.commands.executeCommand('sprintlog.setState', { id: 'PAY-18', state: 'review' });
    assert.ok(!(result && typeof result === 'object' && 'refused' in result), JSON.stringify(result));
    assert.match(readFile(BACKLOG), /- id: PAY-18\r?\n {4}title: Appended with LF\r?\n {4}state: review\r?\n/);
  });
});
