// The CodeLens line above each item: `in-progress · 5 pts · age 3d`.

import { effectiveState, stateCategory, type Item, type StateCategory } from '../../core/model';
import type { ItemTimeline } from '../history/types';

export function pointsText(points: number | undefined): string {
  return points === undefined ? 'unestimated' : points === 1 ? '1 pt' : `${points} pts`;
}

/** Cycle time for done items and age for doing items, only when history is known (never invented). */
export function codeLensText(item: Item, states: Record<string, StateCategory>, timeline?: ItemTimeline): string {
  const state = effectiveState(item, states);
  const parts = [state, pointsText(item.points)];
  const category = stateCategory(state, states);
  if (category === 'done' && timeline?.cycleTimeDays !== undefined) parts.push(`cycle time ${timeline.cycleTimeDays}d`);
  if (category === 'doing' && timeline?.ageDays !== undefined) parts.push(`age ${timeline.ageDays}d`);
  if (item.blocked) parts.push('blocked');
  return parts.join(' · ');
}
