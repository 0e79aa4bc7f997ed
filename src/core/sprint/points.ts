// Point totals of a set of items (a sprint, a tree group): the one sum the
// Sprint view, the status bar and the group rows show. Unestimated items count 0.

import { effectiveState, stateCategory, type Item, type StateCategory } from '../model';

export interface PointTotals {
  items: number;
  /** Points of every item (unestimated count 0). */
  points: number;
  /** Points of the items in a done-category state. */
  donePoints: number;
  doneItems: number;
  /** Items without `points`. */
  unestimated: number;
  /** Items not in a done-category state and their points. */
  openItems: number;
  openPoints: number;
  /** Open items without `points`. */
  openUnestimated: number;
}

/** Totals of `items`; with `states`, split into done and open by state category. */
export function pointTotals(items: Iterable<Item>, states?: Record<string, StateCategory>): PointTotals {
  const t: PointTotals = { items: 0, points: 0, donePoints: 0, doneItems: 0, unestimated: 0, openItems: 0, openPoints: 0, openUnestimated: 0 };
  for (const i of items) {
    const p = i.points ?? 0;
    t.items++;
    t.points += p;
    if (i.points === undefined) t.unestimated++;
    if (states && stateCategory(effectiveState(i, states), states) === 'done') {
      t.doneItems++;
      t.donePoints += p;
    } else {
      t.openItems++;
      t.openPoints += p;
      if (i.points === undefined) t.openUnestimated++;
    }
  }
  return t;
}

/** The items currently in sprint `id`, in rank order. */
export function sprintItems(items: readonly Item[], id: string): Item[] {
  return items.filter((i) => i.sprint === id);
}
