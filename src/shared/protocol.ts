// The one typed protocol between the extension host and the dashboard webview.
// Both sides import this file (no vscode, no node imports). Data goes by message,
// never into the HTML: the webview posts `ready`, the host answers with whole
// snapshots carrying a rising `seq` (the webview drops older ones). The charts are
// drawn by the host: the webview asks for its open tab's (`draw`: sizes, theme) and
// gets their SVG (`frames`). Every message
// from the webview is checked by parseWebviewMessage before the host acts on it:
// VALIDATORS has one entry per message type, so a new type without one does not compile.

import { CHART_TABS, type ChartFrame, type ChartTab, type FrameRequest } from '../core/charts/frames';
import type { ChartFacts, ChartTheme } from '../core/charts/types';
import type { EpicProgress } from '../core/forecast/plan';
import type { HealthFinding } from '../core/health/findings';
import type { KpiDocument } from '../core/kpis/document';
import type { KpiTable } from '../core/kpis/format';
import type { MetricsReport, WarningCode } from '../core/metrics/types';
import type { Portfolio } from '../core/portfolio/document';
import type { PortfolioTable } from '../core/portfolio/format';

/** Bumped when a message changes shape; a webview of another version reloads its HTML. */
export const PROTOCOL_VERSION = 2;

/** The as-of picker: now, a day, or a ref (tag, branch, commit) analysed as of its commit's author time. */
export type AsOf = { kind: 'now' } | { kind: 'date'; value: string } | { kind: 'tag' | 'branch' | 'commit'; value: string };
export const AS_OF_KINDS = ['now', 'date', 'tag', 'branch', 'commit'] as const;

/** What the controls choose; kept by the webview with setState (UI state only) and sent with `view`. */
export interface ViewChoice {
  /** Sprint id; absent = the active one, else the last closed one. */
  sprint?: string;
  asOf: AsOf;
  /** Cycle-time window in days. */
  windowDays: number;
}

/** The refs the as-of picker offers (newest first). */
export interface RefChoices {
  tags: string[];
  branches: string[];
  commits: { hash: string; subject: string; date: string }[];
}

/** A file that does not parse: the error state names it and offers to open it there. */
export interface FileProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  hint?: string;
}

/** A health rule's threshold as the snapshot was computed with it (defaults: the spec's; settings override). */
export interface ThresholdInUse {
  code: WarningCode;
  value: number;
  /** What the number means, in words. */
  means: string;
}

/**
 * The PMO sections (issue 11), from the same metrics document as the charts
 * (no second history walk): the health core's findings, the KPI document, and
 * each epic's progress and forecast against its target.
 */
export interface PmoData {
  health: HealthFinding[];
  thresholds: ThresholdInUse[];
  kpis: KpiDocument;
  /** kpiTable(kpis): the columns `sprintlog kpis` prints (made by the host: core/kpis/format pulls the YAML parser). */
  kpiTable: KpiTable;
  /** forecastDocument's epics; `when.distribution` is left empty (the panel shows the answers, not the histogram). */
  epics: EpicProgress[];
}

export type DashboardBody =
  | {
    kind: 'charts'; report: MetricsReport; facts: ChartFacts; sprint?: string; refs: RefChoices; pmo: PmoData;
    /** Every workspace folder with a backlog (only in a multi-root workspace with more than one), and its report's tables. */
    portfolio?: { data: Portfolio; tables: PortfolioTable[] };
  }
  | { kind: 'empty'; reason: 'no-history' | 'no-sprints' | 'untrusted' | 'no-backlog'; message: string; refs?: RefChoices }
  | { kind: 'error'; problem: FileProblem; more: number }
  | { kind: 'failed'; message: string };

export type HostToWebview =
  /** A whole snapshot (never a delta); `seq` rises with every one the host makes. */
  | { type: 'snapshot'; protocol: number; seq: number; folder: string; view: ViewChoice; body: DashboardBody }
  /** History is being analysed: shown over the last snapshot; `active: false` ends it. */
  | { type: 'progress'; active: boolean; message: string }
  /** The answer to a request (`requestId` from the webview); `refused` says why nothing happened. */
  | { type: 'reply'; requestId: number; ok: boolean; message?: string }
  /** Open a tab (e.g. 'health'); an unknown id is ignored. */
  | { type: 'showTab'; tab: string }
  /** The charts a `draw` asked for, drawn from snapshot `seq` (none, with `message`, when they could not be). */
  | { type: 'frames'; seq: number; tab: ChartTab; frames: ChartFrame[]; message?: string };

/** What the open tab drew, when it is the Health tab: each finding's code and the items it names. */
export interface RenderedHealth {
  code: string;
  items: string[];
}

export type ExportFormat = 'svg' | 'png';

export type WebviewToHost =
  /**
   * The page is loaded. `draw`: its open tab, theme and chart box size, measured before any snapshot:
   * the host sends that tab's charts right after the snapshot, without waiting for a `draw`.
   */
  | { type: 'ready'; protocol: number; draw?: DrawHint }
  /** Draw these charts of snapshot `seq`'s tab at these sizes, in the page's theme (its --vscode-* colours). */
  | { type: 'draw'; seq: number; tab: ChartTab; theme: ChartTheme; charts: FrameRequest[] }
  /** The controls changed: recompute for this choice. */
  | { type: 'view'; view: ViewChoice }
  /** Clicked a cycle-time or aging-WIP dot: reveal the item in the YAML. */
  | { type: 'revealItem'; requestId: number; id: string }
  /** Clicked a scope-change marker: the backlog file's diff at that commit. */
  | { type: 'openCommitDiff'; requestId: number; commit: string; item?: string }
  /** The error state's button: open the file that does not parse at its line and column. */
  | { type: 'openProblem'; requestId: number }
  /** Stop the history analysis in progress. */
  | { type: 'cancel' }
  /** Snapshot `seq` is drawn with `charts` charts (tests and the first-paint figure read it). */
  | { type: 'rendered'; seq: number; charts: number; ms: number; tab?: string; health?: RenderedHealth[] }
  /** Save one chart (rendered by the webview) to a file the user picks. */
  | { type: 'exportChart'; requestId: number; chart: string; format: ExportFormat; data: string }
  /** Save the dashboard as the Markdown report (the CLI's `report --format md`). */
  | { type: 'exportReport'; requestId: number };

/** What the page knows of its first charts before it has a snapshot (every chart box has one size). */
export interface DrawHint {
  tab: string;
  theme: ChartTheme;
  width: number;
  height: number;
}

export type WebviewMessageType = WebviewToHost['type'];
type Message<K extends WebviewMessageType> = Extract<WebviewToHost, { type: K }>;
type Fields = Record<string, unknown>;

const isString = (v: unknown, max = 200): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const isId = (v: unknown): v is string => isString(v, 100) && /^[\w.-]+$/.test(v);
const isRequestId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
/** Commit ids as git prints them (WORKTREE is not a commit: nothing to diff). */
const isCommit = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{7,64}$/.test(v);
/** Refs: git's own rules, roughly; never an option (`-`), never a range or a path escape. */
const isRef = (v: unknown): v is string => isString(v, 250) && /^[\w./@+-]+$/.test(v) && !v.startsWith('-') && !v.includes('..');
const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
/** 5 MB: a chart's SVG or PNG is far smaller; anything larger is not one of ours. */
const MAX_EXPORT = 5 * 1024 * 1024;

/** CSS colours as the theme's variables hold them: hex, rgb()/hsl() or a name; nothing that could leave an attribute. */
const isColour = (v: unknown): v is string => typeof v === 'string' && /^(#[0-9a-fA-F]{3,8}|(rgb|hsl)a?\([\d\s.,%a-z/]{1,60}\)|[a-zA-Z]{3,30})$/.test(v);
const isColours = (v: unknown, min: number, max: number): v is string[] => Array.isArray(v) && v.length >= min && v.length <= max && v.every(isColour);

function isChartTheme(v: unknown): v is ChartTheme {
  if (typeof v !== 'object' || v === null) return false;
  const t = v as Fields;
  const category = t.category as Fields | undefined;
  return (
    [t.foreground, t.muted, t.background, t.grid, t.shade, t.warning].every(isColour) &&
    typeof t.fontFamily === 'string' && /^[\w\s,'".-]{1,300}$/.test(t.fontFamily) &&
    typeof t.fontSize === 'number' && t.fontSize >= 6 && t.fontSize <= 72 &&
    isColours(t.palette, 1, 16) && isColours(t.percentiles, 3, 3) &&
    typeof category === 'object' && category !== null && [category.todo, category.doing, category.done].every(isColour)
  );
}

/** A chart box's side in pixels: at least 20, at most what a screen can show. */
const isSize = (n: unknown, max: number): boolean => Number.isSafeInteger(n) && (n as number) >= 20 && (n as number) <= max;

export function isDrawHint(v: unknown): v is DrawHint {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Fields;
  return isId(d.tab) && isChartTheme(d.theme) && isSize(d.width, 8000) && isSize(d.height, 4000);
}

/** At most 12 charts (a tab has 1–3), each with at most 20 series hidden. */
function isFrameRequests(v: unknown): v is FrameRequest[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > 12) return false;
  return v.every((r: unknown) => {
    if (typeof r !== 'object' || r === null) return false;
    const x = r as Fields;
    return isId(x.id) && isSize(x.width, 8000) && isSize(x.height, 4000) && Array.isArray(x.hidden) && x.hidden.length <= 20 && x.hidden.every((n) => isString(n));
  });
}

function isAsOf(v: unknown): v is AsOf {
  if (typeof v !== 'object' || v === null) return false;
  const a = v as Fields;
  if (a.kind === 'now') return true;
  if (a.kind === 'date') return isDay(a.value);
  return (a.kind === 'tag' || a.kind === 'branch' || a.kind === 'commit') && isRef(a.value);
}

export function isViewChoice(v: unknown): v is ViewChoice {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Fields;
  return (c.sprint === undefined || isId(c.sprint)) && isAsOf(c.asOf) && Number.isSafeInteger(c.windowDays) && (c.windowDays as number) >= 1 && (c.windowDays as number) <= 3650;
}

/** At most 1,000 findings of at most 1,000 item ids each: what a real backlog's health list holds. */
function isRenderedHealth(v: unknown): v is RenderedHealth[] {
  if (!Array.isArray(v) || v.length > 1000) return false;
  return v.every((f: unknown) => {
    if (typeof f !== 'object' || f === null) return false;
    const x = f as Fields;
    return isId(x.code) && Array.isArray(x.items) && x.items.length <= 1000 && x.items.every(isId);
  });
}

function isExportData(format: unknown, data: unknown): boolean {
  if (typeof data !== 'string' || data.length > MAX_EXPORT) return false;
  if (format === 'svg') return /^<svg[\s>]/.test(data);
  return format === 'png' && /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/.test(data);
}

/** One validator per message type, typed by the union: adding a type without its validator is a compile error. */
export const VALIDATORS: { [K in WebviewMessageType]: (m: Fields) => m is Message<K> & Fields } = {
  ready: (m): m is Message<'ready'> & Fields => Number.isSafeInteger(m.protocol) && (m.draw === undefined || isDrawHint(m.draw)),
  draw: (m): m is Message<'draw'> & Fields => isRequestId(m.seq) && (CHART_TABS as readonly unknown[]).includes(m.tab) && isChartTheme(m.theme) && isFrameRequests(m.charts),
  view: (m): m is Message<'view'> & Fields => isViewChoice(m.view),
  revealItem: (m): m is Message<'revealItem'> & Fields => isRequestId(m.requestId) && isId(m.id),
  openCommitDiff: (m): m is Message<'openCommitDiff'> & Fields => isRequestId(m.requestId) && isCommit(m.commit) && (m.item === undefined || isId(m.item)),
  openProblem: (m): m is Message<'openProblem'> & Fields => isRequestId(m.requestId),
  cancel: (m): m is Message<'cancel'> & Fields => m.type === 'cancel',
  rendered: (m): m is Message<'rendered'> & Fields => isRequestId(m.seq) && isRequestId(m.charts) && typeof m.ms === 'number' && Number.isFinite(m.ms) && (m.tab === undefined || isId(m.tab)) && (m.health === undefined || isRenderedHealth(m.health)),
  exportChart: (m): m is Message<'exportChart'> & Fields => isRequestId(m.requestId) && isId(m.chart) && isExportData(m.format, m.data),
  exportReport: (m): m is Message<'exportReport'> & Fields => isRequestId(m.requestId),
};

/** The message, if it is one of the protocol's and well-formed; undefined otherwise (the host ignores it). */
export function parseWebviewMessage(m: unknown): WebviewToHost | undefined {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return undefined;
  const fields = m as Fields;
  const type = fields.type;
  if (typeof type !== 'string' || !Object.hasOwn(VALIDATORS, type)) return undefined;
  return VALIDATORS[type as WebviewMessageType](fields) ? (fields as unknown as WebviewToHost) : undefined;
}

/** The webview's saved UI state (getState/setState): the controls only, never data; `v` guards old shapes. */
export interface SavedState {
  v: 1;
  view: ViewChoice;
  tab?: string;
  /** The workspace folder's name (a restored panel reopens on it). */
  folder?: string;
}

export function isSavedState(s: unknown): s is SavedState {
  return typeof s === 'object' && s !== null && (s as Fields).v === 1 && isViewChoice((s as Fields).view) && ((s as Fields).tab === undefined || isId((s as Fields).tab)) && ((s as Fields).folder === undefined || isString((s as Fields).folder));
}
