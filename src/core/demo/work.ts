// The daily work of the team: picking up items, working on them (on feature
// branches for the bigger ones), review and merge, and the things that go
// wrong: blockers, re-estimates, reopened items, incidents added mid-sprint.

import { addDays } from '../time';
import { INCIDENTS, RISKY } from './catalog';
import { insertBefore } from './ceremonies';
import { all, type DemoItem, setField } from './state';
import type { Story, Work } from './story';
import { BLOCKED_REASONS, DEFAULT_SRC, dev, EPIC_SRC, REESTIMATE_REASONS, REOPEN_REASONS, TEAM } from './team';

const FIBONACCI = [1, 2, 3, 5, 8, 13];
const DAYS_FOR_POINTS: Record<number, number> = { 1: 1, 2: 2, 3: 3, 5: 4, 8: 6, 13: 8 };

function isTodo(i: DemoItem): boolean {
  return i.state === undefined || i.state === 'todo';
}

/** Morning: items that went to review on an earlier day are reviewed, merged and done. */
export function reviews(st: Story): void {
  for (const w of [...st.work.values()]) {
    // Reviews happen the next working day, sometimes a day later.
    if (!w.readyOn || w.readyOn >= st.date || st.rng.chance(0.2)) continue;
    const item = st.item(w.id);
    const reviewer = item.type === 'bug' && w.dev !== 'emeka' && st.rng.chance(0.5) ? dev('emeka') : st.rng.pick(TEAM.filter((d) => d.login !== w.dev));
    if (w.branch) st.rec.merge(w.branch, reviewer, st.tick(5, 25));
    st.commit('main', reviewer, `${w.id}: done (reviewed by ${reviewer.login})`, setField(w.id, 'state', 'done'), st.tick(2, 10));
    st.work.delete(w.id);
    st.doneOn.set(w.id, st.date);
  }
}

/** Morning: every developer without unblocked work in progress takes the next item of the active sprint. */
export function pickUps(st: Story, k: number): void {
  const sprint = st.sprints[k].id;
  for (const d of st.rng.shuffle(TEAM)) {
    const available = st.rng.chance(d.availability);
    if (!available || [...st.work.values()].some((w) => w.dev === d.login && !w.readyOn && !w.blocked)) continue;
    const free = st.items().filter((i) => i.sprint === sprint && isTodo(i) && !i.blocked && (i.assignee === undefined || i.assignee === d.login)
      && i.dependsOn.every((dep) => st.isDone(dep)));
    const mine = free.filter((i) => i.assignee === d.login);
    const liked = free.slice(0, 3).find((i) => i.tags.some((t) => d.likes.includes(t)));
    const item = mine[0] ?? liked ?? free[0];
    if (item) start(st, d.login, item);
  }
}

const STOP_WORDS = new Set(['a', 'an', 'the', 'to', 'of', 'for', 'when', 'in', 'on', 'with', 'by', 'from', 'and', 'or', 'our', 'per', 'is', 'than', 'after', 'before', 'more']);

/** The first words of a title that say something, for branch and function names. */
function slug(title: string): string {
  const words = title.replace(/^(Fix|Hotfix|Production|Spike):\s*/i, '').replace(/e-mail/gi, 'email').replace(/3-D Secure( v2)?/gi, '3ds').toLowerCase().normalize('NFKD').replace(/[^a-z0-9 ]+/g, ' ').trim().split(/\s+/);
  return words.filter((w) => !STOP_WORDS.has(w)).slice(0, 4).join('-');
}

function functionName(title: string): string {
  const words = slug(title).split('-').filter((w) => !/^\d/.test(w));
  return words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('') || 'feature';
}

function start(st: Story, login: string, item: DemoItem): void {
  const total = (item.points === undefined ? 2 : DAYS_FOR_POINTS[item.points] ?? 4) + st.rng.int(0, 2);
  const w: Work = { id: item.id, dev: login, left: total, total };
  const who = dev(login);
  st.work.set(item.id, w);
  // The item is claimed on main, so everyone sees who works on what; bigger items then get a branch.
  st.commit('main', who, `${item.id}: in progress`, all(setField(item.id, 'state', 'in-progress'), setField(item.id, 'assignee', login)));
  const big = (item.type === 'story' || item.type === 'bug') && (item.points ?? 0) >= 3 && st.rng.chance(0.8);
  if (!big) return;
  w.branch = `${item.type === 'bug' ? 'fix' : 'feature'}/${item.id}-${slug(item.title)}`;
  const file = `${item.epic ? EPIC_SRC[Number(item.epic.slice(-1))] : DEFAULT_SRC}/${slug(item.title)}.ts`;
  const name = functionName(item.title);
  w.stub = { file, name };
  st.rec.branch(w.branch);
  const title = item.title;
  st.commit(w.branch, who, `${item.id}: add ${name}`, (s) => {
    (s.src[file] ??= []).push({ id: item.id, name, title, done: false });
  }, st.tick(15, 45));
}

function finishStub(w: Work): (s: Story['s']) => void {
  const stub = w.stub;
  return (s) => {
    const found = stub && s.src[stub.file]?.find((x) => x.name === stub.name);
    if (found) found.done = true;
  };
}

/** Afternoon: a day of effort on every unblocked item in progress; finished ones go to review. */
export function progress(st: Story): void {
  for (const w of st.work.values()) {
    // Support duty, meetings, a sick day: not every day moves every item.
    if (w.readyOn || w.blocked || st.rng.chance(0.15)) continue;
    w.left--;
    const who = dev(w.dev);
    const ref = w.branch ?? 'main';
    if (w.left > 0) {
      if (w.stub && w.left === Math.floor(w.total / 2)) st.commit(ref, who, `${w.id}: validate requests in ${w.stub.name}`, finishStub(w), st.tick(20, 60));
      continue;
    }
    w.readyOn = st.date;
    st.commit(ref, who, `${w.id}: ready for review`, all(setField(w.id, 'state', 'review'), finishStub(w)), st.tick(20, 60));
  }
}

function inProgress(st: Story, k: number): Work[] {
  const sprint = st.sprints[k].id;
  return [...st.work.values()].filter((w) => !w.readyOn && !w.blocked && st.item(w.id).sprint === sprint);
}

/** An item in progress gets an impediment; lifted `days` working days later (never, when undefined). */
export function block(st: Story, k: number, days: number | undefined): void {
  const candidates = inProgress(st, k);
  if (candidates.length === 0) return;
  const w = st.rng.pick(candidates);
  const tags = st.item(w.id).tags;
  const fitting = BLOCKED_REASONS.filter((r) => r.tags.some((t) => tags.includes(t)));
  const reason = st.rng.pick(fitting.length > 0 ? fitting : BLOCKED_REASONS.filter((r) => r.tags.length === 0)).text;
  w.blocked = true;
  if (days !== undefined) {
    let d = st.date;
    for (let n = 0; n < days; ) if (st.isWorkingDay((d = addDays(d, 1)))) n++;
    w.unblockOn = d;
  }
  st.commit('main', dev(w.dev), `${w.id}: blocked, ${reason[0].toLowerCase()}${reason.slice(1)}`, setField(w.id, 'blocked', reason));
}

export function unblock(st: Story): void {
  for (const w of st.work.values()) {
    if (!w.blocked || !w.unblockOn || w.unblockOn > st.date) continue;
    w.blocked = false;
    w.unblockOn = undefined;
    st.commit('main', dev(w.dev), `${w.id}: unblocked`, setField(w.id, 'blocked', undefined));
  }
}

/** Mid-sprint an item in progress turns out bigger: next Fibonacci number, a day or two more. */
export function reestimate(st: Story, k: number): void {
  const open = inProgress(st, k).filter((w) => [2, 3, 5].includes(st.item(w.id).points ?? 0));
  // Prefer work on main: `points` sits next to `state`, which a branch changes, and a person would avoid that conflict too.
  const candidates = open.some((w) => !w.branch) ? open.filter((w) => !w.branch) : open;
  if (candidates.length === 0) return;
  const w = st.rng.pick(candidates);
  const before = st.item(w.id).points ?? 0;
  const after = FIBONACCI[FIBONACCI.indexOf(before) + 1];
  const extra = st.rng.int(1, 2);
  w.left += extra;
  w.total += extra;
  st.commit('main', dev(w.dev), `${w.id}: re-estimate ${before} -> ${after} points, ${st.rng.pick(REESTIMATE_REASONS)}`, setField(w.id, 'points', after));
}

/** QA finds a problem in an item finished earlier this sprint: done -> in-progress, fixed on main. */
export function reopen(st: Story, k: number): void {
  const sprint = st.sprints[k].id;
  const candidates = st.items().filter((i) => i.sprint === sprint && i.state === 'done' && (st.doneOn.get(i.id) ?? st.date) < st.date && i.assignee);
  if (candidates.length === 0) return;
  const item = st.rng.pick(candidates);
  const login = item.assignee ?? 'emeka';
  const left = st.rng.int(1, 2);
  st.work.set(item.id, { id: item.id, dev: login, left, total: left });
  st.commit('main', dev('emeka'), `${item.id}: reopen, ${st.rng.pick(REOPEN_REASONS)}`, setField(item.id, 'state', 'in-progress'));
}

/** An incident or urgent request enters the active sprint after it started (scope added). */
export function addIncident(st: Story, k: number): void {
  const t = INCIDENTS[k];
  if (!t) return;
  const item = st.itemFrom(t, st.date);
  item.sprint = st.sprints[k].id;
  item.comment = [`Added to ${item.sprint} on ${st.date}${t.tags.includes('incident') ? ': production incident' : ''}.`];
  if (item.points !== undefined || st.rng.chance(0.5)) item.assignee = st.bestDeveloper(item).login;
  const top = st.items().find((i) => i.state !== 'done')?.id;
  st.commit('main', st.rng.pick([dev('dana'), dev('emeka')]), `Add ${item.id} to ${item.sprint}: ${item.title}`, insertBefore(item, top));
}

/** Product pushes a story into the active sprint although what it depends on is still in the product backlog. */
export function addRisky(st: Story, k: number): void {
  const backlog = st.productBacklog();
  const dep = backlog.find((i) => i.epic === `PAY-E${RISKY.epic}`) ?? backlog[0];
  const item = st.itemFrom(RISKY, st.date);
  item.sprint = st.sprints[k].id;
  if (dep) item.dependsOn = [dep.id];
  item.comment = [`Product asked for this in ${item.sprint}${dep ? `; it needs ${dep.id} first` : ''}.`];
  const top = st.items().find((i) => i.state !== 'done')?.id;
  st.commit('main', dev('dana'), `Add ${item.id} to ${item.sprint} at product's request`, insertBefore(item, top));
}
