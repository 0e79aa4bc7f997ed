// The demo's story, day by day: the Story object holds the calendar, the
// PRNG, the recorder and what the team is working on; ceremonies.ts and
// work.ts say what happens on a given day. Every random choice is made here
// in a fixed order, so one seed always gives the same history.

import { DEFAULT_WORKING_DAYS } from '../model';
import { addDays, isWorkingDay, type WorkCalendar } from '../time';
import { holidays, type Holiday, type Instant, localInstant, sprintCalendar, type SprintDates } from './calendar';
import type { Template } from './catalog';
import { Random } from './random';
import { type Person, Recorder } from './recorder';
import { PROJECT } from './render';
import { type Change, type DemoItem, emptyState, type RepoState } from './state';
import { TEAM, type Developer } from './team';

/** What one developer is doing on one item (not stored in the files: the files only show state). */
export interface Work {
  id: string;
  dev: string;
  /** Working days of effort left. */
  left: number;
  total: number;
  branch?: string;
  /** `src/` file and function the branch adds. */
  stub?: { file: string; name: string };
  /** Day the item went to review. */
  readyOn?: string;
  /** Day the blocker is lifted (absent = not blocked, or blocked until further notice when `blocked` is set). */
  unblockOn?: string;
  blocked?: boolean;
}

export class Story {
  readonly rng: Random;
  readonly sprints: SprintDates[];
  readonly holidays: Holiday[];
  private calendar?: WorkCalendar;
  readonly rec: Recorder;
  /** Item ids by catalog key. */
  readonly ids = new Map<string, string>();
  readonly work = new Map<string, Work>();
  /** Day each item last went to done (for reopening). */
  readonly doneOn = new Map<string, string>();
  /** Retro actions not yet proposed, in the order retros will propose them. */
  actionQueue?: { text: string; owner: string }[];
  /** Item id → what it adds to a sprint goal (from the catalog). */
  readonly goals = new Map<string, string>();
  /** Next template of LATER for refinement. */
  laterNext = 0;
  private nextNumber = 1;
  private day = '';
  private minute = 0;

  constructor(seed: number, readonly today: string) {
    this.rng = new Random(seed);
    this.sprints = sprintCalendar(today);
    this.holidays = holidays(this.sprints);
    this.rec = new Recorder(emptyState());
  }

  get s(): RepoState {
    return this.rec.logical;
  }

  isWorkingDay(date: string): boolean {
    this.calendar ??= { workingDays: DEFAULT_WORKING_DAYS, holidays: this.holidays.map((h) => h.date) };
    return isWorkingDay(date, this.calendar);
  }

  /** Index of the sprint containing `date`, or -1. */
  sprintIndex(date: string): number {
    return this.sprints.findIndex((sp) => sp.start <= date && date <= sp.end);
  }

  /** 0-based working day of `date` inside sprint k. */
  workingDayOf(k: number, date: string): number {
    let n = 0;
    for (let d = this.sprints[k].start; d < date; d = addDays(d, 1)) if (this.isWorkingDay(d)) n++;
    return n;
  }

  /** Start a working day: the first commit lands between 08:50 and 09:20 Berlin time. */
  beginDay(date: string): void {
    this.day = date;
    this.minute = 8 * 60 + 50 + this.rng.int(0, 30);
  }

  get date(): string {
    return this.day;
  }

  /** The next commit time of the day, a little after the previous one. */
  tick(min = 8, max = 35): Instant {
    this.minute += this.rng.int(min, max);
    return localInstant(this.day, this.minute);
  }

  /** Let the day run on to at least `hh:mm` (plus a few minutes), without a commit. */
  later(hh: number, mm: number): void {
    this.minute = Math.max(this.minute, hh * 60 + mm + this.rng.int(0, 20));
  }

  /** Move the clock to at least `hh:mm` (for meetings at fixed times). */
  at(hh: number, mm: number): Instant {
    this.minute = Math.max(this.minute + 3, hh * 60 + mm + this.rng.int(0, 10));
    return localInstant(this.day, this.minute);
  }

  commit(ref: string, who: Person, message: string, change: Change, when?: Instant): void {
    this.rec.commit(ref, who, when ?? this.tick(), message, change);
  }

  newId(): string {
    return `${PROJECT}-${this.nextNumber++}`;
  }

  /** A backlog item from a catalog template, with a fresh id. */
  itemFrom(t: Template, created: string): DemoItem {
    const id = this.newId();
    this.ids.set(t.key, id);
    const item: DemoItem = {
      id, title: t.title, type: t.type, points: t.points, dependsOn: (t.deps ?? []).map((k) => this.idOf(k)), tags: [...t.tags], created,
    };
    if (t.epic !== undefined) item.epic = `${PROJECT}-E${t.epic}`;
    if (t.value !== undefined) item.value = t.value;
    if (t.description !== undefined) item.description = t.description;
    if (t.comment) item.comment = [...t.comment];
    if (t.note) item.note = t.note;
    if (t.goal) this.goals.set(id, t.goal);
    if (item.points === undefined) delete item.points;
    return item;
  }

  idOf(key: string): string {
    const id = this.ids.get(key);
    if (!id) throw new Error(`demo: catalog key ${key} used before its item exists`);
    return id;
  }

  item(id: string): DemoItem {
    const item = this.s.items?.find((i) => i.id === id);
    if (!item) throw new Error(`demo: no item ${id}`);
    return item;
  }

  items(): DemoItem[] {
    return this.s.items ?? [];
  }

  isDone(id: string): boolean {
    const inMain = this.s.items?.find((i) => i.id === id) ?? this.s.archive?.items.find((i) => i.id === id);
    return inMain?.state === 'done';
  }

  /** Open items of the product backlog (no sprint, not started), in rank order. */
  productBacklog(): DemoItem[] {
    return this.items().filter((i) => i.sprint === undefined && (i.state === undefined || i.state === 'todo'));
  }

  /** The developer whose interests best match an item's tags (ties by the PRNG). */
  bestDeveloper(item: DemoItem, except?: string): Developer {
    const candidates = TEAM.filter((d) => d.login !== except);
    const score = (d: Developer) => item.tags.filter((t) => d.likes.includes(t)).length;
    const best = Math.max(...candidates.map(score));
    return this.rng.pick(candidates.filter((d) => score(d) === best));
  }
}
