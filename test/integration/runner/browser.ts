// Debian's chromium driven by playwright-core, showing the workbench of a
// running code-server. Used by the integration runner and by the e2e tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, REPO_ROOT } from './paths';
import { isolatedEnv, type Server } from './server';
import type { RunDir } from './workspace';

const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface WorkbenchOptions {
  /** Folder with the extension's package.json; default: this repository. */
  extensionDevelopmentPath?: string;
  /** A CommonJS file exporting `run()`, run in the extension host (integration tests). */
  extensionTestsPath?: string;
  viewport?: { width: number; height: number };
}

/** `http://HOST/?folder=…&payload=…`; the payload is honoured because the server runs with enable-smoke-test-driver. */
export function workbenchUrl(server: Server, workspace: string, opts: WorkbenchOptions = {}): string {
  const remote = (p: string) => `vscode-remote://${server.host}${path.resolve(p)}`;
  const payload: [string, string][] = [['extensionDevelopmentPath', remote(opts.extensionDevelopmentPath ?? REPO_ROOT)]];
  if (opts.extensionTestsPath) payload.push(['extensionTestsPath', remote(opts.extensionTestsPath)]);
  return `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A fresh chromium profile in the run folder; page console errors go to <run>/browser.log. */
export async function launchBrowser(run: RunDir, opts: WorkbenchOptions = {}): Promise<Browser> {
  const context = await chromium.launchPersistentContext(run.browserProfile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    env: isolatedEnv(run),
    viewport: opts.viewport ?? { width: 1400, height: 900 },
    timeout: 30_000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const browserLog = path.join(run.root, 'browser.log');
  page.on('console', (msg) => {
    fs.appendFileSync(browserLog, `[${msg.type()}] ${msg.text()}\n`);
  });
  page.on('pageerror', (err) => fs.appendFileSync(browserLog, `[pageerror] ${err.stack ?? err.message}\n`));
  return { context, page, close: () => context.close().catch(() => undefined) };
}
