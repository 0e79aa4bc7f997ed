// The integration runner: bundles test/integration, starts code-server on a
// fresh git copy of the fixture workspace, opens the workbench in chromium with
// the extension in development mode and test/integration/index.ts as the
// extension-tests entry, waits for the exit code and prints mocha's report.
// Entry: scripts/vscode-test/run-integration.ts (see --help there).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, workbenchUrl, type Browser } from './browser';
import { bundleIntegrationTests } from './bundle';
import { mapBundlePositions } from './sourcemap';
import { prepareUntrusted } from '../../integration-untrusted/setup';
import { assertExtensionBuilt, REPO_ROOT } from './paths';
import { delay, startCodeServer, type Server } from './server';
import { createRunDir, prepareWorkspace, removeRunDir, type RunDir } from './workspace';

export interface Options {
  grep?: string;
  /** Keep the run folder even when the tests pass. */
  keep: boolean;
  timeoutMs: number;
  /** Run .vscode-test.mjs's configuration through @vscode/test-cli's own runner instead of index.ts. */
  testCli: boolean;
  /** Restricted Mode: workspace trust on and not granted, git traps armed, test/integration-untrusted's tests. */
  untrusted?: boolean;
}

export const USAGE = `Usage: tsx scripts/vscode-test/run-integration.ts [options]
  --grep PATTERN     only tests whose full title matches
  --keep             keep the run folder (workspace, logs, report) after a pass
  --timeout SECONDS  whole-run limit (default 600, env SPRINTLOG_TEST_TIMEOUT)
  --test-cli         run the .vscode-test.mjs config with @vscode/test-cli's runner
  --untrusted        run test/integration-untrusted in Restricted Mode (workspace trust
                     on, folder not trusted) with git traps armed in the workspace
  --prepare-only DIR bundle the tests and write a fixture git workspace to DIR,
                     print {"tests","index","workspace"} as JSON (.vscode-test.mjs uses it)
Expects \`npm run build\` and scripts/vscode-test/install.sh to have run.`;

const say = (msg: string) => console.log(`[integration] ${msg}`);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** For .vscode-test.mjs: the bundle and a fresh git workspace at `dir`, without running anything. */
export async function prepareOnly(dir: string): Promise<void> {
  const bundle = await bundleIntegrationTests();
  fs.rmSync(dir, { recursive: true, force: true });
  prepareWorkspace(path.resolve(dir));
  process.stdout.write(JSON.stringify({ tests: bundle.tests, index: bundle.index, workspace: path.resolve(dir) }) + '\n');
}

interface Plan {
  testsPath: string;
  workspace?: string;
  env: Record<string, string>;
}

/**
 * What `vscode-test --list-configuration` makes of .vscode-test.mjs (test-cli's own runner, its
 * VSCODE_TEST_OPTIONS, the workspace): the desktop path, run here in code-server instead of electron.
 */
function testCliPlan(): Plan {
  const cli = path.join(REPO_ROOT, 'node_modules', '@vscode', 'test-cli', 'out', 'bin.mjs');
  const out = execFileSync(process.execPath, [cli, '--list-configuration'], { cwd: REPO_ROOT, encoding: 'utf8' });
  const [first] = JSON.parse(out) as {
    config: { workspaceFolder?: string };
    extensionTestsPath: string;
    env: Record<string, string | undefined>;
  }[];
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(first.env)) if (v !== undefined) env[k] = v;
  return { testsPath: first.extensionTestsPath, workspace: first.config.workspaceFolder, env };
}

export async function runIntegration(opts: Options): Promise<number> {
  const started = Date.now();
  assertExtensionBuilt();
  let plan: Plan;
  if (opts.testCli) {
    plan = testCliPlan();
    say(`@vscode/test-cli runner with .vscode-test.mjs (${seconds(started)})`);
  } else {
    const bundle = opts.untrusted
      ? await bundleIntegrationTests(path.join(REPO_ROOT, 'test', 'integration-untrusted'), path.join(REPO_ROOT, 'out', 'integration-untrusted'))
      : await bundleIntegrationTests();
    say(`bundled ${bundle.files.length} test file(s) into ${path.relative(REPO_ROOT, bundle.tests)} (${seconds(started)})`);
    plan = { testsPath: bundle.index, env: {} };
  }

  const run = createRunDir(opts.untrusted ? 'integration-untrusted' : 'integration');
  const workspace = plan.workspace ?? prepareWorkspace(run.workspace);
  // Before the server starts, so the traps are in place before the extension activates.
  const untrusted = opts.untrusted ? prepareUntrusted(run.root, workspace) : undefined;
  if (untrusted) say(`Restricted Mode run: git traps armed, marker ${untrusted.marker}`);
  let server: Server | undefined;
  let browser: Browser | undefined;
  let status = 1;
  const cleanUp = async () => {
    await browser?.close();
    await server?.stop();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`[integration] ${signal}: stopping code-server and chromium; run folder kept: ${run.root}`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const env: Record<string, string> = { ...plan.env, ...untrusted?.env, SPRINTLOG_TEST_REPORT: run.report };
    if (opts.grep) env.SPRINTLOG_TEST_GREP = opts.grep;
    const serverStart = Date.now();
    server = await startCodeServer(run, { env, workspaceTrust: untrusted !== undefined, settings: untrusted?.settings, vscodeOptions: untrusted?.vscodeOptions });
    say(`code-server listening on ${server.url} after ${seconds(serverStart)}`);

    browser = await launchBrowser(run);
    const testsStart = Date.now();
    const exitCode = new Promise<number>((resolve) => {
      // Registered before goto: the workbench calls it when the tests' run() settles (0 = resolved, 1 = threw).
      void browser!.page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await browser.page.goto(workbenchUrl(server, workspace, { extensionTestsPath: plan.testsPath }));
    const result = await Promise.race([exitCode, delay(opts.timeoutMs).then(() => 'timeout' as const)]);
    if (result === 'timeout') {
      await browser.page.screenshot({ path: path.join(run.root, 'timeout.png') }).catch(() => undefined);
      printReport(run, server);
      console.error(`[integration] FAILED: no exit code from the extension host within ${opts.timeoutMs / 1000} s ` +
        `(codeAutomationExit never called). Screenshot, server log and report are in ${run.root}`);
      return (status = 1);
    }
    status = result;
    say(`extension host finished with exit code ${status} after ${seconds(testsStart)}`);
    printReport(run, server);
    return status;
  } catch (err) {
    console.error(`[integration] FAILED: ${(err as Error).message}`);
    return (status = 1);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await cleanUp();
    if (status === 0 && !opts.keep) removeRunDir(run);
    else say(`run folder kept: ${run.root}`);
    say(`total ${seconds(started)}`);
  }
}

function printReport(run: RunDir, server: Server): void {
  if (fs.existsSync(run.report)) {
    console.log(mapBundlePositions(fs.readFileSync(run.report, 'utf8')));
    return;
  }
  // @vscode/test-cli's runner logs to the console only: the workbench forwards that to the page
  // (<run>/browser.log, format strings flattened). Show mocha's lines from there.
  const browserLog = path.join(run.root, 'browser.log');
  const lines = (fs.existsSync(browserLog) ? fs.readFileSync(browserLog, 'utf8') : '')
    .split('\n')
    // eslint-disable-next-line no-control-regex -- strips the ANSI colours mocha adds
    .map((l) => l.replace(/\u001b\[[0-9;]*m/g, '').replace(/^\[log\] %c INFO color: #33f /, '').replace(/%[sd]/g, ''))
    .filter((l) => /✔|passing|failing|pending|^\s+\d+\) |Error/.test(l));
  if (lines.length > 0) {
    console.log(`[integration] mocha lines from the extension host console (all of it: browser.log in the run folder):\n${mapBundlePositions(lines.join('\n'))}`);
    return;
  }
  console.log(`[integration] no report at ${run.report} (the tests never started?); last lines of the server log:\n${server.logTail(80)}`);
}
