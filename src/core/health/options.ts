// What a health run is asked for: which codes fail the gate (--fail-on) and the
// thresholds of the rules (--threshold CODE=VALUE). Parsing is pure: a mistake
// is a HealthOptionError naming what is known, which the CLI turns into exit 2.

import type { WarningCode, WarningThresholds } from '../metrics/types';
import { WARNING_CODES } from '../metrics/warnings';

export class HealthOptionError extends Error {}

/** The codes of spec §5 that a gate may name (the data-quality ones too: a CI may fail on `history`). */
export const HEALTH_CODES: readonly WarningCode[] = WARNING_CODES;

/** `behind-ideal,blocked-long` or `all` → the codes; an unknown code names the known ones. */
export function parseFailOn(text: string): WarningCode[] {
  const parts = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length === 1 && parts[0] === 'all') return [...HEALTH_CODES];
  if (parts.length === 0) throw new HealthOptionError(`--fail-on needs codes or 'all' (codes: ${HEALTH_CODES.join(', ')}).`);
  const unknown = parts.filter((p) => !(HEALTH_CODES as readonly string[]).includes(p));
  if (unknown.length > 0) {
    throw new HealthOptionError(`unknown warning code${unknown.length === 1 ? '' : 's'} ${unknown.map((u) => `'${u}'`).join(', ')} in --fail-on (codes: ${HEALTH_CODES.join(', ')}, or all).`);
  }
  return [...new Set(parts as WarningCode[])];
}

/** Per code, the threshold it takes and what the number means (for messages and --help). */
export const THRESHOLD_KEYS: Readonly<Partial<Record<WarningCode, { key: keyof WarningThresholds; means: string }>>> = {
  'behind-ideal': { key: 'behindIdealPct', means: '% of committed that remaining may exceed the ideal line by (20)' },
  'scope-creep': { key: 'scopeCreepPct', means: '% of committed that may be added after the start (20)' },
  overcommitted: { key: 'overcommittedPct', means: '% of the velocity that may be committed (120)' },
  'aging-wip': { key: 'agingPercentile', means: 'cycle-time percentile an item in progress may reach: 50, 70, 85 or 95 (85)' },
  'blocked-long': { key: 'blockedDays', means: 'days blocked in a row that fire it (3)' },
  'satisfaction-drop': { key: 'satisfactionDrop', means: 'rating points below the mean that fire it (0.5)' },
};

/** `blocked-long=5` (repeatable) → thresholds; unknown codes and bad numbers are usage mistakes. */
export function parseThresholds(texts: readonly string[]): Partial<WarningThresholds> {
  const out: Partial<WarningThresholds> = {};
  const known = Object.keys(THRESHOLD_KEYS).join(', ');
  for (const text of texts) {
    const m = /^([a-z-]+)=(.+)$/.exec(text.trim());
    if (!m) throw new HealthOptionError(`--threshold '${text}' is not CODE=NUMBER (codes with a threshold: ${known}).`);
    const spec = THRESHOLD_KEYS[m[1] as WarningCode];
    if (!spec) throw new HealthOptionError(`--threshold: '${m[1]}' has no threshold (codes with a threshold: ${known}).`);
    const value = Number(m[2]);
    if (!Number.isFinite(value) || value < 0) throw new HealthOptionError(`--threshold ${m[1]}: '${m[2]}' is not a number >= 0.`);
    if (spec.key === 'agingPercentile') {
      if (![50, 70, 85, 95].includes(value)) throw new HealthOptionError(`--threshold aging-wip: the percentile must be 50, 70, 85 or 95, got ${m[2]}.`);
      out.agingPercentile = value as WarningThresholds['agingPercentile'];
    } else {
      (out as Record<string, number>)[spec.key] = value;
    }
  }
  return out;
}
