// Starter files for a repository without a backlog (`sprintlog init`, the extension's
// "Create Backlog"): commented, valid, with one example epic, item and sprint.
// Created only where no file exists: an existing backlog is never overwritten.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { addDays } from '../time/days';
import { dayOf, isValidTimeZone } from '../time/zone';
import { DEFAULT_BACKLOG_PATH, DEFAULT_SPRINTS_PATH } from '../parse/backlog-files';
import { buildWorkspace } from '../parse/workspace';
import { validateWorkspace } from '../validate';
import { EditError } from './types';

export interface StarterOptions {
  /** Id prefix, e.g. `PAY`. */
  project: string;
  /** IANA zone of the sprint calendar. */
  timezone: string;
  /** `YYYY-MM-DD`: the example sprint starts on the Monday of this week (default: today in `timezone`). */
  today?: string;
}

export interface StarterFile {
  file: string;
  text: string;
}

const PROJECT = /^[A-Za-z][A-Za-z0-9]*$/;

/** `payments-app` → `PAYM`: letters of a folder name, else PROJ. */
export function projectKeyOf(dir: string): string {
  const letters = path.basename(dir).replace(/[^A-Za-z]/g, '').toUpperCase();
  return letters.slice(0, 4) || 'PROJ';
}

/** The zone of this machine (the starter calendar's default). */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The Monday on or before `day`. */
function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** The two starter files; throws EditError for a bad project key or zone. */
export function starterFiles(o: StarterOptions, paths: { backlogPath?: string; sprintsPath?: string } = {}): StarterFile[] {
  if (!PROJECT.test(o.project)) throw new EditError(`project key '${o.project}' must be letters and digits starting with a letter (e.g. PAY): ids become ${'PAY'}-1, PAY-2, ...`);
  if (!isValidTimeZone(o.timezone)) throw new EditError(`'${o.timezone}' is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC).`);
  const today = o.today ?? dayOf(Date.now(), o.timezone);
  const start = mondayOf(today);
  const end = addDays(start, 11);
  const p = o.project;
  const backlog = `# ${p} backlog. The order of \`items\` is the priority rank: first = most important.
# Format: docs/spec/backlog-format.md. Edit by hand or with the Sprintlog extension / CLI.
version: 1
project: ${p}                # id prefix for new items (${p}-1, ${p}-2, ...)
states:                      # state name -> category (todo | doing | done)
  todo: todo
  in-progress: doing
  done: done
epics:
  - id: ${p}-E1
    title: First epic (rename or delete me)
items:
  - id: ${p}-1
    title: First item (rename or delete me)
    type: story
    state: todo
    points: 3                # leave out while unestimated
    sprint: S1
    epic: ${p}-E1
    created: ${today}
`;
  const sprints = `# Sprint calendar: days are counted in \`timezone\`.
version: 1
timezone: ${o.timezone}
working_days: [mon, tue, wed, thu, fri]
holidays: []                 # e.g. [${today.slice(0, 4)}-12-25]
sprints:
  - id: S1
    name: Sprint 1
    start: ${start}
    end: ${end}
    goal: A first goal (edit me)
`;
  const files = [{ file: paths.backlogPath ?? DEFAULT_BACKLOG_PATH, text: backlog }, { file: paths.sprintsPath ?? DEFAULT_SPRINTS_PATH, text: sprints }];
  // Never hand out files that do not validate (a zone or key that slipped past the checks above).
  const ws = buildWorkspace('/', [files[0]], files[1], { backlogPath: files[0].file, sprintsPath: files[1].file });
  const errors = validateWorkspace(ws).filter((x) => x.severity === 'error');
  if (errors.length > 0) throw new EditError(`the starter files would not be valid: ${errors[0].file}:${errors[0].line}: ${errors[0].message}`);
  return files;
}

/**
 * Creates the starter files under `root`, refusing (writing nothing) when either exists.
 * Each file is created exclusively (`wx`), so a file that appears meanwhile is not overwritten.
 */
export function createStarterFiles(root: string, files: StarterFile[]): string[] {
  const existing = files.filter((f) => fs.existsSync(path.join(root, f.file)));
  if (existing.length > 0) throw new EditError(`${existing.map((f) => f.file).join(' and ')} already exist${existing.length === 1 ? 's' : ''}: nothing was written (Sprintlog never overwrites a backlog).`);
  for (const f of files) {
    const target = path.join(root, f.file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, f.text, { encoding: 'utf8', flag: 'wx' });
  }
  return files.map((f) => f.file);
}
