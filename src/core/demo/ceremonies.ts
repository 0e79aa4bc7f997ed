// What happens on the fixed days of the team's calendar: the import of the
// backlog, sprint planning, carrying unfinished work over, refinement, the
// archive move, sprint review and retro.

import { addDays } from '../time';
import { BACKLOG, FINISHED, LATER } from './catalog';
import { BACKLOG_FILE } from './render';
import { all, type Change, type DemoItem, type DemoSprint, findSprint, setField } from './state';
import type { Story } from './story';
import { ACTIONS, dev, EPICS, REVIEW_REACTIONS, TEAM, TO_IMPROVE, WENT_WELL } from './team';
import { staticFiles } from './static-files';

const BACKLOG_HEADER = [
  'PAY: the payments team backlog.',
  'Order of `items` is priority rank: first = most important. Planning takes from the top.',
  'Edit by hand or with the Sprintlog extension; keep one item per change where you can.',
];

/** Day 1: the repository and its code, then the backlog imported from the old tracker. */
export function setUp(st: Story): void {
  const dana = dev('dana');
  st.commit('main', dana, 'Initial commit: payments service skeleton', (s) => {
    Object.assign(s.files, staticFiles());
  });
  const day = st.date;
  const first = st.sprints[0].start;
  const finished = FINISHED.map((t, i) => {
    const item = st.itemFrom(t, '');
    const done = addDays(first, -150 + Math.round((i * 72) / FINISHED.length) + st.rng.int(0, 3));
    const started = addDays(done, -st.rng.int(1, Math.max(2, (t.points ?? 2) + 1)));
    item.state = 'done';
    item.assignee = st.bestDeveloper(item).login;
    item.created = addDays(started, -st.rng.int(5, 40));
    item.started = started;
    item.finished = done;
    return item;
  });
  const open = BACKLOG.map((t) => st.itemFrom(t, addDays(day, -st.rng.int(3, 120))));
  const lastEnd = st.sprints[st.sprints.length - 1].end;
  const epics = EPICS.map((e) => ({
    id: `PAY-E${e.n}`,
    title: e.title,
    ...('targetAfterLastEnd' in e ? { target: addDays(lastEnd, e.targetAfterLastEnd) } : {}),
    owner: e.owner,
    ...('description' in e ? { description: e.description } : {}),
  }));
  st.commit('main', dana, 'Import the backlog from the old tracker', (s) => {
    s.backlogHeader = [...BACKLOG_HEADER];
    s.epics = structuredClone(epics);
    s.items = structuredClone([...finished, ...open]);
  });
}

/** The day before the first sprint: the sprint log with its calendar and the first sprint. */
export function startSprintLog(st: Story): void {
  const sp = newSprint(st, 0);
  const holidays = structuredClone(st.holidays);
  st.commit('main', dev('dana'), `Sprint log: calendar, holidays and ${sp.id}`, (s) => {
    s.sprintLog = { holidays: structuredClone(holidays), sprints: [structuredClone(sp)] };
  });
}

function newSprint(st: Story, k: number): DemoSprint {
  const d = st.sprints[k];
  const offsite = st.holidays.some((h) => h.date >= d.start && h.date <= d.end && h.why.startsWith('team'));
  return { id: d.id, name: d.name, start: d.start, end: d.end, capacity: 32 + st.rng.int(-2, 3) - (offsite ? 3 : 0) };
}

function sumPoints(items: DemoItem[]): number {
  return items.reduce((n, i) => n + (i.points ?? 0), 0);
}

/** First working day of sprint k: unfinished items of sprint k-1 move to sprint k. */
export function carryOver(st: Story, k: number): void {
  const from = st.sprints[k - 1].id;
  const to = st.sprints[k].id;
  const open = st.items().filter((i) => i.sprint === from && i.state !== 'done').map((i) => i.id);
  if (open.length === 0) return;
  st.commit('main', dev('dana'), `Close ${from}: carry ${open.join(', ')} to ${to}`, all(...open.map((id) => setField(id, 'sprint', to))), st.at(9, 5));
}

/** Sprint planning: take estimated items from the top of the product backlog whose dependencies allow it, up to capacity. */
export function plan(st: Story, k: number): void {
  const sp = st.sprints[k];
  const capacity = findSprint(st.s, sp.id).capacity ?? 30;
  // The last sprint is planned a little over capacity: the demo should show the warning.
  const limit = capacity + (k === st.sprints.length - 1 ? 4 : 0);
  const chosen: DemoItem[] = st.items().filter((i) => i.sprint === sp.id);
  let committed = sumPoints(chosen);
  const inSprint = new Set(chosen.map((i) => i.id));
  for (const item of st.productBacklog()) {
    if (item.points === undefined || committed + item.points > limit) continue;
    if (!item.dependsOn.every((d) => st.isDone(d) || inSprint.has(d))) continue;
    chosen.push(item);
    inSprint.add(item.id);
    committed += item.points;
    if (committed >= limit - 1) break;
  }
  const added = chosen.filter((i) => i.sprint !== sp.id);
  const owners = added.map((i) => (i.assignee === undefined && st.rng.chance(0.4) ? st.bestDeveloper(i).login : undefined));
  const goal = goalOf(st, added, chosen);
  const changes = added.map((i, n) => all(setField(i.id, 'sprint', sp.id), owners[n] ? setField(i.id, 'assignee', owners[n]) : () => undefined));
  st.commit('main', dev('dana'), `Plan ${sp.id}: ${chosen.length} items, ${committed} points. Goal: ${goal}`, all(...changes, (s) => {
    findSprint(s, sp.id).goal = goal;
  }), st.at(10, 0));
}

/** The goal: what the first two newly planned key items deliver (else the carried ones), as a team would phrase it. */
function goalOf(st: Story, added: DemoItem[], all: DemoItem[]): string {
  const phrases = (list: DemoItem[]) => list.map((i) => st.goals.get(i.id)).filter((g): g is string => g !== undefined);
  const fresh = phrases(added).slice(0, 2);
  const carried = phrases(all.filter((i) => !added.includes(i))).slice(0, 2);
  const goal = fresh.length > 0 ? fresh.join(', ') : carried.length > 0 ? `${carried.join(', ')} (carried over)` : 'pay down payment debt';
  return goal[0].toUpperCase() + goal.slice(1);
}

/** Mid-sprint refinement: new items into the product backlog, estimates for unestimated ones. */
export function refine(st: Story, k: number): void {
  const left = LATER.length - st.laterNext;
  const count = Math.ceil(left / (st.sprints.length - k));
  const fresh = LATER.slice(st.laterNext, st.laterNext + count).map((t) => st.itemFrom(t, st.date));
  st.laterNext += count;
  const backlog = st.productBacklog();
  const positions = fresh.map(() => backlog[st.rng.int(Math.min(3, backlog.length - 1), backlog.length - 1)]?.id);
  const toEstimate = backlog.filter((i) => i.points === undefined).slice(0, st.rng.int(1, 2));
  const estimates = toEstimate.map((i) => [...BACKLOG, ...LATER].find((t) => t.title === i.title)?.estimate ?? 3);
  const parts = [];
  if (fresh.length > 0) parts.push(`add ${fresh.map((i) => i.id).join(', ')}`);
  if (toEstimate.length > 0) parts.push(`estimate ${toEstimate.map((i, n) => `${i.id} (${estimates[n]})`).join(', ')}`);
  if (parts.length === 0) return;
  st.commit('main', dev('dana'), `Backlog refinement: ${parts.join('; ')}`, all(
    ...fresh.map((item, n) => insertBefore(item, positions[n])),
    ...toEstimate.map((i, n) => setField(i.id, 'points', estimates[n])),
  ), st.at(14, 0));
}

/** A change that adds `item` to the main file before item `before` (or at the end). */
export function insertBefore(item: DemoItem, before: string | undefined): Change {
  const copy = structuredClone(item);
  return (s) => {
    const items = s.items ?? (s.items = []);
    const at = before === undefined ? -1 : items.findIndex((i) => i.id === before);
    items.splice(at === -1 ? items.length : at, 0, structuredClone(copy));
  };
}

/** Items finished before the first tracked sprint move to backlog/archive/<year>-h<half>.yaml in one commit. */
export function archiveOld(st: Story): void {
  const old = st.items().filter((i) => i.state === 'done' && i.sprint === undefined && i.finished !== undefined);
  if (old.length === 0) return;
  const last = old.map((i) => i.finished ?? '').sort().pop() ?? st.date;
  const name = `${last.slice(0, 4)}-h${Number(last.slice(5, 7)) <= 6 ? 1 : 2}`;
  const file = `backlog/archive/${name}.yaml`;
  const ids = old.map((i) => i.id);
  const first = st.sprints[0].id;
  st.commit('main', dev('dana'), `Archive ${ids.length} items finished before ${first} to ${file}`, (s) => {
    const moving = (s.items ?? []).filter((i) => ids.includes(i.id));
    s.items = (s.items ?? []).filter((i) => !ids.includes(i.id));
    s.archive = {
      file,
      header: [`Items finished before ${first}, imported from the old tracker.`, `Moved out of ${BACKLOG_FILE} on ${st.date}; ids stay unique across all backlog files.`],
      items: moving,
    };
    s.backlogHeader = [...s.backlogHeader, `Finished work from before ${first} is in archive/${name}.yaml.`];
  }, st.at(11, 0));
}

/** Last day of sprint k, early afternoon: the review with the stakeholders' rating. */
export function review(st: Story, k: number): void {
  const sp = st.sprints[k];
  const inSprint = st.items().filter((i) => i.sprint === sp.id);
  const done = inSprint.filter((i) => i.state === 'done');
  const ratio = sumPoints(done) / Math.max(1, sumPoints(inSprint));
  const satisfaction = Math.min(5, Math.max(1, Math.round((2.9 + 1.6 * ratio + (st.rng.next() - 0.5) * 0.6) * 10) / 10));
  const shown = done.find((i) => i.type === 'story') ?? done[0];
  const notes = shown
    ? `Demoed ${shown.id} (${shown.title})${done.length > 1 ? ` and ${done.length - 1} more` : ''}; ${st.rng.pick(REVIEW_REACTIONS)}`
    : `Nothing finished to demo; ${st.rng.pick(REVIEW_REACTIONS)}`;
  st.commit('main', dev('dana'), `${sp.id} review: satisfaction ${satisfaction.toFixed(1)}`, (s) => {
    findSprint(s, sp.id).review = { satisfaction, notes };
  }, st.at(14, 0));
}

/** Last day of sprint k, late afternoon: the retro, and the next sprint added to the log. */
export function retro(st: Story, k: number): void {
  const sp = st.sprints[k];
  const queue = st.actionQueue ?? (st.actionQueue = st.rng.shuffle(ACTIONS));
  const wentWell = st.rng.shuffle(WENT_WELL).slice(0, st.rng.int(1, 3));
  const toImprove = st.rng.shuffle(TO_IMPROVE).slice(0, st.rng.int(1, 2));
  const actions = queue.splice(0, st.rng.int(1, 2)).map((a) => ({ ...a, done: false }));
  const facilitator = TEAM[k % TEAM.length];
  const next = k + 1 < st.sprints.length ? newSprint(st, k + 1) : undefined;
  st.commit('main', facilitator, `${sp.id} retro${next ? `; add ${next.id} to the sprint log` : ''}`, (s) => {
    findSprint(s, sp.id).retro = { wentWell: [...wentWell], toImprove: [...toImprove], actions: structuredClone(actions) };
    if (next) s.sprintLog?.sprints.push(structuredClone(next));
  }, st.at(16, 0));
}

/** Early in a sprint, owners tick off some of the last retro's actions; the rest stay open. */
export function closeRetroActions(st: Story, k: number): void {
  const prev = findSprint(st.s, st.sprints[k - 1].id);
  (prev.retro?.actions ?? []).forEach((a, n) => {
    if (a.done || !st.rng.chance(0.6)) return;
    st.commit('main', dev(a.owner), `${prev.id} retro action done: ${a.text}`, (s) => {
      const action = findSprint(s, prev.id).retro?.actions[n];
      if (action) action.done = true;
    });
  });
}

