/**
 * Integration tests: mocha (bdd: describe/it/before/after…) inside a real VS Code extension host,
 * with the extension in development mode and a fixture workspace open.
 *
 * Adding a test:
 * - Create test/integration/<feature>.test.ts (any *.test.ts under test/integration, except
 *   fixtures/ and runner/). It is picked up automatically; no list to edit.
 * - `import * as vscode from 'vscode'` works (the extension host provides it); mocha's describe/it
 *   are globals; use `node:assert/strict`.
 * - Helpers in ./util.ts: `workspaceRoot()`, `readFile(rel)`, `writeFile(rel, text)`, `git(...args)`,
 *   `gitDiff(rel?)`, `waitFor(cond, {timeout, message})`, `activateExtension()`,
 *   `resetWorkspace()` (back to the fixture commit: call it in afterEach when a test edits files,
 *   switches branches or leaves editors open) and `syncOpenDocuments()` (after changing files on
 *   disk behind VS Code's back, until open documents show the new text).
 * - The workspace is a copy of test/integration/fixtures/workspace made a git repository per run:
 *   one commit on `main` tagged `fixture` (dated 2026-11-16). Test files share one workspace and
 *   run in file-name order.
 *
 * Running: `npm run build && npm run test:integration` (offline, code-server + chromium;
 * `-- --grep 'set state'` to filter, `-- --keep` to keep the run folder). Where VS Code can be
 * downloaded, `npm run test:vscode-desktop` runs the same files via @vscode/test-cli (.vscode-test.mjs).
 *
 * This file is the extension-tests entry (`run()`) for the offline runner. The extension host's
 * console only reaches code-server's log, so mocha's report is also written to $SPRINTLOG_TEST_REPORT,
 * which the runner prints.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const report = process.env.SPRINTLOG_TEST_REPORT;
  const write = (line: string) => {
    console.log(line);
    if (report) fs.appendFileSync(report, line + '\n');
  };
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: Number(process.env.SPRINTLOG_TEST_MOCHA_TIMEOUT ?? 20_000),
    grep: process.env.SPRINTLOG_TEST_GREP || undefined,
  });
  mocha.addFile(path.join(__dirname, 'tests.js'));

  // The spec reporter prints through Base.consoleLog: send it to the report too.
  const Base = Mocha.reporters.Base;
  const consoleLog = Base.consoleLog;
  Base.consoleLog = (...args: unknown[]) => write(format(...args));
  try {
    const stats = await new Promise<Mocha.Stats>((resolve, reject) => {
      try {
        const runner = mocha.run(() => resolve(runner.stats!));
      } catch (err) {
        reject(err); // a test file that throws while loading
      }
    });
    const skipped = stats.pending ? `, ${stats.pending} skipped` : '';
    write(`integration: ${stats.passes} passed, ${stats.failures} failed${skipped}`);
    if (stats.failures > 0) throw new Error(`${stats.failures} integration test(s) failed`);
    if (stats.passes === 0) throw new Error('no integration test ran');
  } catch (err) {
    write(`integration run failed: ${(err as Error).stack ?? String(err)}`);
    throw err;
  } finally {
    Base.consoleLog = consoleLog;
  }
}
