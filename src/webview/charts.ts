// The charts in the page. The host draws them (ECharts' SVG renderer,
// core/charts/frames.ts) at each box's size and in the page's theme; the page asks
// (`draw`), shows the SVG it gets back (`frames`), draws the legends, the tooltips
// and answers the clicks only an editor can (pointer.ts). No chart library runs
// here: the bundle stays small and the first charts wait only for the host.
// The SVG is parsed as XML and only drawing elements and attributes are kept
// (no script, no event handler, no style, no link out), although the host made it.
import type { ChartFrame, ChartTab, FrameRequest } from '../core/charts/frames';
import { withLegend, type LegendEntry } from '../core/charts/legend';
import type { ChartSpec } from '../core/charts/types';
import type { DrawHint, HostToWebview } from '../shared/protocol';
import { post } from './api';
import { renderLegend } from './legend';
import { attachPointer } from './pointer';
import { currentTheme } from './theme';

type Frames = Extract<HostToWebview, { type: 'frames' }>;

/** A chart box: what it shows, the series its legend hides, the frame drawn in it. */
export interface Chart {
  el: HTMLElement;
  spec: ChartSpec;
  legendBox: HTMLElement;
  hidden: Set<string>;
  frame?: ChartFrame;
  /** What the frame was drawn from (size, hidden series, option): an equal request is not sent again. */
  drawnKey?: string;
  /** The box's size at its last layout (ResizeObserver): known without forcing a layout. */
  size?: { width: number; height: number };
}

const charts = new Map<HTMLElement, Chart>();
/** The snapshot and tab the boxes show: resizes and legend clicks ask the host for them. */
let current: { seq: number; tab: ChartTab } | undefined;
/** Requests in flight, answered by `frames` for their seq and tab. */
const waiting: { seq: number; tab: ChartTab; resolve: (message: string | undefined) => void }[] = [];
/**
 * The charts the host sends unasked after the first snapshot (`ready` told it the tab, theme and
 * size: expectFirstFrames), and the frames that came before the page asked for them.
 */
let expected: { tab: string; theme: string; width: number; height: number; until: number } | undefined;
const early = new Map<string, Frames>();
/** How long the page waits for the charts `ready` announced before it asks for them itself. */
const EXPECT_MS = 1500;

/** `ready` carries this hint: the first snapshot's frames for `tab` at this size will come unasked. */
export function expectFirstFrames(hint: DrawHint): void {
  expected = { tab: hint.tab, width: hint.width, height: hint.height, theme: JSON.stringify(hint.theme), until: performance.now() + EXPECT_MS };
}

/** Whether the host is sending `tab`'s first charts unasked (the page shows that tab once they are in). */
export function firstFramesComing(tab: string): boolean {
  return !!expected && expected.tab === tab && performance.now() < expected.until;
}

/**
 * Every box's size after each layout that changed it (the first one included), and a redraw of
 * the charts drawn at another size. Sizes come from here, not from clientWidth, wherever a
 * frame can wait for the next layout: reading clientWidth after a change lays the page out
 * at once, and the first paint then laid it out twice.
 */
const resize = new ResizeObserver((entries) => {
  const changed: Chart[] = [];
  for (const e of entries) {
    const c = charts.get(e.target as HTMLElement);
    // A box not shown (its tab hidden, or the page waiting for the first charts) has nothing to draw.
    if (!c || e.contentRect.width === 0 || e.contentRect.height === 0) continue;
    // The box has no padding or border: its content box is its client size.
    c.size = { width: Math.round(e.contentRect.width), height: Math.round(e.contentRect.height) };
    if (c.frame && offSize(c.frame, c.size)) changed.push(c);
  }
  scheduleRedraw(changed);
});

const offSize = (frame: { width: number; height: number }, size: { width: number; height: number }): boolean =>
  Math.abs(size.width - frame.width) > 1 || Math.abs(size.height - frame.height) > 1;

let redrawTimer: ReturnType<typeof setTimeout> | undefined;
const redrawQueue = new Set<Chart>();
/** A resize draws again once it settles (dragging a panel's edge fires many). */
function scheduleRedraw(list: Chart[]): void {
  if (list.length === 0) return;
  for (const c of list) redrawQueue.add(c);
  if (redrawTimer) clearTimeout(redrawTimer);
  redrawTimer = setTimeout(() => {
    redrawTimer = undefined;
    const due = [...redrawQueue].filter((c) => c.el.isConnected);
    redrawQueue.clear();
    if (current && due.length > 0) void request(current.seq, current.tab, due);
  }, 120);
}

/** Makes (or updates) the chart of box `el`; its hidden series stay hidden while the chart keeps its names. */
export function place(el: HTMLElement, spec: ChartSpec, legendBox: HTMLElement): Chart {
  let c = charts.get(el);
  if (!c) {
    c = { el, spec, legendBox, hidden: new Set() };
    charts.set(el, c);
    resize.observe(el);
    const chart = c;
    attachPointer(el, () => chart);
  }
  c.spec = spec;
  const names = new Set((spec.option.series as { name?: string }[] | undefined ?? []).map((s) => s.name));
  for (const n of c.hidden) if (!names.has(n)) c.hidden.delete(n);
  return c;
}

/**
 * Asks the host for `list`'s frames of snapshot `seq`'s tab, at the boxes' sizes (sizesOf);
 * resolves when they are shown (with the host's message if it could not draw them).
 * Charts already drawn so are not asked for again.
 */
export async function request(seq: number, tab: ChartTab, list: Chart[]): Promise<string | undefined> {
  current = { seq, tab };
  let sizes = sizesOf(list, tab);
  // A tab just opened may not be laid out yet: its boxes have no size until the next frame.
  for (let tries = 0; tries < 3 && sizes.some((s) => s.width === 0 || s.height === 0); tries++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    if (current.seq !== seq || current.tab !== tab) return undefined;
    sizes = measure(list);
  }
  const asks: FrameRequest[] = [];
  const came = early.get(`${seq}|${tab}`)?.frames ?? [];
  list.forEach((c, i) => {
    const ask = { id: c.spec.id, width: Math.max(20, sizes[i].width), height: Math.max(20, sizes[i].height), hidden: [...c.hidden] };
    const key = JSON.stringify([ask, c.spec.option]);
    if (c.drawnKey === key && c.frame) return;
    c.drawnKey = key;
    const frame = came.find((f) => f.id === ask.id && f.width === ask.width && f.height === ask.height && ask.hidden.length === 0);
    if (frame) show(c, frame);
    else asks.push(ask);
  });
  early.clear();
  if (asks.length === 0) return undefined;
  const theme = currentTheme();
  const promise = new Promise<string | undefined>((resolve) => waiting.push({ seq, tab, resolve }));
  // The host sends these unasked (the hint `ready` carried matches them): wait for them, for a while.
  const e = expected;
  expected = undefined;
  if (e && e.tab === tab && e.theme === JSON.stringify(theme) && performance.now() < e.until && asks.every((a) => a.width === e.width && a.height === e.height && a.hidden.length === 0)) {
    const ask = () => post({ type: 'draw', seq, tab, theme, charts: asks });
    const timer = setTimeout(ask, Math.max(0, e.until - performance.now()));
    return promise.finally(() => clearTimeout(timer));
  }
  post({ type: 'draw', seq, tab, theme, charts: asks });
  return promise;
}

/**
 * The boxes' sizes without a layout where one is known: the last layout's (ResizeObserver), or,
 * for the first charts, the size `ready` announced (the boxes are as wide as its probe). A wrong
 * guess is drawn again once the ResizeObserver sees the box. Otherwise read together: one layout.
 */
function sizesOf(list: Chart[], tab: ChartTab): { width: number; height: number }[] {
  if (list.every((c) => c.size)) return list.map((c) => c.size!);
  const e = expected;
  if (e && firstFramesComing(tab)) return list.map((c) => c.size ?? { width: e.width, height: e.height });
  return measure(list);
}

/** The boxes' sizes, read together (one layout for all of them). */
function measure(list: Chart[]): { width: number; height: number }[] {
  return list.map((c) => ({ width: Math.round(c.el.clientWidth), height: Math.round(c.el.clientHeight) }));
}

/** A `frames` message: shown in the boxes of its charts, if the page still shows that snapshot's tab. */
export function receive(m: Frames): void {
  // Before the page asked (the charts `ready` announced, ahead of the tab's boxes): kept for request().
  if (!current || m.seq > current.seq) {
    early.set(`${m.seq}|${m.tab}`, m);
    return;
  }
  if (m.seq === current.seq && m.tab === current.tab) {
    const stale: Chart[] = [];
    for (const frame of m.frames) {
      for (const c of charts.values()) {
        if (c.spec.id !== frame.id || !c.el.isConnected) continue;
        show(c, frame);
        // The box changed while the host drew: draw again at its size (the SVG scales meanwhile).
        // A box not laid out yet is checked by the ResizeObserver when it is.
        if (c.size && offSize(frame, c.size)) stale.push(c);
      }
    }
    scheduleRedraw(stale);
  }
  for (let i = waiting.length - 1; i >= 0; i--) {
    const w = waiting[i];
    // Older requests are answered too: the page moved on, nobody waits for them.
    if (w.seq < m.seq || (w.seq === m.seq && w.tab === m.tab)) {
      waiting.splice(i, 1);
      w.resolve(m.message);
    }
  }
}

const ALLOWED = new Set(['svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'defs', 'clipPath', 'linearGradient', 'radialGradient', 'stop', 'title']);

/** The frame's SVG as a node of this document, with only drawing elements and attributes. */
function svgNode(svg: string): SVGSVGElement | undefined {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) return undefined;
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    if (!ALLOWED.has(el.nodeName)) {
      el.remove();
      continue;
    }
    for (const a of Array.from(el.attributes)) {
      const name = a.name.toLowerCase();
      const link = name === 'href' || name.endsWith(':href');
      if (name.startsWith('on') || name === 'style' || (link && !a.value.startsWith('#'))) el.removeAttribute(a.name);
    }
  }
  // Moved, not copied: the parsed document is thrown away.
  return document.adoptNode(root) as unknown as SVGSVGElement;
}

function show(c: Chart, frame: ChartFrame): void {
  const node = svgNode(frame.svg);
  if (!node) return;
  node.setAttribute('aria-hidden', 'true');
  const old = c.el.querySelector(':scope > svg');
  if (old) old.replaceWith(node);
  else c.el.prepend(node);
  c.frame = frame;
  renderLegend(c.legendBox, frame.legend, (name) => {
    if (!c.hidden.delete(name)) c.hidden.add(name);
    if (current) void request(current.seq, current.tab, [c]);
  });
}

/** Forget charts whose elements left the page. */
export function prune(): void {
  for (const [el] of charts) {
    if (el.isConnected) continue;
    resize.unobserve(el);
    charts.delete(el);
  }
}

export function drawnCount(): number {
  let n = 0;
  for (const [el] of charts) if (el.isConnected && el.querySelector(':scope > svg')) n++;
  return n;
}

/** The chart as SVG text: what the host drew, with the page's legend drawn in. */
export function chartSvg(el: HTMLElement): string | undefined {
  const c = charts.get(el);
  const frame = c?.frame;
  if (!c || !frame) return undefined;
  const style = (c.spec.option.legend as { textStyle?: { color?: string; fontFamily?: string } } | undefined)?.textStyle;
  const entries: LegendEntry[] = frame.legend.map((e) => ({ ...e, hidden: c.hidden.has(e.name) }));
  return withLegend(frame.svg, entries, frame.width, { colour: style?.color ?? 'currentColor', font: style?.fontFamily ?? 'sans-serif', size: 12 });
}

/** The chart as a PNG data URL: the SVG drawn on a canvas at twice the size (crisp on high-DPI screens). */
export async function chartPng(el: HTMLElement): Promise<string | undefined> {
  const svg = chartSvg(el);
  const frame = charts.get(el)?.frame;
  if (!svg || !frame) return undefined;
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  const scale = 2;
  canvas.width = frame.width * scale;
  canvas.height = frame.height * scale;
  const ctx = canvas.getContext('2d');
  if (!ctx) return undefined;
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png');
}
