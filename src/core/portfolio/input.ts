// A team's portfolio input from its metrics document: the one way a direct
// `sprintlog portfolio` run (and its result cache) and the dashboard's multi-root
// section make it. Only the report's row fields are kept (teamReport), so a cached
// row input stays small.

import { forecastDocument } from '../forecast';
import { dependencyReport } from '../kpis/deps';
import type { MetricsReport } from '../metrics/types';
import type { Workspace } from '../model';
import { teamReport, type TeamInput } from './rows';

/** `known` when the caller has the epics' forecast and the `team:ID` entries already (the panel's snapshot). */
export function teamInputOf(team: string, source: string, doc: { report: MetricsReport; workspace: Workspace }, known: Partial<Pick<TeamInput, 'epics' | 'external'>> = {}): TeamInput {
  const problems = doc.workspace.parseProblems.filter((p) => p.severity === 'error').map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
  return {
    team, source, report: teamReport(doc.report), problems,
    epics: known.epics ?? forecastDocument(doc.report, doc.workspace, null).epics,
    external: known.external ?? dependencyReport(doc.report, doc.workspace).external,
  };
}
