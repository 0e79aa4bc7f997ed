// Velocity (spec metrics.md §4): mean `completed` of the last `window` closed sprints.

import { clean } from './context';
import type { SprintMetrics, Velocity } from './types';

/** `sprints` in sprint order (oldest first). */
export function computeVelocity(sprints: readonly SprintMetrics[], window: number): Velocity {
  const closed = sprints.filter((s) => s.status === 'closed');
  const last = closed.slice(Math.max(0, closed.length - window));
  // Unknown `completed` in the window (no history) makes the mean unknown too, never a guess.
  const known = last.every((s) => s.completed !== null);
  // The exact mean (no rounding: the spec rounds only cycleTimeHours).
  const average = last.length > 0 && known ? clean(last.reduce((sum, s) => sum + (s.completed ?? 0), 0)) / last.length : null;
  return {
    window,
    average,
    sprints: closed.map((s) => ({ id: s.id, committed: s.committed, completed: s.completed })),
  };
}
