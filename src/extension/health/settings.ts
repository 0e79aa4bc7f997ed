// The metrics settings of a folder as the extension computes them: velocity and
// cycle-time windows, and the health-warning thresholds `sprintlog.health.<code>`
// (one per code of core/health/options.ts THRESHOLD_KEYS, named like the CLI's
// `--threshold CODE=N`). Everything that computes metrics in the window asks here:
// the history service (views, badges, hover), the agents' tools, the dashboard.
import * as vscode from 'vscode';
import { parseThresholds, THRESHOLD_KEYS } from '../../core/health/options';
import type { MetricsSettings, WarningCode, WarningThresholds } from '../../core/metrics';
import { readSettings } from '../model/config';

export const HEALTH_SECTION = 'sprintlog.health';

/**
 * The thresholds set for `scope` (a folder or none). The CLI flag's parser decides what
 * a valid value is (one owner of the rule); a value it refuses is left at the spec's
 * default, as the settings editor already flags it.
 */
export function healthThresholds(scope?: vscode.ConfigurationScope): Partial<WarningThresholds> {
  const c = vscode.workspace.getConfiguration(HEALTH_SECTION, scope);
  let out: Partial<WarningThresholds> = {};
  for (const code of Object.keys(THRESHOLD_KEYS) as WarningCode[]) {
    const value = c.get<unknown>(code);
    if (typeof value !== 'number') continue;
    try {
      out = { ...out, ...parseThresholds([`${code}=${value}`]) };
    } catch {
      // Out of range (e.g. aging-wip 60): the default stays.
    }
  }
  return out;
}

/** The MetricsSettings of a folder: windows and thresholds from its settings. */
export function metricsSettings(folder: vscode.WorkspaceFolder): MetricsSettings {
  const s = readSettings(folder);
  return { velocityWindow: s.velocityWindow, cycleTimeWindowDays: s.cycleTimeWindow, thresholds: healthThresholds(folder) };
}

/** Whether a settings change alters computed metrics (so figures must be recomputed). */
export function affectsMetrics(e: vscode.ConfigurationChangeEvent): boolean {
  return ['sprintlog.health', 'sprintlog.velocityWindow', 'sprintlog.cycleTimeWindow'].some((k) => e.affectsConfiguration(k));
}
