// The PMO part of a dashboard snapshot (issue 11): health findings, the KPI
// document and the epics' forecast, from the metrics document the snapshot has
// already made (no second history walk). No vscode import: unit-tested.
//
// The epics' Monte Carlo is the costly part (tens of ms: one run per epic), and
// most re-renders (a title, a capacity) do not change its inputs, so the last
// few answers are kept by their inputs.

import { forecastDocument, type EpicProgress } from '../../core/forecast';
import { healthOf, THRESHOLD_KEYS } from '../../core/health';
import type { HistoryEngine } from '../../core/history';
import { kpiDocument, kpiTable } from '../../core/kpis';
import { metricsDocument, type MetricsDocument } from '../../core/metrics-document';
import type { MetricsSettings, WarningThresholds } from '../../core/metrics/types';
import type { Workspace } from '../../core/model';
import { teamInputOf, type TeamInput } from '../../core/portfolio';
import { DEFAULT_THRESHOLDS } from '../../core/metrics/warnings';
import type { PmoData, ThresholdInUse } from '../../shared/protocol';

const KEEP = 4;
const epicMemo = new Map<string, EpicProgress[]>();

/** Everything forecastDocument's epics read: the samples, the day, the calendar, the epics and their items. */
function epicKey(doc: Pick<MetricsDocument, 'report' | 'workspace'>): string {
  const { report: r, workspace: ws } = doc;
  const epicOf = new Map(ws.items.map((i) => [i.id, i.epic ?? null]));
  return JSON.stringify([
    r.forecast && [r.forecast.seed, r.forecast.trials, r.forecast.samples, r.forecast.sampleFrom, r.forecast.sampleTo],
    r.asOf.slice(0, 10),
    ws.sprintLog && [ws.sprintLog.workingDays, ws.sprintLog.holidays],
    ws.states,
    ws.epics.map((e) => [e.id, e.title, e.target ?? null]),
    r.items.map((i) => [i.id, i.state, i.points, epicOf.get(i.id) ?? null]),
  ]);
}

/** forecastDocument's epics, without the per-date histogram (the panel shows the answers). */
export function epicForecasts(doc: Pick<MetricsDocument, 'report' | 'workspace'>): EpicProgress[] {
  if (doc.workspace.epics.length === 0) return [];
  const key = epicKey(doc);
  const hit = epicMemo.get(key);
  if (hit) {
    // Most recently used last.
    epicMemo.delete(key);
    epicMemo.set(key, hit);
    return hit;
  }
  const epics = forecastDocument(doc.report, doc.workspace, null).epics.map((e) => (e.when ? { ...e, when: { ...e.when, distribution: [] } } : e));
  epicMemo.set(key, epics);
  if (epicMemo.size > KEEP) epicMemo.delete(epicMemo.keys().next().value as string);
  return epics;
}

/** The thresholds the warnings were computed with, per code, and what each means. */
export function thresholdsInUse(settings: Partial<WarningThresholds> | undefined): ThresholdInUse[] {
  const t: WarningThresholds = { ...DEFAULT_THRESHOLDS, ...settings };
  return Object.entries(THRESHOLD_KEYS).map(([code, k]) => ({
    code: code as ThresholdInUse['code'],
    value: t[k!.key],
    // THRESHOLD_KEYS ends each text with the default in parentheses, for --help.
    means: k!.means.replace(/ \(([^)]*)\)$/, '; default $1'),
  }));
}

export function pmoData(doc: Pick<MetricsDocument, 'report' | 'workspace' | 'history'>, thresholds: Partial<WarningThresholds> | undefined): PmoData {
  const kpis = kpiDocument(doc.report, doc.workspace, doc.history);
  return {
    // The panel gates nothing: no code fails (the CLI's --fail-on).
    health: healthOf(doc.report, doc.workspace.states, []).findings,
    thresholds: thresholdsInUse(thresholds),
    kpis,
    kpiTable: kpiTable(kpis),
    epics: epicForecasts(doc),
  };
}

/** 'now', or the as-of instant every folder of a portfolio is analysed at. */
export type PortfolioAt = 'now' | number;

export interface FolderRequest {
  team: string;
  root: string;
  /** The store's model of the folder (editor buffers): the working tree when `at` is 'now'. */
  workspace: Workspace;
  at: PortfolioAt;
  engine?: HistoryEngine;
  settings?: MetricsSettings;
  signal?: AbortSignal;
}

/** A folder's portfolio row input, as `sprintlog portfolio` makes it for a repository; a failure becomes its problem. */
export async function folderTeamInput(f: FolderRequest): Promise<TeamInput> {
  try {
    const doc = await metricsDocument({
      root: f.root,
      ref: 'HEAD',
      ...(f.at === 'now' ? {} : { asOf: f.at }),
      command: 'dashboard',
      now: Date.now,
      err: () => undefined,
      workingTree: f.at === 'now' ? f.workspace : undefined,
      settings: f.settings,
      signal: f.signal,
      engine: f.engine,
    });
    return teamInputOf(f.team, f.root, doc, { epics: epicForecasts(doc) });
  } catch (e) {
    f.signal?.throwIfAborted();
    return { team: f.team, source: f.root, report: null, epics: null, external: null, problems: [e instanceof Error ? e.message : String(e)] };
  }
}
