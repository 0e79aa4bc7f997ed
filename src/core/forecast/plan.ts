// The forecast document of `sprintlog forecast`: the active sprint's chance of
// finishing its committed scope, every epic's progress and forecast against its
// target, and the question asked (an epic, a selection of items, the first N of
// the backlog, or "how many by a date"). Items are counted, as the throughput is.

import { clean } from '../metrics/context';
import type { MetricsReport } from '../metrics/types';
import type { StateCategory, Workspace } from '../model';
import { basisOf, forecastHowMany, forecastWhen, type ForecastBasis, type HowManyAnswer, type WhenAnswer } from './simulate';

export type Question =
  | { kind: 'epic'; id: string }
  | { kind: 'items'; ids: string[] }
  | { kind: 'top'; n: number }
  | { kind: 'by'; date: string };

export interface SprintForecast {
  id: string;
  end: string;
  /** Items in the sprint not done yet. */
  open: string[];
  when: WhenAnswer;
  /** Chance (0..1) that every open item of the sprint is done by its last day. */
  chanceByEnd: number;
}

export interface EpicProgress {
  id: string;
  title: string;
  target: string | null;
  items: { done: number; total: number };
  points: { done: number; total: number };
  open: string[];
  when: WhenAnswer | null;
  /** The 85 % date is after the target (null: no target, or no forecast possible). */
  atRisk: boolean | null;
}

export interface SelectionForecast {
  label: string;
  ids: string[];
  open: string[];
  when: WhenAnswer;
}

export interface ForecastDocument {
  asOf: string;
  seed: number | null;
  trials: number | null;
  sample: { from: string | null; to: string | null; throughput: number[] } | null;
  sprint: SprintForecast | null;
  epics: EpicProgress[];
  selection: SelectionForecast | null;
  howMany: HowManyAnswer | null;
}

/** A question about ids the backlog does not have is the asker's mistake. */
export class ForecastQuestionError extends Error {}

interface View {
  ids: string[];
  open: (ids: readonly string[]) => string[];
  state: Map<string, { done: boolean; points: number | null }>;
}

function view(r: MetricsReport, states: Record<string, StateCategory>): View {
  const state = new Map(r.items.map((i) => [i.id, { done: states[i.state] === 'done', points: i.points }]));
  return { ids: r.items.map((i) => i.id), state, open: (ids) => ids.filter((id) => state.get(id)?.done === false) };
}

const sum = (xs: readonly (number | null)[]): number => clean(xs.reduce<number>((a, x) => a + (x ?? 0), 0));

function epics(b: ForecastBasis | null, v: View, ws: Workspace): EpicProgress[] {
  return ws.epics.map((e) => {
    const ids = ws.items.filter((i) => i.epic === e.id && v.state.has(i.id)).map((i) => i.id);
    const open = v.open(ids);
    const when = b ? forecastWhen(b, open.length, e.target) : null;
    const target = e.target ?? null;
    const p85 = when?.p85 ?? null;
    return {
      id: e.id,
      title: e.title,
      target,
      items: { done: ids.length - open.length, total: ids.length },
      points: { done: sum(ids.filter((id) => !open.includes(id)).map((id) => v.state.get(id)!.points)), total: sum(ids.map((id) => v.state.get(id)!.points)) },
      open,
      when,
      atRisk: target === null || when === null ? null : open.length > 0 && (p85 === null || p85 > target),
    };
  });
}

function sprint(b: ForecastBasis, r: MetricsReport, v: View): SprintForecast | null {
  const s = r.sprints.find((x) => x.status === 'active');
  if (!s) return null;
  const open = v.open(r.items.filter((i) => i.sprint === s.id).map((i) => i.id));
  const when = forecastWhen(b, open.length, s.end);
  return { id: s.id, end: s.end, open, when, chanceByEnd: when.chanceBy?.probability ?? 0 };
}

/** The items a question is about; an unknown epic or item is a ForecastQuestionError. */
function chosen(q: Exclude<Question, { kind: 'by' }>, v: View, ws: Workspace): { ids: string[]; label: string; target?: string } {
  if (q.kind === 'epic') {
    const epic = ws.epics.find((e) => e.id === q.id);
    if (!epic) throw new ForecastQuestionError(`unknown epic '${q.id}' (epics: ${ws.epics.map((e) => e.id).join(', ') || 'none'}).`);
    const ids = ws.items.filter((i) => i.epic === q.id && v.state.has(i.id)).map((i) => i.id);
    return { ids, label: `epic ${q.id}${epic.target ? ` (target ${epic.target})` : ''}`, target: epic.target };
  }
  if (q.kind === 'items') {
    const unknown = q.ids.filter((id) => !v.state.has(id));
    if (unknown.length > 0) throw new ForecastQuestionError(`unknown item${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}.`);
    const ids = [...new Set(q.ids)];
    return { ids, label: `items ${ids.join(', ')}` };
  }
  // The first N open items of the backlog, in rank order.
  return { ids: v.open(v.ids).slice(0, q.n), label: `the first ${q.n} open items of the backlog` };
}

export function forecastDocument(r: MetricsReport, ws: Workspace, q: Question | null): ForecastDocument {
  const b = basisOf(r, ws);
  const v = view(r, ws.states);
  // Checked even without history: a wrong id is a mistake whatever the figures.
  const asked = q && q.kind !== 'by' ? chosen(q, v, ws) : null;
  return {
    asOf: r.asOf,
    seed: b?.seed ?? null,
    trials: b?.trials ?? null,
    sample: b ? { from: b.sampleFrom, to: b.sampleTo, throughput: b.samples } : null,
    sprint: b ? sprint(b, r, v) : null,
    epics: epics(b, v, ws),
    selection: b && asked ? { label: asked.label, ids: asked.ids, open: v.open(asked.ids), when: forecastWhen(b, v.open(asked.ids).length, asked.target) } : null,
    howMany: b && q?.kind === 'by' ? forecastHowMany(b, q.date) : null,
  };
}
