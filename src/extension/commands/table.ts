// Every command of the extension as data (pure): id, title, icon, when it is
// enabled, whether it writes, and where it appears. package.json's
// contributes.commands and menus are kept equal to this table by a unit test
// (test/unit/extension-commands-table.test.ts); handlers are mapped in index.ts.

export type MenuPlace = 'palette' | 'title' | 'context' | 'inline';

export interface CommandSpec {
  id: string;
  title: string;
  icon?: string;
  /** Writes the backlog files or runs git: disabled in untrusted workspaces. */
  writes: boolean;
  /** Views whose item (or other) rows get it in the context menu / inline. */
  views?: ('sprint' | 'backlog')[];
  /** Context menu / inline on these row kinds (`item`, `item blocked`, `folder`, `error`...): a viewItem regex. */
  rows?: string;
  /** Inline button on rows. */
  inline?: boolean;
  /** Button in the view title bar. */
  title_bar?: boolean;
  /** Context menu group, e.g. `1_edit@2`. */
  group?: string;
  /** Extra when-clause (ANDed). */
  when?: string;
  /** Hidden from the command palette (needs a row to act on). */
  noPalette?: boolean;
  /** Extra when-clause for the palette only (ANDed). */
  paletteWhen?: string;
  /** Replaces the palette's `sprintlog.active` (for commands that make a backlog). */
  paletteBase?: string;
}

const ITEM = '^item';
/** The Sprint view's sprint header and the Backlog view's sprint groups. */
const SPRINT_ROW = '^(info|group) sprint$';
export const COMMANDS = [
  { id: 'sprintlog.refresh', title: 'Refresh', icon: '$(refresh)', writes: false, views: ['sprint', 'backlog'], title_bar: true, group: 'navigation@9' },
  { id: 'sprintlog.openDashboard', title: 'Open Dashboard', icon: '$(graph)', writes: false, views: ['sprint'], title_bar: true, group: 'navigation@2' },
  { id: 'sprintlog.pickSprint', title: 'Show Sprint…', icon: '$(calendar)', writes: false, views: ['sprint'], title_bar: true, group: 'navigation@1' },
  { id: 'sprintlog.groupBy', title: 'Group Backlog By…', icon: '$(group-by-ref-type)', writes: false, views: ['backlog'], title_bar: true, group: 'navigation@2' },
  { id: 'sprintlog.filter', title: 'Filter Backlog…', icon: '$(filter)', writes: false, views: ['backlog'], title_bar: true, group: 'navigation@3', when: '!sprintlog.filtered' },
  { id: 'sprintlog.editFilter', title: 'Change Backlog Filter…', icon: '$(filter-filled)', writes: false, views: ['backlog'], title_bar: true, group: 'navigation@3', when: 'sprintlog.filtered' },
  { id: 'sprintlog.clearFilter', title: 'Clear Backlog Filter', icon: '$(clear-all)', writes: false, views: ['backlog'], title_bar: true, group: 'navigation@4', when: 'sprintlog.filtered', paletteWhen: 'sprintlog.filtered' },
  { id: 'sprintlog.newItem', title: 'New Item…', icon: '$(add)', writes: true, views: ['sprint', 'backlog'], title_bar: true, rows: ITEM, group: '1_create@1' },
  { id: 'sprintlog.startWork', title: 'Start Work', icon: '$(play)', writes: true, views: ['sprint', 'backlog'], rows: '^item \\S+ todo', inline: true, group: '0_work@1' },
  { id: 'sprintlog.setState', title: 'Set State…', icon: '$(check)', writes: true, views: ['sprint', 'backlog'], rows: ITEM, inline: true, group: '2_edit@1' },
  { id: 'sprintlog.moveToSprint', title: 'Move to Sprint…', icon: '$(calendar)', writes: true, views: ['sprint', 'backlog'], rows: ITEM, group: '2_edit@2' },
  { id: 'sprintlog.estimate', title: 'Estimate…', writes: true, views: ['sprint', 'backlog'], rows: ITEM, group: '2_edit@3' },
  { id: 'sprintlog.assign', title: 'Assign…', icon: '$(person)', writes: true, views: ['sprint', 'backlog'], rows: ITEM, group: '2_edit@4' },
  { id: 'sprintlog.assignToMe', title: 'Assign to Me', writes: true, views: ['sprint', 'backlog'], rows: ITEM, group: '2_edit@5' },
  { id: 'sprintlog.editTitle', title: 'Edit Title…', writes: true, views: ['sprint', 'backlog'], rows: ITEM, group: '2_edit@6' },
  { id: 'sprintlog.setBlocked', title: 'Set Blocked Reason…', writes: true, views: ['sprint', 'backlog'], rows: ITEM, group: '3_block@1' },
  { id: 'sprintlog.clearBlocked', title: 'Clear Blocked', writes: true, views: ['sprint', 'backlog'], rows: '^item blocked', group: '3_block@2' },
  { id: 'sprintlog.addDependency', title: 'Add Dependency…', writes: true, views: ['sprint', 'backlog'], rows: ITEM, group: '3_block@3' },
  { id: 'sprintlog.revealInYaml', title: 'Reveal in YAML', icon: '$(go-to-file)', writes: false, views: ['sprint', 'backlog'], rows: ITEM, group: '4_nav@1' },
  { id: 'sprintlog.copyId', title: 'Copy Id', writes: false, views: ['sprint', 'backlog'], rows: ITEM, group: '4_nav@2' },
  { id: 'sprintlog.deleteItem', title: 'Delete Item…', writes: true, views: ['sprint', 'backlog'], rows: ITEM, group: '9_delete@1' },
  // Reviews and retros: on a sprint row (the Sprint view's header, a sprint group of the Backlog view) and the palette.
  { id: 'sprintlog.addReviewRating', title: 'Add Review Rating…', icon: '$(star-empty)', writes: true, views: ['sprint', 'backlog'], rows: SPRINT_ROW, group: '5_ceremony@1' },
  { id: 'sprintlog.addRetroNote', title: 'Add Retro Note…', icon: '$(note)', writes: true, views: ['sprint', 'backlog'], rows: SPRINT_ROW, group: '5_ceremony@2' },
  { id: 'sprintlog.addRetroAction', title: 'Add Retro Action…', icon: '$(tasklist)', writes: true, views: ['sprint', 'backlog'], rows: SPRINT_ROW, group: '5_ceremony@3' },
  { id: 'sprintlog.closeRetroAction', title: 'Close Retro Action…', icon: '$(pass)', writes: true, views: ['sprint', 'backlog'], rows: SPRINT_ROW, group: '5_ceremony@4' },
  { id: 'sprintlog.createBacklog', title: 'Create Backlog', writes: true, paletteBase: '!sprintlog.active' },
  { id: 'sprintlog.goToError', title: 'Go to Error', icon: '$(go-to-file)', writes: false, views: ['sprint', 'backlog'], rows: '^error', inline: true, group: '4_nav@1', noPalette: true },
] as const satisfies readonly CommandSpec[];

export type CommandId = (typeof COMMANDS)[number]['id'];

const VIEW_IDS = { sprint: 'sprintlog.sprint', backlog: 'sprintlog.backlog' } as const;

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

function and(...parts: (string | undefined)[]): string {
  return parts.filter(Boolean).join(' && ');
}

function viewClause(spec: CommandSpec): string {
  const views = (spec.views ?? []).map((v) => VIEW_IDS[v]);
  return views.length === 1 ? `view == ${views[0]}` : `view =~ /^(${views.map((v) => v.replace('.', '\\.')).join('|')})$/`;
}

/** package.json contributes.commands, derived from the table. */
export function contributedCommands(): { command: string; title: string; category: string; icon?: string; enablement?: string }[] {
  return COMMANDS.map((c: CommandSpec) => ({
    command: c.id,
    title: c.title,
    category: 'Sprintlog',
    ...(c.icon ? { icon: c.icon } : {}),
    ...(c.writes ? { enablement: 'isWorkspaceTrusted' } : {}),
  }));
}

/** package.json contributes.menus, derived from the table. */
export function contributedMenus(): Record<string, MenuEntry[]> {
  const trust = (c: CommandSpec): string | undefined => (c.writes ? 'isWorkspaceTrusted' : undefined);
  const palette: MenuEntry[] = [];
  const title: MenuEntry[] = [];
  const context: MenuEntry[] = [];
  for (const c of COMMANDS as readonly CommandSpec[]) {
    palette.push({ command: c.id, when: c.noPalette ? 'false' : and(c.paletteBase ?? 'sprintlog.active', trust(c), c.paletteWhen) });
    if (c.title_bar && c.views) title.push({ command: c.id, when: and(viewClause(c), c.when, trust(c)), group: c.group?.startsWith('navigation') ? c.group : 'navigation' });
    if (c.rows && c.views) {
      const when = and(viewClause(c), `viewItem =~ /${c.rows}/`, c.when, trust(c));
      if (c.inline) context.push({ command: c.id, when, group: 'inline' });
      context.push({ command: c.id, when, group: c.group });
    }
  }
  return { commandPalette: palette, 'view/title': title, 'view/item/context': context };
}
