// A large, deterministic backlog history for the history benchmark, written
// with `git fast-import`: N items (~10 lines each), C commits changing 1-3
// items each (state, points, sprint, new and removed items, re-ranking), a
// side branch merged back every ~M commits, done items moved to an archive
// file now and then, and the main file renamed (plan/backlog.yaml →
// backlog/backlog.yaml) half way. Cached under .cache/bench/ keyed by the
// parameters, so it is generated once per machine.

import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface HistoryParams {
  items: number;
  commits: number;
  mergeEvery: number;
}

export const DEFAULT_PARAMS: HistoryParams = { items: 2000, commits: 5000, mergeEvery: 100 };
const GEN_VERSION = 1;

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Item {
  n: number;
  state: string;
  points: number;
  sprint: number;
  text?: string;
}

const STATES = ['todo', 'in-progress', 'review', 'done'];
const PEOPLE = ['alice', 'bob', 'carol', 'dana', 'erik'];

function itemText(it: Item): string {
  return (it.text ??= [
    `  - id: PAY-${it.n}`,
    `    title: Item ${it.n} of the generated backlog`,
    `    type: ${it.n % 7 === 0 ? 'bug' : 'story'}`,
    `    state: ${it.state}`,
    `    points: ${it.points}`,
    ...(it.sprint > 0 ? [`    sprint: S${it.sprint}`] : []),
    `    assignee: ${PEOPLE[it.n % PEOPLE.length]}`,
    `    tags: [generated, area-${it.n % 11}]`,
    `    created: 2025-${String(1 + (it.n % 12)).padStart(2, '0')}-${String(1 + (it.n % 28)).padStart(2, '0')}`,
    '    description: |',
    `      Generated item number ${it.n}. Acceptance: the thing works.`,
    '',
  ].join('\n'));
}

function fileText(items: Item[]): string {
  return `# Generated backlog\nversion: 1\nproject: PAY\nitems:\n${items.map(itemText).join('')}`;
}

/** Edit 1-3 items of a branch's list (never items of `avoid`'s id range parity, so branches do not conflict). */
function mutate(list: Item[], r: () => number, next: () => number, parity: number): void {
  const pick = (): number => {
    for (let tries = 0; tries < 20; tries++) {
      const i = Math.floor(r() * list.length);
      if (list[i].n % 2 === parity) return i;
    }
    return -1;
  };
  const edits = 1 + Math.floor(r() * 3);
  for (let e = 0; e < edits; e++) {
    const kind = r();
    const i = pick();
    if (i < 0) continue;
    const it = { ...list[i], text: undefined };
    if (kind < 0.55) it.state = STATES[(STATES.indexOf(it.state) + 1) % STATES.length];
    else if (kind < 0.75) it.points = [1, 2, 3, 5, 8, 13][Math.floor(r() * 6)];
    else if (kind < 0.88) it.sprint = 1 + Math.floor(r() * 40);
    else if (kind < 0.93) {
      list.splice(i, 1);
      list.splice(Math.floor(r() * list.length), 0, it); // re-rank
      continue;
    } else if (kind < 0.97) {
      let n = next();
      if (n % 2 !== parity) n = next();
      list.splice(Math.floor(r() * list.length), 0, { n, state: 'todo', points: 3, sprint: 0 });
      continue;
    } else {
      list.splice(i, 1);
      continue;
    }
    list[i] = it;
  }
}

function data(s: string | Buffer): string {
  return `data ${Buffer.byteLength(s)}\n${s}\n`;
}

/** Path of the generated repository (generated on first use). */
export async function historyRepo(params: HistoryParams = DEFAULT_PARAMS, root = path.join(__dirname, '..', '.cache', 'bench')): Promise<string> {
  const dir = path.join(root, `history-i${params.items}-c${params.commits}-m${params.mergeEvery}-v${GEN_VERSION}`);
  if (fs.existsSync(path.join(dir, '.git', 'sprintlog-generated'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  const proc = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: dir, stdio: ['pipe', 'ignore', 'inherit'] });
  const exited = new Promise<void>((res, rej) => proc.on('close', (c) => (c === 0 ? res() : rej(new Error(`fast-import exited ${c}`)))));
  const write = async (s: string): Promise<void> => {
    if (!proc.stdin.write(s)) await new Promise((res) => proc.stdin.once('drain', res));
  };

  const r = rng(42);
  let nextId = params.items;
  const next = (): number => ++nextId;
  let main: Item[] = Array.from({ length: params.items }, (_, i) => ({ n: i + 1, state: STATES[i % 4], points: 1 + (i % 8), sprint: i % 3 === 0 ? 1 + (i % 40) : 0 }));
  let archive: Item[] = [];
  let mainPath = 'plan/backlog.yaml';
  let time = Date.UTC(2024, 0, 1) / 1000;
  let mark = 0;
  let branch: { list: Item[]; head: number; left: number } | undefined;

  const commit = async (ref: string, list: Item[], from: number, msg: string, merge?: number, extra = ''): Promise<number> => {
    const blob = ++mark;
    await write(`blob\nmark :${blob}\n${data(fileText(list))}`);
    let archiveBlob = 0;
    if (extra === 'archive') {
      archiveBlob = ++mark;
      await write(`blob\nmark :${archiveBlob}\n${data(`version: 1\nitems:\n${archive.map(itemText).join('')}`)}`);
    }
    const c = ++mark;
    time += 600 + Math.floor(r() * 3600);
    const who = PEOPLE[c % PEOPLE.length];
    await write(`commit ${ref}\nmark :${c}\nauthor ${who} <${who}@example.invalid> ${time} +0000\ncommitter ${who} <${who}@example.invalid> ${time} +0000\n${data(msg)}`);
    if (from) await write(`from :${from}\n`);
    if (merge) await write(`merge :${merge}\n`);
    if (extra === 'rename') {
      await write('R plan/backlog.yaml backlog/backlog.yaml\n');
      if (archive.length > 0) await write('R plan/archive backlog/archive\n');
    }
    await write(`M 100644 :${blob} ${mainPath}\n`);
    if (archiveBlob) await write(`M 100644 :${archiveBlob} ${path.posix.join(path.posix.dirname(mainPath), 'archive', 'done.yaml')}\n`);
    await write('\n');
    return c;
  };

  let mainHead = await commit('refs/heads/main', main, 0, 'Initial backlog');
  for (let i = 1; i < params.commits; i++) {
    if (i >= Math.floor(params.commits / 2) && mainPath !== 'backlog/backlog.yaml' && !branch) {
      mainPath = 'backlog/backlog.yaml';
      mainHead = await commit('refs/heads/main', main, mainHead, 'Move the backlog file', undefined, 'rename');
      continue;
    }
    if (!branch && i % params.mergeEvery === params.mergeEvery / 2 && i + 10 < params.commits) {
      branch = { list: main.map((x) => x), head: mainHead, left: 3 + Math.floor(r() * 4) };
    }
    if (branch && branch.left > 0 && r() < 0.5) {
      mutate(branch.list, r, next, 1);
      branch.head = await commit('refs/heads/side', branch.list, branch.head, `Side work ${i}`);
      branch.left--;
      continue;
    }
    if (branch && branch.left === 0) {
      // Merge: the side's changes (odd ids) over main's (even ids).
      const side = new Map(branch.list.map((x) => [x.n, x]));
      const merged = main.filter((x) => x.n % 2 === 0 || side.has(x.n)).map((x) => (x.n % 2 === 1 ? side.get(x.n)! : x));
      const have = new Set(merged.map((x) => x.n));
      for (const x of branch.list) if (!have.has(x.n)) merged.push(x);
      main = merged;
      mainHead = await commit('refs/heads/main', main, mainHead, `Merge side into main (${i})`, branch.head);
      branch = undefined;
      continue;
    }
    if (i % 250 === 0) {
      const done = main.filter((x) => x.state === 'done').slice(0, 20);
      const gone = new Set(done);
      main = main.filter((x) => !gone.has(x));
      archive = archive.concat(done);
      mainHead = await commit('refs/heads/main', main, mainHead, `Archive ${done.length} done items`, undefined, 'archive');
      continue;
    }
    main = main.map((x) => x);
    mutate(main, r, next, 0);
    mainHead = await commit('refs/heads/main', main, mainHead, `Backlog change ${i}`);
  }
  await write('done\n');
  proc.stdin.end();
  await exited;
  if (git('branch', '--list', 'side').trim()) git('branch', '-D', 'side');
  git('reset', '-q', '--hard', 'main');
  fs.writeFileSync(path.join(dir, '.git', 'sprintlog-generated'), JSON.stringify(params));
  return dir;
}

if (require.main === module) {
  historyRepo().then((dir) => console.log(dir), (e) => {
    console.error(e);
    process.exit(1);
  });
}
