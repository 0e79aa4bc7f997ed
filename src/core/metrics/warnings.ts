// Health warnings (spec metrics.md §5): early signs computed from the figures above.

import { byString, clean, round, type Ctx } from './context';
import type { ItemFacts } from './items';
import type { CycleTime, HealthWarning, SprintMetrics, Velocity, WarningCode, WarningThresholds } from './types';
import { sprintById } from '../lookup';

/** The spec's thresholds (§5); settings.thresholds overrides any of them. */
export const DEFAULT_THRESHOLDS: Readonly<WarningThresholds> = {
  behindIdealPct: 20, scopeCreepPct: 20, overcommittedPct: 120, agingPercentile: 85, blockedDays: 3, satisfactionDrop: 0.5,
};

/** Every warning code, in the order warnings are listed. */
export const WARNING_CODES: readonly WarningCode[] = [
  'unparsed-files', 'history', 'timezone', 'impossible-dates', 'behind-ideal', 'scope-creep', 'overcommitted', 'aging-wip', 'blocked-long',
  'dependency-risk', 'unestimated', 'open-retro-actions', 'satisfaction-drop',
];

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const fmt = (n: number): string => String(round(n, 2));

export interface WarningInput {
  items: readonly ItemFacts[];
  sprints: readonly SprintMetrics[];
  velocity: Velocity;
  cycleTime: CycleTime | null;
  thresholds: WarningThresholds;
}

function sprintWarnings(w: HealthWarning[], s: SprintMetrics, velocity: Velocity, t: WarningThresholds): void {
  const open = s.status === 'active' || s.status === 'planned';
  const last = s.burndown[s.burndown.length - 1];
  if (s.status === 'active' && last && last.remaining !== null && last.ideal !== null && s.committed !== null) {
    if (last.remaining - last.ideal > (t.behindIdealPct / 100) * s.committed) {
      w.push({
        code: 'behind-ideal', severity: 'warning', ids: [s.id],
        message: `Sprint ${s.id} is behind its ideal line: ${fmt(last.remaining)} points remaining on ${last.date}, ideal ${fmt(last.ideal)} (more than ${fmt(t.behindIdealPct)} % of the ${fmt(s.committed)} committed).`,
      });
    }
  }
  if (s.scopeAdded !== null && s.committed !== null && s.scopeAdded > (t.scopeCreepPct / 100) * s.committed) {
    w.push({
      code: 'scope-creep', severity: 'warning', ids: [s.id],
      message: `Sprint ${s.id}: ${fmt(s.scopeAdded)} points added after the start, more than ${fmt(t.scopeCreepPct)} % of the ${fmt(s.committed)} committed.`,
    });
  }
  if (open && s.committed !== null) {
    const reasons: string[] = [];
    if (s.capacity !== null && s.committed > s.capacity) reasons.push(`capacity ${fmt(s.capacity)}`);
    if (velocity.average !== null && s.committed > (t.overcommittedPct / 100) * velocity.average) reasons.push(`${fmt(t.overcommittedPct)} % of the velocity ${fmt(velocity.average)}`);
    if (reasons.length > 0) {
      w.push({ code: 'overcommitted', severity: 'warning', ids: [s.id], message: `Sprint ${s.id}: ${fmt(s.committed)} points committed, more than ${reasons.join(' and ')}.` });
    }
  }
}

function itemWarnings(ctx: Ctx, w: HealthWarning[], input: WarningInput): void {
  const t = input.thresholds;
  const limit = input.cycleTime?.[`p${t.agingPercentile}`] ?? null;
  if (limit !== null) {
    const aging = input.items.filter((i) => i.metrics.ageDays !== null && i.metrics.ageDays > limit).map((i) => i.id);
    if (aging.length > 0) {
      w.push({ code: 'aging-wip', severity: 'warning', ids: aging.sort(byString), message: `${plural(aging.length, 'item')} in progress for longer than the cycle-time ${t.agingPercentile}th percentile (${limit} days): ${aging.join(', ')}.` });
    }
  }
  const blocked = input.items.filter((i) => i.blockedStreak !== null && i.blockedStreak >= t.blockedDays).map((i) => i.id).sort(byString);
  if (blocked.length > 0) {
    w.push({ code: 'blocked-long', severity: 'warning', ids: blocked, message: `${plural(blocked.length, 'item')} blocked for ${plural(t.blockedDays, 'day')} or more: ${blocked.join(', ')}.` });
  }
  const byId = new Map(input.items.map((i) => [i.id, i]));
  const sprintRank = new Map(input.sprints.map((s, i) => [s.id, i]));
  for (const item of input.items) {
    const rank = item.metrics.sprint === null ? undefined : sprintRank.get(item.metrics.sprint);
    if (item.category === 'done' || rank === undefined) continue;
    const deps = ctx.items.find((i) => i.id === item.id)?.dependsOn ?? [];
    const risky = deps.filter((d) => {
      const dep = byId.get(d);
      if (!dep || dep.category === 'done') return false;
      const depRank = dep.metrics.sprint === null ? undefined : sprintRank.get(dep.metrics.sprint);
      return depRank === undefined || depRank > rank;
    });
    if (risky.length > 0) {
      const list = [...new Set(risky)].sort(byString);
      w.push({
        code: 'dependency-risk', severity: 'warning', ids: [item.id, ...list],
        message: `${item.id} (${item.metrics.sprint}) depends on ${list.join(', ')}: not done and not planned in ${item.metrics.sprint} or an earlier sprint.`,
      });
    }
  }
  const open = new Set(input.sprints.filter((s) => s.status === 'active' || s.status === 'planned').map((s) => s.id));
  const unestimated = input.items
    .filter((i) => i.category !== 'done' && i.metrics.points === null && i.metrics.sprint !== null && open.has(i.metrics.sprint))
    .map((i) => i.id)
    .sort(byString);
  if (unestimated.length > 0) {
    w.push({ code: 'unestimated', severity: 'info', ids: unestimated, message: `${plural(unestimated.length, 'item')} in active or planned sprints without points: ${unestimated.join(', ')}.` });
  }
}

function logWarnings(ctx: Ctx, w: HealthWarning[], sprints: readonly SprintMetrics[], t: WarningThresholds): void {
  for (const s of sprints) {
    if (s.status !== 'closed') continue;
    const sprint = sprintById(ctx.ws.sprintLog, s.id);
    const actions = (sprint?.retro?.actions ?? []).filter((a) => !a.done);
    if (actions.length > 0) {
      w.push({
        code: 'open-retro-actions', severity: 'info', ids: [s.id],
        message: `Sprint ${s.id} has ${plural(actions.length, 'open retro action')}: ${actions.map((a) => a.text).join('; ')}.`,
      });
    }
  }
  const rated = sprints.filter((s) => s.satisfaction !== null);
  if (rated.length >= 2) {
    const mean = clean(rated.reduce((a, s) => a + (s.satisfaction as number), 0) / rated.length);
    const last = rated[rated.length - 1];
    if (mean - (last.satisfaction as number) >= t.satisfactionDrop - 1e-9) {
      w.push({
        code: 'satisfaction-drop', severity: 'warning', ids: [last.id],
        message: `Sprint ${last.id} review satisfaction ${fmt(last.satisfaction as number)} is ${fmt(t.satisfactionDrop)} or more below the mean ${fmt(mean)} of all ${rated.length} ratings.`,
      });
    }
  }
}

export function computeWarnings(ctx: Ctx, input: WarningInput): HealthWarning[] {
  const w: HealthWarning[] = [];
  for (const message of ctx.history.warnings) w.push({ code: 'history', severity: 'warning', ids: [], message });
  if (!ctx.full && ctx.history.warnings.length === 0) {
    w.push({ code: 'history', severity: 'warning', ids: [], message: `No complete git history of the backlog files (history: ${ctx.history.status}): history-based figures are null.` });
  }
  if (ctx.badZone !== undefined) {
    w.push({ code: 'timezone', severity: 'warning', ids: [], message: `Unknown time zone '${ctx.badZone}' in the sprint log: days are computed in UTC.` });
  }
  const impossible = input.items.filter((i) => i.impossible);
  if (impossible.length > 0) {
    const what = impossible.map((i) => `${i.id} (${i.impossible!.map((k) => (k === 'cycle' ? 'finished before started' : 'finished before created or first recorded')).join(', ')})`);
    w.push({
      code: 'impossible-dates', severity: 'warning', ids: impossible.map((i) => i.id),
      message: `${plural(impossible.length, 'item')} with a finish before the start or creation, so their cycle or lead time is left out of the statistics: ${what.join('; ')}. \`sprintlog validate\` shows where.`,
    });
  }
  for (const s of input.sprints) sprintWarnings(w, s, input.velocity, input.thresholds);
  itemWarnings(ctx, w, input);
  logWarnings(ctx, w, input.sprints, input.thresholds);
  return w
    .map((x, i) => ({ x, i }))
    // By code; inside a code, the order they were made in: sprints oldest first, items in rank order.
    .sort((a, b) => WARNING_CODES.indexOf(a.x.code) - WARNING_CODES.indexOf(b.x.code) || a.i - b.i)
    .map(({ x }) => x);
}
