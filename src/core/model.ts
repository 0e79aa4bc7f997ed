// The in-memory model of a team's backlog files and sprint log
// (docs/spec/backlog-format.md). Every node keeps where it came from so
// diagnostics, "reveal in file" and text edits can point at the exact source.

export type StateCategory = 'todo' | 'doing' | 'done';

/** A place in a file. line and column are 1-based; offset/end are 0-based UTF-16 indices into the text. */
export interface SourceRange {
  /** Path relative to the repository root, with forward slashes (e.g. `backlog/backlog.yaml`). */
  file: string;
  line: number;
  column: number;
  offset: number;
  end: number;
}

/** Where one mapping entry (`key: value`) of an item, epic or sprint sits. */
export interface FieldSource {
  key: SourceRange;
  /** The value node; for an empty value (`key:`) it is a zero-length range after the colon. */
  value: SourceRange;
}

/** Keys the spec defines for an item, in the order new items are written. */
export const ITEM_KEYS = [
  'id', 'title', 'type', 'state', 'points', 'sprint', 'assignee', 'epic', 'depends_on',
  'blocked', 'tags', 'value', 'created', 'started', 'finished', 'description',
] as const;
export type ItemKey = (typeof ITEM_KEYS)[number];

export const EPIC_KEYS = ['id', 'title', 'target', 'owner', 'description'] as const;
export const BACKLOG_KEYS = ['version', 'project', 'states', 'epics', 'items'] as const;
export const ARCHIVE_KEYS = ['version', 'project', 'items'] as const;
export const SPRINTS_KEYS = ['version', 'timezone', 'working_days', 'holidays', 'sprints'] as const;
export const SPRINT_KEYS = ['id', 'name', 'start', 'end', 'goal', 'capacity', 'review', 'retro'] as const;
export const REVIEW_KEYS = ['satisfaction', 'notes'] as const;
export const RETRO_KEYS = ['went_well', 'to_improve', 'actions'] as const;
export const ACTION_KEYS = ['text', 'owner', 'done'] as const;

export const DEFAULT_STATES: Readonly<Record<string, StateCategory>> = {
  todo: 'todo',
  'in-progress': 'doing',
  review: 'doing',
  done: 'done',
};
export const DEFAULT_TIMEZONE = 'UTC';
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const DEFAULT_WORKING_DAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
export const SUPPORTED_VERSION = 1;

export interface Item {
  id: string;
  title: string;
  type?: string;
  /** As written; undefined when absent (the effective state is then `defaultState(states)`). */
  state?: string;
  points?: number;
  sprint?: string;
  assignee?: string;
  epic?: string;
  dependsOn: string[];
  blocked?: string;
  tags: string[];
  value?: number;
  /** Dates as written: `YYYY-MM-DD` or an ISO date-time. */
  created?: string;
  started?: string;
  finished?: string;
  description?: string;
  /** Keys the spec does not define, with their parsed values (kept untouched by every write). */
  extra: Record<string, unknown>;
  /** Every key as parsed, before typing (the validator reads these: `points: five`). */
  raw: Record<string, unknown>;
  /** Backlog file the item lives in (repo-relative). */
  file: string;
  /** Position in its file's `items:` sequence, 0-based. */
  index: number;
  /** Global rank across all backlog files: the main file first, then archives by file name. 0-based. */
  rank: number;
  /** The whole sequence entry, from its `- ` to the end of its last line (comments above it excluded). */
  source: SourceRange;
  /** Per key present in the file. */
  fields: Partial<Record<string, FieldSource>>;
}

export interface Epic {
  id: string;
  title: string;
  target?: string;
  owner?: string;
  description?: string;
  extra: Record<string, unknown>;
  raw: Record<string, unknown>;
  file: string;
  source: SourceRange;
  fields: Partial<Record<string, FieldSource>>;
}

export interface RetroAction {
  text: string;
  owner?: string;
  done: boolean;
}

export interface Review {
  satisfaction?: number;
  notes?: string;
}

export interface Retro {
  wentWell: string[];
  toImprove: string[];
  actions: RetroAction[];
}

export interface Sprint {
  id: string;
  name?: string;
  /** `YYYY-MM-DD`, first day. */
  start: string;
  /** `YYYY-MM-DD`, last day, inclusive. */
  end: string;
  goal?: string;
  capacity?: number;
  review?: Review;
  retro?: Retro;
  extra: Record<string, unknown>;
  raw: Record<string, unknown>;
  index: number;
  source: SourceRange;
  fields: Partial<Record<string, FieldSource>>;
}

/** One parsed backlog file (main or archive). */
export interface BacklogFile {
  file: string;
  /** The exact text that was parsed (BOM and CRLF included), so edits can be computed against it. */
  text: string;
  version?: number;
  project?: string;
  items: Item[];
  epics: Epic[];
  /** Only the main file may carry `states`. */
  states?: Record<string, StateCategory>;
  /** Top-level keys the spec does not define. */
  extra: Record<string, unknown>;
  raw: Record<string, unknown>;
  /** Top-level keys (`version`, `items`, ...) and where they are. */
  fields: Partial<Record<string, FieldSource>>;
}

export interface SprintLog {
  file: string;
  text: string;
  version?: number;
  timezone: string;
  workingDays: Weekday[];
  holidays: string[];
  sprints: Sprint[];
  extra: Record<string, unknown>;
  raw: Record<string, unknown>;
  fields: Partial<Record<string, FieldSource>>;
}

export type Severity = 'error' | 'warning';

export type ProblemCode =
  | 'yaml-syntax'
  | 'merge-conflict'
  | 'duplicate-id'
  | 'missing-id'
  | 'missing-title'
  | 'bad-state'
  | 'bad-points'
  | 'bad-date'
  | 'unknown-sprint'
  | 'unknown-epic'
  | 'unknown-dependency'
  | 'dependency-cycle'
  | 'sprint-overlap'
  | 'end-before-start'
  | 'unknown-key'
  | 'version-unsupported';

export interface Problem {
  file: string;
  line: number;
  column: number;
  /** Text range for editors (0-based offsets); absent when only a line/column is known. */
  offset?: number;
  end?: number;
  severity: Severity;
  code: ProblemCode;
  message: string;
  hint?: string;
}

/** Everything read from one repository's backlog files at one moment. */
export interface Workspace {
  /** Absolute path of the repository (or folder) root. */
  root: string;
  backlogPath: string;
  sprintsPath: string;
  /** Main file first, then `backlog/archive/*.yaml` sorted by name. A file that failed to parse is absent here and has a problem. */
  backlogs: BacklogFile[];
  sprintLog?: SprintLog;
  /** All items of all backlog files in rank order. */
  items: Item[];
  epics: Epic[];
  states: Record<string, StateCategory>;
  project?: string;
  /** Parse problems (yaml-syntax, merge-conflict); validation adds the rest. */
  parseProblems: Problem[];
}

/** The state an item without `state:` has: the first todo-category state. */
export function defaultState(states: Record<string, StateCategory>): string {
  for (const [name, cat] of Object.entries(states)) if (cat === 'todo') return name;
  return Object.keys(states)[0] ?? 'todo';
}

export function effectiveState(item: Pick<Item, 'state'>, states: Record<string, StateCategory>): string {
  return item.state ?? defaultState(states);
}

export function stateCategory(state: string | undefined, states: Record<string, StateCategory>): StateCategory | undefined {
  return state === undefined ? undefined : states[state];
}

/** States in workflow order: as declared, grouped todo → doing → done (stable inside a category). */
export function workflowOrder(states: Record<string, StateCategory>): string[] {
  const rank: Record<StateCategory, number> = { todo: 0, doing: 1, done: 2 };
  return Object.keys(states).sort((a, b) => rank[states[a]] - rank[states[b]]);
}
