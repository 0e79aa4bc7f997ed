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
import type { HostToWebview } from '../shared/protocol';
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
export function expectFirstFrames(hint: { tab: string; width: number; height: number }, theme: unknown): void {
  expected = { ...hint, theme: JSON.stringify(theme), until: performance.now() + EXPECT_MS };
}

const resize = new ResizeObserver((entries) => {
  const changed = entries.map((e) => charts.get(e.target as HTMLElement)).filter((c): c is Chart => {
    const f = c?.frame;
    return !!c && !!f && (Math.abs(c.el.clientWidth - f.width) > 1 || Math.abs(c.el.clientHeight - f.height) > 1);
  });
  if (changed.length > 0) scheduleRedraw(changed);
});

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
 * Asks the host for `list`'s frames of snapshot `seq`'s tab, at the boxes' sizes (read together:
 * one layout); resolves when they are shown (with the host's message if it could not draw them).
 * Charts already drawn so are not asked for again.
 */
export async function request(seq: number, tab: ChartTab, list: Chart[]): Promise<string | undefined> {
  current = { seq, tab };
  let sizes = measure(list);
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
    const shown: Chart[] = [];
    for (const frame of m.frames) {
      for (const c of charts.values()) {
        if (c.spec.id !== frame.id || !c.el.isConnected) continue;
        show(c, frame);
        shown.push(c);
      }
    }
    // The box changed while the host drew: draw again at its size (the SVG scales meanwhile).
    // Read after every chart is in: one layout, not one per chart.
    const sizes = measure(shown);
    scheduleRedraw(shown.filter((c, i) => Math.abs(sizes[i].width - c.frame!.width) > 1 || Math.abs(sizes[i].height - c.frame!.height) > 1));
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
  return document.importNode(root, true) as unknown as SVGSVGElement;
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
