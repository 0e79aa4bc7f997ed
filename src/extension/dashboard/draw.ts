// The host's side of the charts (no vscode import: the browser harness and the
// first-paint bench answer the page with it too): a `draw` from the webview,
// answered from the snapshot it names with the charts drawn to SVG (core/charts/frames.ts).
// One drawer per extension host: ECharts is loaded once, when the first panel opens,
// and the frames it kept serve every panel.

import { CHART_TABS, FrameDrawer, normaliseTheme, tabSpecs, type ChartTab, type FrameRequest } from '../../core/charts/frames';
import { loadSvgCanvas } from '../../core/charts/load';
import type { ChartSpec, ChartTheme } from '../../core/charts/types';
import type { DrawHint, HostToWebview, WebviewToHost } from '../../shared/protocol';

type Snapshot = Extract<HostToWebview, { type: 'snapshot' }>;
type Draw = Extract<WebviewToHost, { type: 'draw' }>;
type Frames = Extract<HostToWebview, { type: 'frames' }>;

let drawer: Promise<FrameDrawer> | undefined;

/** The extension host's drawer; the first call starts loading ECharts (a panel calls it as it opens). */
export function frameDrawer(): Promise<FrameDrawer> {
  drawer ??= loadSvgCanvas({ legend: false }).then((canvas) => new FrameDrawer(canvas));
  return drawer;
}

/**
 * The answer to `m`, drawn from `snapshot` (the latest the host made). None when `m` names an
 * older snapshot: the newer one is on its way, and the page asks again for it.
 */
export async function answerDraw(snapshot: Snapshot | undefined, m: Draw): Promise<Frames | undefined> {
  if (!snapshot || snapshot.seq !== m.seq) return undefined;
  return framesOf(snapshot, m.tab, m.theme, () => m.charts);
}

/** The tab's charts of `snapshot` that `asks` picks from its specs (built once), drawn; a message when they cannot be. */
async function framesOf(snapshot: Snapshot, tab: ChartTab, theme: ChartTheme, asks: (specs: ChartSpec[]) => readonly FrameRequest[]): Promise<Frames> {
  const body = snapshot.body;
  const seq = snapshot.seq;
  if (body.kind !== 'charts') return { type: 'frames', seq, tab, frames: [], message: 'This snapshot has no charts.' };
  try {
    const specs = tabSpecs(body, tab, normaliseTheme(theme));
    return { type: 'frames', seq, tab, frames: (await frameDrawer()).draw(specs, asks(specs)) };
  } catch (e) {
    return { type: 'frames', seq, tab, frames: [], message: `The charts could not be drawn: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * The charts of the tab a page said it opens on (`ready`'s hint), drawn for `snapshot` at the
 * size its boxes have, so its first paint needs no `draw` round trip. None for another kind of
 * tab or a body without charts (the page asks as usual).
 */
export async function prefetchFrames(snapshot: Snapshot | undefined, hint: DrawHint): Promise<Frames | undefined> {
  if (!snapshot || snapshot.body.kind !== 'charts' || !(CHART_TABS as readonly string[]).includes(hint.tab)) return undefined;
  const frames = await framesOf(snapshot, hint.tab as ChartTab, hint.theme, (specs) => specs.map((s) => ({ id: s.id, width: hint.width, height: hint.height, hidden: [] })));
  return frames.frames.length > 0 ? frames : undefined;
}
