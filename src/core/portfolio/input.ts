// A team's portfolio input from its metrics document: the one way a direct
// `sprintlog portfolio` run and the dashboard's multi-root section make it.

import { forecastDocument } from '../forecast';
import { dependencyReport } from '../kpis/deps';
import type { MetricsReport } from '../metrics/types';
import type { Workspace } from '../model';
import type { TeamInput } from './rows';

/** `known` when the caller has the epics' forecast and the `team:ID` entries already (the panel's snapshot). */
export function teamInputOf(team: string, source: string, doc: { report: MetricsReport; workspace: Workspace }, known: Partial<Pick<TeamInput, 'epics' | 'external'>> = {}): TeamInput {
  const problems = doc.workspace.parseProblems.filter((p) => p.severity === 'error').map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
  return {
    team, source, report: doc.report, problems,
    epics: known.epics ?? forecastDocument(doc.report, doc.workspace, null).epics,
    external: known.external ?? dependencyReport(doc.report, doc.workspace).external,
  };
}
