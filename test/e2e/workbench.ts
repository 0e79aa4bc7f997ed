// A person's view of VS Code for the e2e tests: a page object over the real
// workbench (code-server + chromium, see test/integration/runner) with the
// extension in development mode on a fresh git copy of the fixture workspace.
// Every step waits for what a person would wait for, and fails saying what never appeared.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, workbenchUrl, type Browser } from '../integration/runner/browser';
import { assertExtensionBuilt, REPO_ROOT } from '../integration/runner/paths';
import { startCodeServer, type Server } from '../integration/runner/server';
import { createRunDir, prepareWorkspace, removeRunDir, type RunDir } from '../integration/runner/workspace';

export const SCREENSHOTS = path.join(REPO_ROOT, 'test-results', 'e2e');
let shots = 0;

/** The extension under test; SPRINTLOG_E2E_EXTENSION overrides it (to try the e2e helpers on another build). */
export const EXTENSION_PATH = path.resolve(process.env.SPRINTLOG_E2E_EXTENSION ?? REPO_ROOT);

export interface Contribution {
  container?: { id: string; title: string };
  views: { id: string; name: string }[];
}

/** The Sprintlog activity-bar container and its views, as the extension's package.json declares them. */
export function sprintlogContribution(extensionPath = EXTENSION_PATH): Contribution {
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
  const containers = (pkg.contributes?.viewsContainers?.activitybar ?? []) as { id: string; title: string }[];
  const views = (pkg.contributes?.views?.sprintlog ?? []) as { id: string; name: string }[];
  return { container: containers.find((c) => c.id === 'sprintlog'), views };
}

/** The little of a DOM element that rowContext() reads (the project compiles without the DOM lib). */
interface DomRow {
  getAttribute(name: string): string | null;
  innerText: string;
  parentElement: { children: ArrayLike<DomRow> } | null;
}

export class Workbench {
  private constructor(
    readonly page: Page,
    readonly run: RunDir,
    private readonly server: Server,
    private readonly browser: Browser,
  ) {}

  /** Absolute path of the opened workspace (a git repository at the `fixture` tag). */
  get workspace(): string {
    return this.run.workspace;
  }

  /** `prepare` writes the workspace folder instead of the fixture (it gets an absolute path that does not exist yet). */
  static async open({ prepare = (dir: string) => void prepareWorkspace(dir) } = {}): Promise<Workbench> {
    assertExtensionBuilt(EXTENSION_PATH);
    const run = createRunDir('e2e');
    prepare(run.workspace);
    const server = await startCodeServer(run);
    try {
      const browser = await launchBrowser(run);
      const wb = new Workbench(browser.page, run, server, browser);
      await browser.page.goto(workbenchUrl(server, run.workspace, { extensionDevelopmentPath: EXTENSION_PATH }));
      return wb;
    } catch (err) {
      await server.stop();
      throw err;
    }
  }

  /** Stops chromium and code-server; the run folder is kept (and named) when `keep`. */
  async close(keep = false): Promise<void> {
    await this.browser.close();
    await this.server.stop();
    if (keep) console.log(`      e2e run folder kept: ${this.run.root}`);
    else removeRunDir(this.run);
  }

  /** The workbench is up and shows the workspace's files. */
  async waitForLoaded(timeout = 60_000): Promise<void> {
    await this.expectVisible(this.page.locator('.monaco-workbench'), 'the VS Code workbench', timeout);
    await this.expectVisible(
      this.page.locator('.part.sidebar [role="treeitem"][aria-label="backlog"]'),
      'the "backlog" folder in the Explorer',
      timeout,
    );
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, `${String(++shots).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  private quickInput(): Locator {
    return this.page.locator('.quick-input-widget input.input');
  }

  /** Waits for a quick input (a picker some action opened) to show its entries; returns its placeholder. */
  async waitForQuickPick(what: string, timeout = 10_000): Promise<string> {
    await this.expectVisible(this.page.locator('.quick-input-widget .monaco-list-row'), what, timeout);
    return (await this.quickInput().getAttribute('placeholder')) ?? '';
  }

  /** Waits until the quick-input box is visible and reads exactly `value`. */
  private async quickInputReads(value: string, what: string): Promise<void> {
    const input = this.quickInput();
    await this.expectVisible(input, what, 10_000);
    const deadline = Date.now() + 10_000;
    while ((await input.inputValue()) !== value) {
      if (Date.now() > deadline) throw new Error(`${what}: the quick-input box reads ${JSON.stringify(await input.inputValue())}, not ${JSON.stringify(value)}`);
      await this.page.waitForTimeout(50);
    }
  }

  /**
   * Picks the first entry of the open quick input whose label matches, after typing `filter`.
   * Waits for the picker's entries first (`waitForEntries`), since a filter typed before they load can match nothing.
   */
  async pickQuickItem(filter: string, label: string | RegExp = filter, { timeout = 10_000, waitForEntries = true } = {}): Promise<void> {
    await this.expectVisible(this.quickInput(), 'the quick-input box', timeout);
    const rows = this.page.locator('.quick-input-widget .monaco-list-row');
    if (waitForEntries) await this.expectVisible(rows, `entries in the quick input "${await this.quickInput().getAttribute('placeholder')}"`, timeout);
    await this.quickInput().pressSequentially(filter, { delay: 10 });
    const row = rows.filter({ hasText: label }).first();
    await this.expectVisible(row, `a quick-input entry ${label}`, timeout);
    const placeholder = await this.quickInput().getAttribute('placeholder');
    await row.click();
    // Done when the box closes, or when the next picker took its place (another placeholder);
    // typing earlier would land in the old picker.
    const deadline = Date.now() + timeout;
    while ((await this.quickInput().isVisible()) && (await this.quickInput().getAttribute('placeholder').catch(() => null)) === placeholder) {
      if (Date.now() > deadline) throw new Error(`the quick input ("${placeholder}") was still open ${timeout / 1000} s after picking ${label}`);
      await this.page.waitForTimeout(50);
    }
  }

  /** F1, wait for `>` (or the text would search files), type the command's title, run it. */
  async runCommand(title: string | RegExp, filter = typeof title === 'string' ? title : title.source): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.quickInputReads('>', 'the command palette');
    await this.pickQuickItem(filter, title);
  }

  /** Ctrl+P, the file's name, Enter; waits for its editor tab. */
  async quickOpen(relPath: string): Promise<void> {
    const base = path.posix.basename(relPath);
    await this.page.keyboard.press('Control+P');
    await this.quickInputReads('', 'quick open (Ctrl+P)');
    // Recently opened files may be none: nothing to wait for before typing.
    await this.pickQuickItem(relPath, base, { waitForEntries: false });
    await this.expectVisible(this.page.locator(`.tabs-container .tab.active[aria-label^="${base}"]`), `an active editor tab for ${base}`, 15_000);
  }

  /** The visible text of the active editor (what is on screen, not the whole file). */
  async activeEditorText(): Promise<string> {
    const lines = this.page.locator('.editor-group-container.active .monaco-editor .view-lines');
    await this.expectVisible(lines, 'the active editor', 10_000);
    return (await lines.innerText()).replace(/\u00a0/g, ' ');
  }

  /**
   * The text of the log channel `name` (an extension's createOutputChannel(name, { log: true })), via
   * Developer: Show Logs. The list is a snapshot taken when it opens and the channel exists only once
   * the extension activated, so reopen it until the channel is listed (as a person would).
   */
  async logChannelText(name: string, timeout = 30_000): Promise<string> {
    const deadline = Date.now() + timeout;
    const rows = this.page.locator('.quick-input-widget .monaco-list-row');
    const entry = rows.filter({ hasText: new RegExp(`^${name}`) });
    for (;;) {
      // Right after the workbench loads, the palette may not list the command yet: retry like the channel.
      const opened = await this.runCommand('Developer: Show Logs...', 'Show Logs').then(() => true, (e: unknown) => {
        if (Date.now() > deadline) throw e;
        return false;
      });
      if (opened) {
        await this.expectVisible(rows, 'the list of logs', 10_000);
        if ((await entry.count()) > 0) break;
      }
      if (Date.now() > deadline) {
        const listed = (await rows.allInnerTexts()).map((t) => t.split('\n')[0]);
        throw new Error(`no log channel "${name}" was listed within ${timeout / 1000} s (has the extension activated?); listed: ${JSON.stringify(listed)}`);
      }
      await this.page.keyboard.press('Escape');
      await this.page.waitForTimeout(500);
    }
    await this.pickQuickItem(name, new RegExp(`^${name}`));
    const editor = this.page.locator('.part.panel .monaco-editor .view-lines');
    await this.expectVisible(editor, `the Output panel showing ${name}`, 10_000);
    return (await editor.innerText()).replace(/\u00a0/g, ' ');
  }

  /** Clicks the activity-bar entry whose title starts with `title`; fails if it never appears. */
  async openViewContainer(title: string, timeout = 30_000): Promise<void> {
    const entry = this.page.locator(`.part.activitybar a.action-label[aria-label^="${title}"]`);
    await this.expectVisible(entry, `the "${title}" entry in the activity bar`, timeout);
    await entry.click();
    await this.expectVisible(this.page.locator(`.part.activitybar li.checked a.action-label[aria-label^="${title}"]`),
      `the "${title}" container selected in the activity bar`, timeout);
  }

  /** The side-bar pane of the view named `name` (its header title), expanded. */
  async view(name: string, timeout = 30_000): Promise<Locator> {
    const pane = this.page.locator('.part.sidebar .pane').filter({ has: this.page.locator('.pane-header h3.title', { hasText: new RegExp(`^${name}$`, 'i') }) });
    await this.expectVisible(pane, `the "${name}" view`, timeout);
    const header = pane.locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    return pane;
  }

  /** The tree row in `view` whose text contains `text`, expanding collapsed rows until it shows. */
  async treeItem(view: Locator, text: string, timeout = 15_000): Promise<Locator> {
    const row = view.locator('[role="treeitem"]').filter({ hasText: text }).first();
    const deadline = Date.now() + timeout;
    while (!(await row.isVisible())) {
      if (Date.now() > deadline) {
        const shown = await view.locator('[role="treeitem"]').allInnerTexts();
        throw new Error(`no tree item containing "${text}" appeared within ${timeout / 1000} s; rows shown: ${JSON.stringify(shown)}`);
      }
      const collapsed = view.locator('[role="treeitem"][aria-expanded="false"]').first();
      if (await collapsed.isVisible()) await collapsed.click();
      else await this.page.waitForTimeout(100);
    }
    return row;
  }

  /** What a person reads about a row: its text and accessible label, and those of the rows it sits under. */
  async rowContext(row: Locator): Promise<string> {
    // Runs in the page. Rows of a virtual list are absolutely placed: their DOM order is not their
    // order on screen, so walk by data-index; a row's groups are the nearest shallower rows above it.
    // (No named functions inside: tsx would wrap them in a helper the page does not have.)
    return row.evaluate((el: DomRow) => {
      const index = Number(el.getAttribute('data-index'));
      const above = Array.from(el.parentElement?.children ?? [])
        .filter((r) => Number(r.getAttribute('data-index')) < index)
        .sort((a, b) => Number(b.getAttribute('data-index')) - Number(a.getAttribute('data-index')));
      const rows = [el];
      let level = Number(el.getAttribute('aria-level'));
      for (const r of above) {
        const l = Number(r.getAttribute('aria-level'));
        if (l < level) {
          rows.push(r);
          level = l;
        }
      }
      return rows.map((r) => `${r.getAttribute('aria-label') ?? ''} ${r.innerText}`).join(' | ');
    });
  }

  /** Right-click `target`, then the context-menu entry matching `entry`. */
  async contextMenu(target: Locator, entry: RegExp): Promise<void> {
    await target.click({ button: 'right' });
    const menu = this.page.locator('.monaco-menu');
    const item = menu.locator('.action-item').filter({ hasText: entry }).first();
    try {
      await item.waitFor({ state: 'visible', timeout: 10_000 });
    } catch {
      const entries = await menu.locator('.action-item').allInnerTexts();
      throw new Error(`the context menu has no entry ${entry}; it shows: ${JSON.stringify(entries.filter(Boolean))}`);
    }
    // The menu ignores a click that comes too soon after it opened (it guards against the
    // right-click's own mouse-up): click until it closes.
    for (let attempt = 1; ; attempt++) {
      await item.click();
      try {
        await menu.first().waitFor({ state: 'hidden', timeout: 1000 });
        return;
      } catch {
        if (attempt === 5) throw new Error(`the context menu stayed open after clicking ${entry} ${attempt} times`);
      }
    }
  }

  async expectVisible(locator: Locator, what: string, timeout: number): Promise<void> {
    try {
      await locator.first().waitFor({ state: 'visible', timeout });
    } catch {
      const shot = await this.screenshot(`missing-${what.slice(0, 40)}`).catch(() => '(no screenshot)');
      throw new Error(`${what} did not appear within ${timeout / 1000} s (screenshot: ${path.relative(REPO_ROOT, shot)})`);
    }
  }

}

/** Polls `check` every 100 ms until it returns true; after `timeout` ms fails with `failure()`. */
export async function until(check: () => boolean | Promise<boolean>, timeout: number, failure: () => string): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(failure());
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Empties test-results/e2e so the folder shows this run only. */
export function clearScreenshots(): void {
  fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
}
