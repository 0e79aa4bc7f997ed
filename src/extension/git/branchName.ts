// Branch names for "start work" (pure): the template `{id}-{title-slug}` and
// friends, made into a name `git check-ref-format --branch` accepts.
import type { Item } from '../../core/model';

export const DEFAULT_BRANCH_TEMPLATE = '{id}-{title-slug}';
const MAX_SLUG = 50;

/** Lower-case ASCII words joined by `-`: accents dropped, everything else a separator. */
export function slugify(text: string, max = MAX_SLUG): string {
  const ascii = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const slug = ascii.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  // Cut at a word boundary when there is one in the second half.
  const cut = slug.slice(0, max);
  const dash = cut.lastIndexOf('-');
  return (dash > max / 2 ? cut.slice(0, dash) : cut).replace(/-+$/, '');
}

/** Placeholders: {id}, {title-slug}, {type}, {user}, {assignee}. Unknown ones are left out. */
export function branchName(template: string, item: Pick<Item, 'id' | 'title' | 'type' | 'assignee'>, user?: string): string {
  const values: Record<string, string> = {
    id: item.id,
    'title-slug': slugify(item.title),
    type: item.type ?? '',
    user: user ? slugify(user, 30) : '',
    assignee: item.assignee ? slugify(item.assignee, 30) : '',
  };
  const filled = (template.trim() || DEFAULT_BRANCH_TEMPLATE).replace(/\{([a-z-]+)\}/g, (_m, key: string) => values[key] ?? '');
  return sanitizeRef(filled) || sanitizeRef(item.id) || 'work';
}

/**
 * Makes text a valid branch name (git-check-ref-format): no spaces, control
 * characters, `~^:?*[\`, `..`, `@{`, no component starting with `.` or ending
 * with `.lock`, no leading `-`, no trailing `/` or `.`, no empty components.
 */
export function sanitizeRef(name: string): string {
  let s = name
    // eslint-disable-next-line no-control-regex -- control characters are exactly what git forbids
    .replace(/[\u0000-\u0020\u007f~^:?*[\\]+/g, '-')
    .replace(/@\{/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/\/{2,}/g, '/');
  s = s
    .split('/')
    .map((c) => c.replace(/^[.-]+/, '').replace(/\.lock$/i, '-lock').replace(/[.]+$/, '').replace(/-{2,}/g, '-').replace(/-+$/, ''))
    .filter((c) => c.length > 0)
    .join('/');
  if (s === '@') return '';
  return s;
}
