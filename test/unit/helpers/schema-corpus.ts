/**
 * Inputs on which the JSON Schemas and `sprintlog validate` must give the same
 * answer: each case replaces one file of an otherwise valid repository (every
 * sprint, epic and item it refers to exists), so the only problem in it is
 * the one the case is about.
 *
 *   accept: no schema error, no validator error (warnings allowed: `warns`)
 *   reject: a schema error and a validator error
 *   beyond: the validator rejects, the schema cannot (references, the zone
 *           database, two spellings of one day): the schema must accept
 */
export type Verdict = 'accept' | 'reject' | 'beyond';
export type CorpusFile = 'backlog/backlog.yaml' | 'backlog/sprints.yaml' | 'backlog/archive/2025.yml';

export interface CorpusCase {
  name: string;
  file: CorpusFile;
  text: string;
  verdict: Verdict;
  /** The validator's warning codes on this file (unknown keys): the schema accepts those files. */
  warns?: boolean;
}

const B: CorpusFile = 'backlog/backlog.yaml';
const S: CorpusFile = 'backlog/sprints.yaml';
const A: CorpusFile = 'backlog/archive/2025.yml';

const BACKLOG_HEAD = 'version: 1\nproject: PAY\nepics:\n  - id: E1\n    title: Payments\nitems:\n  - id: PAY-1\n    title: First\n    sprint: S1\n    epic: E1\n';
/** The valid backlog with a second item made of `lines`. */
const item = (...lines: string[]): string => BACKLOG_HEAD + '  - id: PAY-2\n    title: Second\n' + lines.map((l) => `    ${l}\n`).join('');
const SPRINT_HEAD = 'version: 1\ntimezone: Europe/Berlin\nsprints:\n  - id: S1\n    start: 2026-11-02\n    end: 2026-11-13\n';
/** The valid sprint log with `lines` added to sprint S1. */
const sprint = (...lines: string[]): string => SPRINT_HEAD + lines.map((l) => `    ${l}\n`).join('');
/** The valid sprint log with top-level `lines` before `sprints:`. */
const calendar = (...lines: string[]): string => 'version: 1\n' + lines.map((l) => `${l}\n`).join('') + SPRINT_HEAD.replace('version: 1\n', '');
const archive = (...lines: string[]): string => 'version: 1\n' + lines.map((l) => `${l}\n`).join('') + 'items:\n  - id: PAY-0\n    title: Old\n    state: done\n';

export const VALID_BACKLOG = BACKLOG_HEAD;
export const VALID_SPRINTS = SPRINT_HEAD;

export const CORPUS: CorpusCase[] = [
  // The parser reads these; the schema used to reject them.
  { name: 'empty points, sprint, state', file: B, text: item('points:', 'sprint:', 'state:', 'epic:', 'depends_on:', 'tags:', 'blocked:', 'created:'), verdict: 'accept' },
  { name: 'empty capacity, goal, review', file: S, text: sprint('capacity:', 'goal:', 'review:', 'retro:'), verdict: 'accept' },
  { name: 'empty version, timezone, working_days', file: S, text: SPRINT_HEAD.replace('version: 1', 'version:').replace('timezone: Europe/Berlin', 'timezone:\nworking_days:'), verdict: 'accept' },
  { name: 'full weekday names', file: S, text: calendar('working_days: [Monday, Tuesday, wed]'), verdict: 'accept' },
  { name: 'a single working day', file: S, text: calendar('working_days: mon'), verdict: 'accept' },
  { name: 'a single holiday', file: S, text: calendar('holidays: 2026-12-25'), verdict: 'accept' },
  { name: 'single retro texts', file: S, text: sprint('retro:', '  went_well: Pairing', '  to_improve: Smaller stories', '  actions: WIP limit of 3'), verdict: 'accept' },
  { name: 'a number as assignee, owner and title', file: B, text: item('assignee: 42', 'type: 7', 'description: 12').replace('title: Payments', 'title: 2026\n    owner: 42'), verdict: 'accept' },
  { name: 'a decimal id', file: B, text: BACKLOG_HEAD + '  - id: 1.5\n    title: Decimal id\n    depends_on: PAY-1\n', verdict: 'accept' },
  { name: 'a leap day', file: B, text: item('created: 2000-02-29', 'finished: 2028-02-29T10:00:00Z'), verdict: 'accept' },
  { name: 'the archive with epics', file: A, text: archive('project: PAY', 'epics:', '  - {id: E0, title: Old epic}'), verdict: 'accept' },
  { name: 'a misspelt item key', file: B, text: item('asignee: bob'), verdict: 'accept', warns: true },
  { name: 'a misspelt sprint key', file: S, text: sprint('goals: Ship it'), verdict: 'accept', warns: true },
  { name: 'states in an archive file', file: A, text: archive('states:', '  todo: todo'), verdict: 'accept', warns: true },
  { name: 'an action with done: true', file: S, text: sprint('retro:', '  actions:', '    - {text: Pair more, owner: bob, done: true}', '    - Plain text'), verdict: 'accept' },

  // The validator accepted these; the schema rejected them.
  { name: 'blocked: true', file: B, text: item('blocked: true'), verdict: 'reject' },
  { name: 'blocked: false', file: B, text: item('blocked: false'), verdict: 'reject' },
  { name: 'tags as a mapping', file: B, text: item('tags: {a: 1}'), verdict: 'reject' },
  { name: 'a list inside tags', file: B, text: item('tags: [a, [b]]'), verdict: 'reject' },
  { name: 'depends_on as a mapping', file: B, text: item('depends_on: {PAY-1: yes}'), verdict: 'reject' },
  // Another team's item (issue 11's portfolio): `team:ID` is accepted by both; a malformed one by neither.
  { name: 'depends_on on another team, team:ID', file: B, text: item('depends_on: [PAY-1, shop:SHOP-4, web-app:W.2]'), verdict: 'accept' },
  { name: 'depends_on: a single team:ID', file: B, text: item('depends_on: shop:SHOP-4'), verdict: 'accept' },
  { name: 'depends_on: a team:ID as a block entry', file: B, text: item('depends_on:', '  - shop:SHOP-4'), verdict: 'accept' },
  { name: 'depends_on: no team before the colon', file: B, text: item('depends_on: [":PAY-1"]'), verdict: 'reject' },
  { name: 'depends_on: no id after the colon', file: B, text: item('depends_on: ["pay:"]'), verdict: 'reject' },
  { name: 'depends_on: two colons', file: B, text: item('depends_on: ["a:b:PAY-1"]'), verdict: 'reject' },
  { name: 'depends_on: a space in the id', file: B, text: item('depends_on: [PAY 1]'), verdict: 'reject' },
  { name: 'a project key with a space', file: B, text: BACKLOG_HEAD.replace('project: PAY', 'project: PAY X'), verdict: 'reject' },
  { name: 'a state name with a trailing space', file: B, text: BACKLOG_HEAD.replace('items:', 'states:\n  todo: todo\n  "review ": doing\n  done: done\nitems:'), verdict: 'reject' },
  { name: 'an action with done: "no"', file: S, text: sprint('retro:', '  actions:', '    - {text: Pair more, done: "no"}'), verdict: 'reject' },
  { name: 'an action without text', file: S, text: sprint('retro:', '  actions:', '    - owner: bob'), verdict: 'reject' },
  { name: 'an action with blank text', file: S, text: sprint('retro:', '  actions:', '    - text: " "'), verdict: 'reject' },
  { name: 'a blank plain action', file: S, text: sprint('retro:', '  actions: [" "]'), verdict: 'reject' },
  { name: 'actions as a mapping', file: S, text: sprint('retro:', '  actions: {text: Pair more}'), verdict: 'reject' },
  { name: 'a repeated weekday', file: S, text: calendar('working_days: [mon, tue, mon]'), verdict: 'reject' },
  { name: 'review as text', file: S, text: sprint('review: great'), verdict: 'reject' },
  { name: 'retro as a list', file: S, text: sprint('retro: [a, b]'), verdict: 'reject' },
  { name: 'went_well as a mapping', file: S, text: sprint('retro:', '  went_well: {a: 1}'), verdict: 'reject' },
  { name: 'assignee as a list', file: B, text: item('assignee: [alice, bob]'), verdict: 'reject' },
  { name: 'description as a mapping', file: B, text: item('description: {a: 1}'), verdict: 'reject' },
  { name: 'goal as a list', file: S, text: sprint('goal: [a, b]'), verdict: 'reject' },
  // Both rejected before; kept so that stays true.
  { name: 'February 30', file: B, text: item('created: 2026-02-30'), verdict: 'reject' },
  { name: 'September 31', file: S, text: SPRINT_HEAD.replace('end: 2026-11-13', 'end: 2026-09-31').replace('start: 2026-11-02', 'start: 2026-09-01'), verdict: 'reject' },
  { name: 'February 29 of a common year', file: S, text: calendar('holidays: [2026-02-29]'), verdict: 'reject' },
  { name: 'February 29 of 2100', file: B, text: item('started: 2100-02-29'), verdict: 'reject' },
  { name: 'a blank title', file: B, text: item().replace('title: Second', 'title: " "'), verdict: 'reject' },
  { name: 'a blank epic title', file: B, text: BACKLOG_HEAD.replace('title: Payments', 'title: "  "'), verdict: 'reject' },
  { name: 'a date-time without offset', file: B, text: item('started: 2026-11-02T09:30'), verdict: 'reject' },
  { name: 'quoted points', file: B, text: item('points: "5"'), verdict: 'reject' },
  { name: 'negative capacity', file: S, text: sprint('capacity: -1'), verdict: 'reject' },
  { name: 'satisfaction 0', file: S, text: sprint('review: {satisfaction: 0}'), verdict: 'reject' },
  { name: 'an id with a space', file: B, text: BACKLOG_HEAD + '  - id: PAY 2\n    title: Spaced\n', verdict: 'reject' },
  { name: 'version 2', file: A, text: archive().replace('version: 1', 'version: 2'), verdict: 'reject' },
  { name: 'an offset as time zone', file: S, text: SPRINT_HEAD.replace('Europe/Berlin', '"+01:00"'), verdict: 'reject' },
  { name: 'a sprint without end', file: S, text: SPRINT_HEAD.replace('    end: 2026-11-13\n', ''), verdict: 'reject' },
  { name: 'items as a mapping', file: A, text: 'version: 1\nitems: {id: PAY-0}\n', verdict: 'reject' },
  { name: 'a bad state category', file: B, text: BACKLOG_HEAD.replace('items:', 'states:\n  todo: todo\n  qa: testing\nitems:'), verdict: 'reject' },

  // Beyond a JSON Schema: the validator knows the other files, the zone database, and that Monday is mon.
  { name: 'an undeclared state', file: B, text: item('state: qa'), verdict: 'beyond' },
  { name: 'an unknown sprint', file: B, text: item('sprint: S9'), verdict: 'beyond' },
  { name: 'an unknown epic', file: B, text: item('epic: E9'), verdict: 'beyond' },
  { name: 'an unknown dependency', file: B, text: item('depends_on: [PAY-9]'), verdict: 'beyond' },
  { name: 'a duplicate id', file: A, text: archive().replace('PAY-0', 'PAY-1'), verdict: 'beyond' },
  { name: 'an unknown time zone', file: S, text: SPRINT_HEAD.replace('Europe/Berlin', 'Europe/Berln'), verdict: 'beyond' },
  { name: 'one weekday in two spellings', file: S, text: calendar('working_days: [mon, Monday]'), verdict: 'beyond' },
  { name: 'end before start', file: S, text: SPRINT_HEAD.replace('end: 2026-11-13', 'end: 2026-10-13'), verdict: 'beyond' },
];
