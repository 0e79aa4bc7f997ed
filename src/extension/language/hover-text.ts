// The Markdown shown when hovering an item id anywhere. Everything that comes
// from a file is escaped: a title must never turn into a link, HTML or a command.

import { effectiveState, type Item, type Workspace } from '../../core/model';
import type { ItemTimeline } from '../history/types';
import { dayOfText } from '../../core/time';
import { pointsText } from './lens-text';
import { escapeMarkdown } from '../../core/escape';
import { sprintById } from '../../core/lookup';

/** A hover is built line by line: a line break in file text must not start a new Markdown block. */
const esc = (text: string): string => escapeMarkdown(text, true);

export interface HoverOptions {
  timeline?: ItemTimeline;
  /** A `file:` URI (with `#L<line>`) to open the item's entry; built by the caller. */
  link?: string;
}

export function hoverMarkdown(item: Item, ws: Workspace, opts: HoverOptions = {}): string {
  const tz = ws.sprintLog?.timezone ?? 'UTC';
  const lines: string[] = [];
  lines.push(`**${esc(item.id)}** ${esc(item.title || '(no title)')}`);
  const facts = [`state: ${esc(effectiveState(item, ws.states))}`];
  if (item.sprint) {
    const sprint = sprintById(ws.sprintLog, item.sprint);
    facts.push(`sprint: ${esc(item.sprint)}${sprint?.name ? ` (${esc(sprint.name)})` : ''}`);
  } else {
    facts.push('product backlog');
  }
  facts.push(esc(pointsText(item.points)));
  if (item.assignee) facts.push(`assignee: ${esc(item.assignee)}`);
  if (item.type) facts.push(esc(item.type));
  lines.push(facts.join(' · '));
  if (item.blocked) lines.push(`Blocked: ${esc(item.blocked)}`);
  const t = opts.timeline;
  if (t) {
    const time = [
      t.startedAt ? `started ${esc(dayOfText(t.startedAt, tz))}` : undefined,
      t.doneAt ? `done ${esc(dayOfText(t.doneAt, tz))}` : undefined,
      t.cycleTimeDays !== undefined ? `cycle time ${t.cycleTimeDays}d` : undefined,
      t.ageDays !== undefined ? `age ${t.ageDays}d` : undefined,
      t.reopened ? `reopened ${t.reopened}×` : undefined,
    ].filter((s): s is string => s !== undefined);
    if (time.length > 0) lines.push(time.join(' · '));
  }
  if (opts.link) lines.push(`[${esc(item.file)}:${item.source.line}](${opts.link})`);
  // Two trailing spaces would be fragile; separate paragraphs are unambiguous.
  return lines.join('\n\n');
}
