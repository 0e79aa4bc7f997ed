// Backlog view filters (pure). All given criteria must match.
import type { Item } from '../../core/model';

export interface ItemFilter {
  /** Case-insensitive substring of id, title, description or a tag. */
  text?: string;
  assignee?: string;
  tag?: string;
  /** The git user name "mine" resolves to (absent when "mine" is off). */
  mine?: string;
  blocked?: boolean;
}

export function isFilterEmpty(f: ItemFilter): boolean {
  return !f.text && !f.assignee && !f.tag && !f.mine && !f.blocked;
}

const lower = (s: string | undefined): string => (s ?? '').toLowerCase();

export function matchesFilter(item: Item, f: ItemFilter): boolean {
  if (f.blocked && !item.blocked) return false;
  if (f.assignee && lower(item.assignee) !== lower(f.assignee)) return false;
  if (f.mine && lower(item.assignee) !== lower(f.mine)) return false;
  if (f.tag && !item.tags.some((t) => lower(t) === lower(f.tag))) return false;
  if (f.text) {
    const needle = f.text.toLowerCase();
    const hay = [item.id, item.title, item.description ?? '', ...item.tags];
    if (!hay.some((h) => h.toLowerCase().includes(needle))) return false;
  }
  return true;
}

export function filterItems(items: readonly Item[], f: ItemFilter): Item[] {
  return isFilterEmpty(f) ? [...items] : items.filter((i) => matchesFilter(i, f));
}

/** Short text for the view's description, e.g. `"pay" · @alice · #api · mine · blocked`. */
export function describeFilter(f: ItemFilter): string {
  const parts: string[] = [];
  if (f.text) parts.push(JSON.stringify(f.text));
  if (f.assignee) parts.push('@' + f.assignee);
  if (f.tag) parts.push('#' + f.tag);
  if (f.mine) parts.push(`mine (${f.mine})`);
  if (f.blocked) parts.push('blocked');
  return parts.join(' · ');
}
