// Health findings: the metrics document's warnings (the ONE computation, in
// metrics/warnings.ts) with the items and sprints each one involves spelled out,
// so a PMO sees who and what without reading ids off a message.

import type { StateCategory } from '../model';
import type { HealthWarning, MetricsReport, WarningCode } from '../metrics/types';

export interface HealthFinding {
  code: WarningCode;
  severity: HealthWarning['severity'];
  /** Why, in words: the warning's message. */
  message: string;
  items: string[];
  sprints: string[];
  /** This code is listed in --fail-on. */
  failing: boolean;
}

export interface HealthResult {
  asOf: string;
  ref: string;
  findings: HealthFinding[];
  /** Codes listed in --fail-on. */
  failOn: WarningCode[];
  /** Codes listed in --fail-on that fired: the gate fails when this is not empty. */
  failed: WarningCode[];
}

const SPRINT_CODES = new Set<WarningCode>(['behind-ideal', 'scope-creep', 'overcommitted', 'open-retro-actions', 'satisfaction-drop']);

function involved(w: HealthWarning, r: MetricsReport, states: Record<string, StateCategory>): { items: string[]; sprints: string[] } {
  const sprintIds = new Set(r.sprints.map((s) => s.id));
  if (!SPRINT_CODES.has(w.code)) {
    const items = w.ids.filter((id) => !sprintIds.has(id) || r.items.some((i) => i.id === id));
    const sprints = [...new Set(items.map((id) => r.items.find((i) => i.id === id)?.sprint).filter((s): s is string => typeof s === 'string'))];
    return { items, sprints };
  }
  const sprints = w.ids.filter((id) => sprintIds.has(id));
  const members = r.items.filter((i) => i.sprint !== null && sprints.includes(i.sprint));
  let items: string[] = [];
  if (w.code === 'behind-ideal') items = members.filter((i) => states[i.state] !== 'done').map((i) => i.id);
  else if (w.code === 'overcommitted') items = members.map((i) => i.id);
  else if (w.code === 'scope-creep') {
    const added = r.sprints.filter((s) => sprints.includes(s.id)).flatMap((s) => s.scopeChanges ?? []).filter((c) => c.kind !== 'removed' && (c.points ?? 0) > 0);
    items = [...new Set(added.map((c) => c.id))];
  }
  return { items, sprints };
}

export function healthOf(r: MetricsReport, states: Record<string, StateCategory>, failOn: readonly WarningCode[]): HealthResult {
  const findings = r.warnings.map((w) => ({ code: w.code, severity: w.severity, message: w.message, ...involved(w, r, states), failing: failOn.includes(w.code) }));
  const failed = [...new Set(findings.filter((f) => f.failing).map((f) => f.code))];
  return { asOf: r.asOf, ref: r.ref, findings, failOn: [...failOn], failed };
}
