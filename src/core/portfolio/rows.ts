// One portfolio row per team, from that team's metrics document (and, when known,
// its epics' forecast and its cross-team dependencies). Direct runs and `--from`
// artifacts go through this same function, so both give the same figures.

import type { EpicProgress } from '../forecast';
import type { ItemMetrics, MetricsReport, SprintMetrics, WarningCode } from '../metrics/types';

/** What a row (and the resolution of other teams' `team:ID`) reads of a team's metrics document. */
export type TeamReport = Pick<MetricsReport, 'history' | 'velocity' | 'cycleTime' | 'satisfaction' | 'warnings'> & {
  sprints: Pick<SprintMetrics, 'id' | 'status'>[];
  items: Pick<ItemMetrics, 'id' | 'state' | 'doneAt'>[];
};

/** The row's part of a metrics document: what the portfolio's result cache keeps (a tenth of the whole). */
export function teamReport(r: MetricsReport): TeamReport {
  return {
    history: r.history, velocity: r.velocity, cycleTime: r.cycleTime, satisfaction: r.satisfaction, warnings: r.warnings,
    sprints: r.sprints.map((s) => ({ id: s.id, status: s.status })),
    items: r.items.map((i) => ({ id: i.id, state: i.state, doneAt: i.doneAt })),
  };
}

export interface TeamInput {
  team: string;
  /** The repository folder or the artifact file it was read from. */
  source: string;
  report: TeamReport | null;
  epics: EpicProgress[] | null;
  /** `team:ID` entries of this team's items. */
  external: { id: string; team: string; ref: string }[] | null;
  /** What went wrong reading it (a missing folder, a file that does not parse, ...). */
  problems: string[];
}

export interface TeamRow {
  team: string;
  source: string;
  ok: boolean;
  problems: string[];
  history: string | null;
  velocity: number | null;
  /** Sum completed / sum committed over the velocity window, in %. */
  predictabilityPct: number | null;
  cycleTimeP50: number | null;
  cycleTimeP85: number | null;
  satisfaction: number | null;
  activeSprint: string | null;
  warnings: Partial<Record<WarningCode, number>>;
  epics: { id: string; title: string; target: string | null; p85: string | null; atRisk: boolean | null; done: number; total: number }[] | null;
}

/** Warning codes that say the figures are incomplete: named as the row's problems. */
const DATA_CODES = new Set<WarningCode>(['history', 'unparsed-files', 'timezone']);

export function teamRow(t: TeamInput): TeamRow {
  const r = t.report;
  const problems = [...t.problems, ...(r?.warnings.filter((w) => DATA_CODES.has(w.code)).map((w) => w.message) ?? [])];
  const window = r ? r.velocity.sprints.slice(-r.velocity.window) : [];
  const committed = window.reduce((a, s) => a + (s.committed ?? 0), 0);
  const known = window.length > 0 && window.every((s) => s.committed !== null && s.completed !== null) && committed > 0;
  const warnings: Partial<Record<WarningCode, number>> = {};
  for (const w of r?.warnings ?? []) warnings[w.code] = (warnings[w.code] ?? 0) + 1;
  return {
    team: t.team,
    source: t.source,
    ok: r !== null && problems.length === 0,
    problems,
    history: r?.history ?? null,
    velocity: r?.velocity.average ?? null,
    predictabilityPct: known ? Math.round((window.reduce((a, s) => a + (s.completed ?? 0), 0) / committed) * 1000) / 10 : null,
    cycleTimeP50: r?.cycleTime?.p50 ?? null,
    cycleTimeP85: r?.cycleTime?.p85 ?? null,
    satisfaction: r?.satisfaction.mean ?? null,
    activeSprint: r?.sprints.find((s) => s.status === 'active')?.id ?? null,
    warnings,
    epics: t.epics?.map((e) => ({ id: e.id, title: e.title, target: e.target, p85: e.when?.p85 ?? null, atRisk: e.atRisk, done: e.items.done, total: e.items.total })) ?? null,
  };
}
