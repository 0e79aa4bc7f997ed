// The dashboard webview's speed in headless Chromium on the demo repository
// (history cached): first paint = page start → every chart of the sprint tab
// drawn (goal ≤ 300 ms), and re-render = a snapshot differing in one field →
// drawn (goal ≤ 100 ms), with the same page showing the empty state as the
// baseline (bundle load and evaluation, no chart). Needs `node esbuild.js` and
// Debian's chromium. Nothing is asserted.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadWorkspace } from '../src/core/parse/workspace';
import { computeBody } from '../src/extension/dashboard/snapshot';
import { PROTOCOL_VERSION, type ViewChoice } from '../src/shared/protocol';
import { BUILT, launch, openDashboard, posted, send, serve, type Snapshot } from '../test/webview/harness';
import { THEMES } from '../test/webview/themes';
import type { Bench } from './run';

const CLI = path.join(__dirname, '..', 'dist', 'cli.js');
const RUNS = 7;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const bench: Bench = async () => {
  if (!fs.existsSync(CLI) || !fs.existsSync(path.join(BUILT, 'webview.js'))) return ['dist/cli.js or media/dist/webview.js is missing: run `node esbuild.js` first.'];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-dashboard-bench-'));
  const served = await serve();
  const browser = await launch();
  try {
    const repo = path.join(dir, 'demo');
    execFileSync(process.execPath, [CLI, 'demo', repo, '--today', '2026-11-26'], { stdio: 'ignore' });
    const view: ViewChoice = { asOf: { kind: 'date', value: '2026-11-26' }, windowDays: 90 };
    await computeBody({ root: repo, workspace: loadWorkspace(repo), view }); // fills the history cache
    const t = Date.now();
    const body = await computeBody({ root: repo, workspace: loadWorkspace(repo), view });
    const hostMs = Date.now() - t;
    if (body.kind !== 'charts') return [`the demo gave no charts: ${JSON.stringify(body).slice(0, 200)}`];
    const snapshot: Snapshot = { type: 'snapshot', protocol: PROTOCOL_VERSION, seq: 1, folder: 'demo', view, body };
    const empty: Snapshot = { ...snapshot, body: { kind: 'empty', reason: 'no-history', message: 'baseline' } };
    const rendered = async (page: Awaited<ReturnType<typeof openDashboard>>['page'], seq: number) =>
      (await posted(page)).filter((m) => m.type === 'rendered' && m.seq === seq).at(-1) as { ms: number; charts: number } | undefined;
    const base: number[] = [];
    const first: number[] = [];
    const again: number[] = [];
    let charts = 0;
    for (let i = 0; i < RUNS; i++) {
      const b = await openDashboard(browser, served, { theme: THEMES[1], snapshot: empty });
      base.push((await rendered(b.page, 1))!.ms);
      await b.page.close();
      const { page } = await openDashboard(browser, served, { theme: THEMES[1], snapshot });
      const r = (await rendered(page, 1))!;
      first.push(r.ms);
      charts = r.charts;
      // One field changes (the sprint's capacity), as after an edit of sprints.yaml.
      for (let k = 2; k <= 4; k++) {
        const edited = structuredClone(snapshot);
        const b2 = edited.body as typeof body;
        const s = b2.report.sprints.find((x) => x.id === b2.sprint)!;
        s.capacity = (s.capacity ?? 0) + k;
        await send(page, { ...edited, seq: k });
        again.push((await rendered(page, k))!.ms);
      }
      await page.close();
    }
    const size = fs.statSync(path.join(BUILT, 'webview.js')).size;
    return [
      `host snapshot (computeBody, history cached): ${hostMs} ms, ${(JSON.stringify(body).length / 1024).toFixed(0)} KB of JSON`,
      `baseline (page start → empty state shown): median ${median(base).toFixed(0)} ms of ${RUNS}`,
      `first paint (page start → ${charts} sprint charts drawn): median ${median(first).toFixed(0)} ms of ${RUNS} (goal ≤ 300 ms); ${(median(first) / median(base)).toFixed(2)}× baseline`,
      `re-render after a one-field edit (message → drawn): median ${median(again).toFixed(0)} ms of ${again.length} (goal ≤ 100 ms)`,
      `webview bundle: ${(size / 1024).toFixed(0)} KB minified (goal ≤ 600 KB)`,
    ];
  } finally {
    await browser.close();
    await served.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
export default bench;
