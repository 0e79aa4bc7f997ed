// What an item row shows (pure): label, description, icon, context value and
// the Markdown tooltip. Everything taken from the files is escaped, because a
// backlog file is untrusted input (it may come from any branch or fork).
import { effectiveState, stateCategory, type Item, type StateCategory, type Workspace } from '../../core/model';
import { formatPoints } from './grouping';
import { escapeMarkdown } from '../../core/escape';
import { itemById } from '../../core/lookup';
import { isTeamRef } from '../../core/team-ref';

export function itemLabel(item: Item): string {
  return `${item.id} ${item.title}`;
}

/** `5 pt · alice · blocked` — points and assignee, and a visible blocked mark. */
export function itemDescription(item: Item): string {
  const parts: string[] = [];
  if (item.points !== undefined) parts.push(`${formatPoints(item.points)} pt`);
  if (item.assignee) parts.push(item.assignee);
  if (item.blocked) parts.push('⊘ blocked');
  return parts.join(' · ');
}

const TYPE_ICONS: Record<string, string> = {
  story: 'book', bug: 'bug', task: 'tasklist', spike: 'beaker', chore: 'tools', epic: 'layers',
};

/** Colour ids are VS Code theme colours. */
const CATEGORY_COLORS: Record<StateCategory, string | undefined> = {
  todo: undefined,
  doing: 'charts.blue',
  done: 'charts.green',
};

export interface IconSpec {
  id: string;
  color?: string;
}

/** Icon by type (shape) and state category (colour); blocked items get a red "blocked" icon. */
export function itemIcon(item: Item, states: Record<string, StateCategory>): IconSpec {
  if (item.blocked) return { id: 'circle-slash', color: 'charts.red' };
  const cat = stateCategory(effectiveState(item, states), states);
  if (cat === 'done') return { id: 'pass', color: CATEGORY_COLORS.done };
  const id = TYPE_ICONS[(item.type ?? '').toLowerCase()] ?? 'circle-large-outline';
  return { id, color: cat ? CATEGORY_COLORS[cat] : 'charts.yellow' };
}

/** `item`, plus `blocked` / `unblocked` and the category, e.g. `item blocked doing`: menus match with regexes. */
export function itemContextValue(item: Item, states: Record<string, StateCategory>): string {
  const cat = stateCategory(effectiveState(item, states), states) ?? 'unknown';
  return `item ${item.blocked ? 'blocked' : 'unblocked'} ${cat}`;
}

export interface TimelineEntry {
  /** `YYYY-MM-DD` */
  date: string;
  text: string;
}

/** The tooltip as Markdown: title, fields, blocked reason, dependencies with their states, description, timeline. */
export function itemTooltip(item: Item, ws: Workspace, timeline?: readonly TimelineEntry[]): string {
  const e = (text: string): string => escapeMarkdown(text);
  const lines: string[] = [];
  lines.push(`**${e(item.id)}** ${e(item.title)}`, '');
  const facts: string[] = [];
  facts.push(`state: ${e(effectiveState(item, ws.states))}`);
  if (item.type) facts.push(`type: ${e(item.type)}`);
  facts.push(item.points !== undefined ? `${e(formatPoints(item.points))} pt` : 'unestimated');
  if (item.sprint) facts.push(`sprint: ${e(item.sprint)}`);
  if (item.assignee) facts.push(`assignee: ${e(item.assignee)}`);
  if (item.epic) facts.push(`epic: ${e(item.epic)}`);
  lines.push(facts.join(' · '));
  if (item.tags.length > 0) lines.push('', 'tags: ' + item.tags.map(e).join(', '));
  if (item.blocked) lines.push('', `**Blocked:** ${e(item.blocked)}`);
  if (item.dependsOn.length > 0) {
    const deps = item.dependsOn.map((d) => {
      const dep = itemById(ws, d);
      if (!dep) return `${e(d)} (${isTeamRef(d) ? `team ${e(d.slice(0, d.indexOf(':')))}` : 'unknown'})`;
      return `${e(d)} (${e(effectiveState(dep, ws.states))})`;
    });
    lines.push('', 'Depends on: ' + deps.join(', '));
  }
  if (item.description) lines.push('', '---', '', e(item.description.trim()).replace(/\n/g, '  \n'));
  if (timeline && timeline.length > 0) {
    lines.push('', '---', '', '**Timeline**', '');
    for (const t of timeline) lines.push(`- ${e(t.date)}: ${e(t.text)}`);
  }
  return lines.join('\n');
}
