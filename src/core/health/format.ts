// The health result for people (text) and tools (json); the GitHub annotations
// are the CLI's (they share validate's escaping).

import { printable } from '../printable';
import { HEALTH_CODES } from './options';
import type { HealthResult } from './findings';

/** `sprints S1; items A, B`: who a finding involves. */
export function involvedText(items: string[], sprints: string[]): string {
  const parts = [];
  if (sprints.length > 0) parts.push(`sprint${sprints.length === 1 ? '' : 's'} ${sprints.join(', ')}`);
  if (items.length > 0) parts.push(`item${items.length === 1 ? '' : 's'} ${items.join(', ')}`);
  return parts.join('; ');
}

export function healthText(h: HealthResult): string {
  const lines = [`Sprintlog health as of ${h.asOf} (${h.ref})`];
  if (h.findings.length === 0) lines.push('', 'No warnings.');
  for (const f of h.findings) {
    const mark = f.failing ? 'FAIL' : f.severity === 'warning' ? 'warn' : 'info';
    lines.push('', `${mark} ${f.code}: ${printable(f.message)}`);
    const who = involvedText(f.items, f.sprints);
    if (who) lines.push(`     involves ${printable(who)}`);
  }
  lines.push('');
  const listed = h.failOn.length === HEALTH_CODES.length ? 'all' : h.failOn.join(',');
  if (h.failOn.length === 0) lines.push('Gate: none (pass --fail-on CODES to fail on warnings).');
  else lines.push(h.failed.length > 0 ? `Gate FAILED on ${h.failed.join(', ')} (--fail-on ${listed}).` : `Gate passed (--fail-on ${listed}).`);
  return lines.join('\n') + '\n';
}

export function healthJson(h: HealthResult): string {
  return JSON.stringify(h, null, 2) + '\n';
}
