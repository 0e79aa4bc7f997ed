// `sprintlog demo`: a deterministic git repository of the PAY payments team,
// six sprints of history, for the README, screenshots and tests.
//
// Timeline (e.g. --today 2026-11-26, a Thursday; the CLI's default is the
// current day in Berlin): sprints S7..S12, two weeks each, Monday to Friday;
// S12 (then 2026-11-16..2026-11-27) is active on --today, S7..S11 are closed. The history starts the Thursday before S7
// and ends on the morning of --today. Same seed and --today → same files
// and the same commit hashes.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { errnoText } from '../errno';
import { dayOf } from '../time';
import { addDays, isDay } from '../time';
import { DEMO_TIMEZONE } from './calendar';
import { archiveOld, carryOver, closeRetroActions, plan, refine, retro, review, setUp, startSprintLog } from './ceremonies';
import { writeRepository } from './git';
import { relabel, relabelRefs, TEAM_SEEDS, type DemoTeam } from './second-team';
import { Story } from './story';
import { addIncident, addRisky, block, pickUps, progress, reestimate, reopen, reviews, unblock } from './work';

export const DEFAULT_SEED = TEAM_SEEDS.pay;

/** The demo's default day: the day it is now in the team's zone, so the demo opened today shows an active sprint. */
export function demoToday(nowMs: number): string {
  return dayOf(nowMs, DEMO_TIMEZONE);
}

export { TEAMS, TEAM_SEEDS, type DemoTeam } from './second-team';

export interface DemoOptions {
  /** Default: the team's own seed (42 for pay). */
  seed?: number;
  /** Which team: pay (default) or shop, a second team with its own key, people and history. */
  team?: DemoTeam;
  /** `YYYY-MM-DD`: the last sprint is active on this day (the history ends that morning). */
  today: string;
}

export interface DemoResult {
  dir: string;
  head: string;
  seed: number;
  today: string;
  commits: number;
  merges: number;
  authors: string[];
  sprints: { id: string; start: string; end: string }[];
  activeSprint: string;
  /** Feature branches still open (work in progress on them). */
  openBranches: string[];
}

type Event = 'actions' | 'archive' | 'block' | 'block-open' | 'incident' | 'reestimate' | 'refine' | 'reopen' | 'risky';

/** What goes wrong (or gets done) on which working day of each sprint, 0-based. */
const SCHEDULE: Record<number, Record<number, Event[]>> = {
  0: { 2: ['reestimate'], 3: ['block'], 6: ['incident'], 7: ['refine'] },
  1: { 1: ['archive'], 2: ['actions', 'reestimate'], 4: ['reopen'], 5: ['incident'], 7: ['refine'] },
  2: { 2: ['actions', 'block'], 3: ['reestimate'], 5: ['incident'], 6: ['refine'] },
  3: { 2: ['actions'], 3: ['reopen'], 4: ['block'], 5: ['incident'], 7: ['refine'] },
  4: { 2: ['actions', 'reestimate'], 3: ['block'], 5: ['incident'], 6: ['reopen'], 7: ['refine'] },
  5: { 1: ['actions'], 2: ['reestimate'], 4: ['block-open'], 5: ['incident'], 6: ['risky'], 7: ['refine'] },
};

function runEvent(st: Story, k: number, e: Event): void {
  switch (e) {
    case 'actions': return closeRetroActions(st, k);
    case 'archive': return archiveOld(st);
    case 'block': return block(st, k, 2);
    case 'block-open': return block(st, k, undefined);
    case 'incident': return addIncident(st, k);
    case 'reestimate': return reestimate(st, k);
    case 'refine': return refine(st, k);
    case 'reopen': return reopen(st, k);
    case 'risky': return addRisky(st, k);
  }
}

/** Run the story in memory: every commit of the demo, in order. */
export function tellStory(seed: number, today: string): Story {
  const st = new Story(seed, today);
  const first = st.sprints[0].start;
  // Planning on a sprint's first working day, review and retro on its last (a holiday can take either).
  const planOn = new Map<string, number>();
  const closeOn = new Map<string, number>();
  st.sprints.forEach((sp, k) => {
    let d = sp.start;
    while (!st.isWorkingDay(d)) d = addDays(d, -1);
    if (!planOn.has(d)) planOn.set(d, k);
    let e = sp.end;
    while (!st.isWorkingDay(e) && e > sp.start) e = addDays(e, -1);
    closeOn.set(e, k);
  });
  // The Thursday before the first sprint: the repository and the imported backlog; Friday: the sprint log.
  const setUpOn = addDays(first, -4);
  const logOn = addDays(first, -3);
  for (let d = setUpOn; d <= today; d = addDays(d, 1)) {
    if (!st.isWorkingDay(d) && d !== setUpOn && d !== logOn) continue;
    st.beginDay(d);
    if (d === setUpOn) setUp(st);
    if (d === logOn) startSprintLog(st);
    const p = planOn.get(d);
    const c = closeOn.get(d);
    const planning = () => {
      if (p === undefined) return;
      if (p > 0) carryOver(st, p);
      plan(st, p);
    };
    // When a holiday takes a sprint's first day, it is planned right after the previous retro.
    if (c === undefined) planning();
    const k = st.sprintIndex(d);
    if (k < 0) continue;
    const wd = st.workingDayOf(k, d);
    reviews(st);
    unblock(st);
    pickUps(st, k);
    if (d === today) break; // the history ends on the morning of --today
    st.later(10, 45);
    for (const e of SCHEDULE[k]?.[wd] ?? []) runEvent(st, k, e);
    st.later(13, 30);
    progress(st);
    if (c !== undefined) {
      review(st, c);
      retro(st, c);
      planning();
    }
  }
  return st;
}

export function checkToday(today: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`--today must be a date YYYY-MM-DD, got '${today}'.`);
  if (!isDay(today)) throw new Error(`--today must be a day in the calendar, got '${today}'.`);
}

// mkdir of a name whose parent exists fails with ENOENT where the file system takes no new folders (/proc).
const MKDIR_WORDS = { ENOENT: 'the file system does not allow it' };

/**
 * `mkdir -p`, one level at a time. Node's recursive mkdirSync never returns on
 * some virtual file systems (under /proc it spins at full CPU), and a level that
 * cannot be made should be named. Returns the outermost folder it created.
 */
function makeFolder(abs: string): string | undefined {
  const missing: string[] = [];
  for (let p = abs; !fs.existsSync(p); p = path.dirname(p)) {
    missing.unshift(p);
    if (path.dirname(p) === p) break;
  }
  for (const dir of missing) {
    try {
      fs.mkdirSync(dir);
    } catch (e) {
      if (missing[0] !== dir) fs.rmSync(missing[0], { recursive: true, force: true });
      throw new Error(`cannot create the folder ${dir}: ${errnoText(e, MKDIR_WORDS)}. Give a new or empty folder in a place you can write to.`, { cause: e });
    }
  }
  try {
    fs.accessSync(abs, fs.constants.W_OK);
  } catch (e) {
    throw new Error(`cannot write to the folder ${abs}: ${errnoText(e)}. Give a new or empty folder in a place you can write to.`, { cause: e });
  }
  return missing[0];
}

/** Create the demo repository in `dir`, which must not exist or be an empty folder. */
export function generateDemo(dir: string, opts: DemoOptions): DemoResult {
  const team = opts.team ?? 'pay';
  const seed = opts.seed ?? TEAM_SEEDS[team];
  const today = opts.today;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`the seed must be an integer from 0 to 4294967295, got ${seed}.`);
  checkToday(today);
  const abs = path.resolve(dir);
  if (fs.existsSync(abs)) {
    if (!fs.statSync(abs).isDirectory()) throw new Error(`${abs} exists and is not a folder. Give a new or empty folder.`);
    if (fs.readdirSync(abs).length > 0) throw new Error(`${abs} is not empty. The demo only writes into a new or empty folder; remove it or choose another.`);
  }
  // The folder first: a place that cannot be written fails at once, before the story is told.
  const created = makeFolder(abs);
  let head: string;
  let st: Story;
  try {
    st = tellStory(seed, today);
    head = writeRepository(abs, relabel(st.rec.commits, team), relabelRefs(st.rec.mergedBranches(), team));
  } catch (e) {
    // Leave nothing half-written behind: the folder was empty (or absent) before.
    if (created === undefined) for (const name of fs.readdirSync(abs)) fs.rmSync(path.join(abs, name), { recursive: true, force: true });
    else fs.rmSync(created, { recursive: true, force: true });
    throw e;
  }
  const commits = relabel(st.rec.commits, team);
  return {
    dir: abs,
    head,
    seed,
    today,
    commits: commits.length,
    merges: commits.filter((c) => c.merge !== undefined).length,
    authors: [...new Set(commits.map((c) => c.author.login))].sort(),
    sprints: st.sprints.map(({ id, start, end }) => ({ id, start, end })),
    activeSprint: st.sprints[st.sprints.length - 1].id,
    openBranches: relabelRefs(st.rec.openBranches(), team),
  };
}
