// The portfolio across teams: a row per team, totals, and the `team:ID`
// dependencies between them (resolved when both teams are listed, reported when not).

import { round } from '../metrics/context';
import { teamRow, type TeamInput, type TeamRow } from './rows';

export interface CrossDependency {
  team: string;
  id: string;
  on: string;
  /** done / open: found in the other team's items; not-found: that team has no such item; team-not-listed. */
  status: 'done' | 'open' | 'not-found' | 'team-not-listed' | 'unknown';
}

export interface Portfolio {
  teams: TeamRow[];
  totals: { teams: number; withProblems: number; velocity: number | null; warnings: number; epics: number; epicsAtRisk: number };
  dependencies: CrossDependency[];
}

export function portfolioOf(inputs: readonly TeamInput[]): Portfolio {
  const teams = inputs.map(teamRow);
  const byTeam = new Map(inputs.map((t) => [t.team, t]));
  const dependencies: CrossDependency[] = [];
  for (const t of inputs) {
    for (const e of t.external ?? []) {
      const other = byTeam.get(e.team);
      let status: CrossDependency['status'] = 'team-not-listed';
      if (other) {
        const item = other.report?.items.find((i) => i.id === e.ref);
        // A done item has a doneAt (spec §2: defined only while in a done state) or, without history, a done state is unknown here.
        status = other.report === null ? 'unknown' : !item ? 'not-found' : item.doneAt !== null || item.state === 'done' ? 'done' : 'open';
      }
      dependencies.push({ team: t.team, id: e.id, on: `${e.team}:${e.ref}`, status });
    }
  }
  const velocities = teams.map((t) => t.velocity);
  const epics = teams.flatMap((t) => t.epics ?? []);
  return {
    teams,
    totals: {
      teams: teams.length,
      withProblems: teams.filter((t) => !t.ok).length,
      velocity: velocities.every((v) => v === null) ? null : round(velocities.reduce<number>((a, v) => a + (v ?? 0), 0), 2),
      warnings: teams.reduce((a, t) => a + Object.values(t.warnings).reduce((x, y) => x + (y ?? 0), 0), 0),
      epics: epics.length,
      epicsAtRisk: epics.filter((e) => e.atRisk === true).length,
    },
    dependencies,
  };
}
