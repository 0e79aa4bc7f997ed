// The history engine on real git repositories (spec metrics.md §1).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXISTS, WORKTREE, type History } from '../../src/core/history';
import { TestHistory } from './helpers/history';
import { backlogYaml, day, GitRepo, ms } from './helpers/gitrepo';

const hist = new TestHistory();

const MAIN = 'backlog/backlog.yaml';
const LATER = ms(day(60));

/** Events as [commit subject, id, field, value] (WORKTREE for the working tree). */
function rows(h: History): [string, string, string, unknown][] {
  const subject = new Map(h.commits.map((c) => [c.hash, c.subject]));
  return h.events.map((e) => [e.commit === WORKTREE ? WORKTREE : subject.get(e.commit) ?? e.commit, e.id, e.field, e.value]);
}

function only(h: History, field: string, id?: string): [string, string, string, unknown][] {
  return rows(h).filter((r) => r[2] === field && (id === undefined || r[1] === id));
}

describe('history: events from git', function () {
  this.timeout(60_000);
  let repo: GitRepo;
  beforeEach(() => {
    repo = GitRepo.create();
  });
  afterEach(() => repo.cleanup());

  it('linear history: the root introduces everything, later commits only what they change', async () => {
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'todo', points: 3 }, { id: 'A-2', title: 'Two', state: 'todo' }]));
    repo.commit('create', { at: day(0, 9) });
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'in-progress', points: 3 }, { id: 'A-2', title: 'Two', state: 'todo' }]));
    repo.commit('start A-1', { at: day(1, 9) });
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'done', points: 5, depends_on: ['A-2'] }, { id: 'A-2', title: 'Two', state: 'todo' }]));
    repo.commit('finish A-1', { at: day(2, 9) });
    const h = await hist.read(repo.dir, { asOf: LATER, cacheDir: false });
    assert.equal(h.status, 'full');
    assert.deepEqual(h.warnings, []);
    assert.equal(h.uncommitted, false);
    assert.deepEqual(h.commits.map((c) => [c.subject, c.order, c.authorTime]), [['create', 0, ms(day(0, 9))], ['start A-1', 1, ms(day(1, 9))], ['finish A-1', 2, ms(day(2, 9))]]);
    assert.deepEqual(rows(h), [
      ['create', 'A-1', EXISTS, true], ['create', 'A-1', 'points', 3], ['create', 'A-1', 'state', 'todo'], ['create', 'A-1', 'title', 'One'],
      ['create', 'A-2', EXISTS, true], ['create', 'A-2', 'state', 'todo'], ['create', 'A-2', 'title', 'Two'],
      ['start A-1', 'A-1', 'state', 'in-progress'],
      ['finish A-1', 'A-1', 'depends_on', ['A-2']], ['finish A-1', 'A-1', 'points', 5], ['finish A-1', 'A-1', 'state', 'done'],
    ]);
    assert.equal(h.events[7].time, ms(day(1, 9)));
    assert.equal(h.head, repo.head());
  });

  it('commits that do not touch a backlog file are not history', async () => {
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One' }]));
    repo.commit('backlog', { at: day(0) });
    repo.write('src/code.ts', 'export {};\n');
    repo.commit('code', { at: day(1) });
    const h = await hist.read(repo.dir, { asOf: LATER, cacheDir: false });
    assert.deepEqual(h.commits.map((c) => c.subject), ['backlog']);
  });

  it('a merge of independent changes introduces nothing: work is dated by the branch commits', async () => {
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'todo' }, { id: 'A-2', title: 'Two', state: 'todo' }, { id: 'A-3', title: 'Three' }]));
    repo.commit('base', { at: day(0) });
    repo.branch('feat');
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'done' }, { id: 'A-2', title: 'Two', state: 'todo' }, { id: 'A-3', title: 'Three' }]));
    repo.commit('feat: A-1 done', { at: day(1) });
    repo.checkout('main');
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'todo' }, { id: 'A-2', title: 'Two', state: 'todo' }, { id: 'A-3', title: 'Three', points: 8 }]));
    repo.commit('main: estimate A-3', { at: day(2) });
    const m = repo.merge('feat', { at: day(3), message: 'merge feat' });
    assert.equal(m.conflict, false);
    const h = await hist.read(repo.dir, { asOf: LATER, cacheDir: false });
    assert.ok(h.commits.some((c) => c.subject === 'merge feat' && c.parents.length === 2), 'the merge touches the file (differs from both parents)');
    assert.deepEqual(rows(h).filter((r) => r[0] !== 'base'), [['feat: A-1 done', 'A-1', 'state', 'done'], ['main: estimate A-3', 'A-3', 'points', 8]]);
  });

  it('a merge resolving a conflict introduces only the resolved value', async () => {
    const items = (a1: string, a2: string): Record<string, unknown>[] => [{ id: 'A-1', title: 'One', state: a1 }, { id: 'A-2', title: 'Two', state: a2 }];
    repo.write(MAIN, backlogYaml(items('todo', 'todo')));
    repo.commit('base', { at: day(0) });
    repo.branch('feat');
    repo.write(MAIN, backlogYaml(items('done', 'in-progress')));
    repo.commit('feat', { at: day(1) });
    repo.checkout('main');
    repo.write(MAIN, backlogYaml(items('review', 'todo')));
    repo.commit('main', { at: day(2) });
    const m = repo.merge('feat', { at: day(3) });
    assert.equal(m.conflict, true);
    // A-1 resolved to a third value; A-2 takes the branch's value.
    repo.write(MAIN, backlogYaml(items('in-progress', 'in-progress')));
    repo.commit('resolve', { at: day(4) });
    const h = await hist.read(repo.dir, { asOf: LATER, cacheDir: false });
    assert.deepEqual(rows(h).filter((r) => r[0] !== 'base'), [
      ['feat', 'A-1', 'state', 'done'], ['feat', 'A-2', 'state', 'in-progress'],
      ['main', 'A-1', 'state', 'review'],
      ['resolve', 'A-1', 'state', 'in-progress'],
    ]);
  });

  it('event time is the author time, not the committer time (rebased commits)', async () => {
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'todo' }]));
    repo.commit('base', { at: day(0) });
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'done' }]));
    repo.commit('rebased', { at: day(2, 8), committedAt: '2026-03-20T17:00:00+02:00' });
    const h = await hist.read(repo.dir, { asOf: LATER, cacheDir: false });
    const c = h.commits.find((x) => x.subject === 'rebased')!;
    assert.equal(c.authorTime, ms(day(2, 8)));
    assert.equal(c.committerTime, Date.parse('2026-03-20T15:00:00Z'));
    assert.deepEqual(h.events.filter((e) => e.field === 'state').map((e) => [e.value, e.time]), [['todo', ms(day(0))], ['done', ms(day(2, 8))]]);
  });

  it('follows renames of the main file', async () => {
    repo.write('planning/items.yaml', backlogYaml([{ id: 'A-1', title: 'One', state: 'todo' }, { id: 'A-2', title: 'Two' }]));
    repo.commit('old place', { at: day(0) });
    repo.write('planning/items.yaml', backlogYaml([{ id: 'A-1', title: 'One', state: 'in-progress' }, { id: 'A-2', title: 'Two' }]));
    repo.commit('start', { at: day(1) });
    repo.rename('planning/items.yaml', MAIN);
    repo.commit('move', { at: day(2) });
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'done' }, { id: 'A-2', title: 'Two' }]));
    repo.commit('finish', { at: day(3) });
    const h = await hist.read(repo.dir, { asOf: LATER, cacheDir: false });
    assert.deepEqual(h.commits.map((c) => c.subject), ['old place', 'start', 'move', 'finish']);
    assert.deepEqual(only(h, 'state'), [['old place', 'A-1', 'state', 'todo'], ['start', 'A-1', 'state', 'in-progress'], ['finish', 'A-1', 'state', 'done']]);
    assert.deepEqual(rows(h).filter((r) => r[0] === 'move'), []);
  });

  it('moving an item to an archive file is not an event; removing it from every file is', async () => {
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'done' }, { id: 'A-2', title: 'Two' }]));
    repo.commit('base', { at: day(0) });
    repo.write(MAIN, backlogYaml([{ id: 'A-2', title: 'Two' }]));
    repo.write('backlog/archive/2026.yaml', backlogYaml([{ id: 'A-1', title: 'One', state: 'done' }]));
    repo.commit('archive A-1', { at: day(1) });
    repo.remove('backlog/archive/2026.yaml');
    repo.commit('drop archive', { at: day(2) });
    const h = await hist.read(repo.dir, { asOf: LATER, cacheDir: false });
    assert.deepEqual(h.commits.map((c) => c.subject), ['base', 'archive A-1', 'drop archive']);
    assert.deepEqual(rows(h).filter((r) => r[0] === 'archive A-1'), []);
    assert.deepEqual(rows(h).filter((r) => r[0] === 'drop archive'), [
      ['drop archive', 'A-1', EXISTS, false], ['drop archive', 'A-1', 'state', undefined], ['drop archive', 'A-1', 'title', undefined],
    ]);
  });

  it('an item removed and added again: EXISTS false then true', async () => {
    const a1 = { id: 'A-1', title: 'One', state: 'todo' };
    const a2 = { id: 'A-2', title: 'Two' };
    repo.write(MAIN, backlogYaml([a1, a2]));
    repo.commit('base', { at: day(0) });
    repo.write(MAIN, backlogYaml([a2]));
    repo.commit('remove', { at: day(1) });
    repo.write(MAIN, backlogYaml([a2, a1]));
    repo.commit('re-add', { at: day(2) });
    const h = await hist.read(repo.dir, { asOf: LATER, cacheDir: false });
    assert.deepEqual(only(h, EXISTS, 'A-1'), [['base', 'A-1', EXISTS, true], ['remove', 'A-1', EXISTS, false], ['re-add', 'A-1', EXISTS, true]]);
    assert.deepEqual(only(h, 'state', 'A-1').map((r) => [r[0], r[3]]), [['base', 'todo'], ['remove', undefined], ['re-add', 'todo']]);
    assert.deepEqual(rows(h).filter((r) => r[1] === 'A-2' && r[0] !== 'base'), [], 're-ordering is not an event');
  });

  it('the working tree is one pending change at the as-of instant', async () => {
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'todo' }]));
    repo.commit('base', { at: day(0) });
    const clean = await hist.read(repo.dir, { asOf: LATER, cacheDir: false });
    assert.equal(clean.uncommitted, false);
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'in-progress' }, { id: 'A-9', title: 'New' }]));
    const asOf = ms(day(5, 15));
    const h = await hist.read(repo.dir, { asOf, cacheDir: false });
    assert.equal(h.uncommitted, true);
    const pending = h.events.filter((e) => e.commit === WORKTREE);
    assert.deepEqual(pending.map((e) => [e.id, e.field, e.value, e.time, e.order]), [
      ['A-1', 'state', 'in-progress', asOf, 1], ['A-9', EXISTS, true, asOf, 1], ['A-9', 'title', 'New', asOf, 1],
    ]);
    assert.equal(h.commits.length, 1, 'the working tree is not a commit');
    const without = await hist.read(repo.dir, { asOf, includeWorkingTree: false, cacheDir: false });
    assert.equal(without.uncommitted, false);
    assert.equal(without.events.filter((e) => e.commit === WORKTREE).length, 0);
    const otherRef = await hist.read(repo.dir, { asOf, ref: 'main', cacheDir: false });
    assert.equal(otherRef.events.filter((e) => e.commit === WORKTREE).length, 0, 'by default only HEAD includes the working tree');
  });

  it('asOf ignores commits authored after it', async () => {
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'todo' }]));
    repo.commit('base', { at: day(0) });
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'in-progress' }]));
    repo.commit('start', { at: day(3) });
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'done' }]));
    repo.commit('finish', { at: day(6) });
    const h = await hist.read(repo.dir, { asOf: ms(day(4)), cacheDir: false, includeWorkingTree: false });
    assert.deepEqual(h.commits.map((c) => [c.subject, c.order]), [['base', 0], ['start', 1]]);
    assert.deepEqual(only(h, 'state').map((r) => r[3]), ['todo', 'in-progress']);
    const exact = await hist.read(repo.dir, { asOf: ms(day(6)), cacheDir: false, includeWorkingTree: false });
    assert.equal(exact.commits.length, 3, 'a commit authored exactly at asOf counts');
  });

  it('events are sorted by time, ties by topological order', async () => {
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'todo' }]));
    repo.commit('first', { at: day(1) });
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'done' }]));
    repo.commit('second, same author time', { at: day(1) });
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'review' }]));
    repo.commit('third, authored earlier (rebased)', { at: day(0), committedAt: day(2) });
    const h = await hist.read(repo.dir, { asOf: LATER, cacheDir: false });
    assert.deepEqual(h.commits.map((c) => c.order), [0, 1, 2], 'commits stay in topological order');
    assert.deepEqual(only(h, 'state').map((r) => [r[0], r[3]]), [['third, authored earlier (rebased)', 'review'], ['first', 'todo'], ['second, same author time', 'done']]);
  });

  it('a root folder inside the repository (monorepo): paths are relative to that folder', async () => {
    repo.write(`team-a/${MAIN}`, backlogYaml([{ id: 'A-1', title: 'One', state: 'todo' }]));
    repo.write(MAIN, backlogYaml([{ id: 'X-1', title: 'Not this one' }]));
    repo.commit('base', { at: day(0) });
    repo.write(`team-a/${MAIN}`, backlogYaml([{ id: 'A-1', title: 'One', state: 'done' }]));
    repo.write('team-a/backlog/archive/old.yaml', backlogYaml([{ id: 'A-0', title: 'Zero' }]));
    repo.commit('done', { at: day(1) });
    repo.write(`team-a/${MAIN}`, backlogYaml([{ id: 'A-1', title: 'One', state: 'review' }]));
    const h = await hist.read(path.join(repo.dir, 'team-a'), { asOf: LATER, cacheDir: false });
    assert.deepEqual(rows(h), [
      ['base', 'A-1', EXISTS, true], ['base', 'A-1', 'state', 'todo'], ['base', 'A-1', 'title', 'One'],
      ['done', 'A-0', EXISTS, true], ['done', 'A-0', 'title', 'Zero'], ['done', 'A-1', 'state', 'done'],
      [WORKTREE, 'A-1', 'state', 'review'],
    ]);
  });

  it('a sha256 repository', async function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-sha256-'));
    try {
      try {
        repo.gitEnv({}, 'init', '-q', '--object-format=sha256', dir);
      } catch {
        this.skip(); // git without sha256 support
      }
      const git = (...args: string[]): string => repo.gitEnv({ GIT_AUTHOR_DATE: day(0), GIT_COMMITTER_DATE: day(0) }, '-C', dir, ...args);
      fs.mkdirSync(path.join(dir, 'backlog/archive'), { recursive: true });
      fs.writeFileSync(path.join(dir, MAIN), backlogYaml([{ id: 'A-1', title: 'One', state: 'todo' }]));
      fs.writeFileSync(path.join(dir, 'backlog/archive/a.yaml'), backlogYaml([{ id: 'A-0', title: 'Zero' }]));
      git('add', '-A');
      git('commit', '-q', '-m', 'base');
      fs.writeFileSync(path.join(dir, MAIN), backlogYaml([{ id: 'A-1', title: 'One', state: 'done' }]));
      const h = await hist.read(dir, { asOf: LATER });
      assert.equal(h.head?.length, 64);
      assert.deepEqual(h.events.filter((e) => e.field === 'state').map((e) => [e.commit === WORKTREE ? WORKTREE : 'base', e.value]), [['base', 'todo'], [WORKTREE, 'done']]);
      assert.ok(h.events.some((e) => e.id === 'A-0' && e.field === EXISTS), 'archive files are read from sha256 trees');
      const again = await hist.read(dir, { asOf: LATER });
      assert.deepEqual(again, h, 'and from the cache');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a committed version that does not parse: a warning, and its changes are dated at the next version that parses', async () => {
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'todo' }, { id: 'A-2', title: 'Two' }]));
    repo.commit('base', { at: day(0) });
    repo.write(MAIN, 'version: 1\nitems:\n<<<<<<< HEAD\n  - id: A-1\n    title: One\n    state: done\n=======\n  - id: A-1\n    title: One\n>>>>>>> feat\n');
    repo.commit('oops, conflict markers', { at: day(1) });
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'done' }, { id: 'A-2', title: 'Two' }]));
    repo.commit('fixed', { at: day(2) });
    const h = await hist.read(repo.dir, { asOf: LATER, cacheDir: false });
    assert.equal(h.warnings.length, 1);
    assert.match(h.warnings[0], /backlog\/backlog\.yaml in commit [0-9a-f]{10} does not parse \(merge-conflict/);
    assert.deepEqual(rows(h).filter((r) => r[0] !== 'base'), [['fixed', 'A-1', 'state', 'done']]);
  });
});

describe('history: when there is no (full) history', function () {
  this.timeout(60_000);
  let repo: GitRepo;
  beforeEach(() => {
    repo = GitRepo.create();
  });
  afterEach(() => repo.cleanup());

  it('a folder outside any repository: status none, a warning, no events', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-norepo-'));
    try {
      fs.mkdirSync(path.join(dir, 'backlog'));
      fs.writeFileSync(path.join(dir, MAIN), backlogYaml([{ id: 'A-1', title: 'One' }]));
      const h = await hist.read(dir, { cacheDir: false });
      assert.equal(h.status, 'none');
      assert.deepEqual(h.events, []);
      assert.deepEqual(h.commits, []);
      assert.match(h.warnings[0], /not inside a git repository/);
      assert.equal(h.uncommitted, true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a repository without commits, and a backlog never committed: status none, working-tree events are not history', async () => {
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One' }]));
    const unborn = await hist.read(repo.dir, { cacheDir: false });
    assert.equal(unborn.status, 'none');
    assert.match(unborn.warnings[0], /no commits yet/);
    assert.deepEqual(unborn.events, []);
    repo.write('README.md', 'hi\n');
    repo.git('add', 'README.md');
    repo.gitEnv({ GIT_AUTHOR_DATE: day(0), GIT_COMMITTER_DATE: day(0) }, 'commit', '-q', '-m', 'readme only');
    const never = await hist.read(repo.dir, { cacheDir: false });
    assert.equal(never.status, 'none');
    assert.match(never.warnings[0], /backlog\/backlog\.yaml has never been committed/);
    assert.deepEqual(never.events, []);
    assert.equal(never.uncommitted, true);
    assert.equal(never.head, repo.head());
  });

  it('a shallow clone: status shallow with a warning, events of the commits present', async () => {
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'todo' }]));
    repo.commit('base', { at: day(0) });
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'done' }]));
    repo.commit('done', { at: day(1) });
    const clone = repo.shallowClone(1);
    const h = await hist.read(clone.dir, { asOf: LATER });
    assert.equal(h.status, 'shallow');
    assert.match(h.warnings[0], /shallow clone/);
    assert.deepEqual(h.commits.map((c) => [c.subject, c.parents]), [['done', []]]);
    assert.deepEqual(only(h, 'state'), [['done', 'A-1', 'state', 'done']]);
    assert.equal(fs.existsSync(path.join(clone.dir, '.git', 'sprintlog-cache')), false, 'no disk cache for a shallow clone');
  });

  it('a ref that does not exist is an error naming it', async () => {
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One' }]));
    repo.commit('base', { at: day(0) });
    await assert.rejects(hist.read(repo.dir, { ref: 'no-such-branch' }), /Unknown ref "no-such-branch"/);
    await assert.rejects(hist.read(repo.dir, { ref: '--output=/tmp/x' }), /starts with '-', which git would read as an option/);
  });

  it('a detached HEAD works like a branch', async () => {
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'todo' }]));
    const first = repo.commit('base', { at: day(0) });
    repo.write(MAIN, backlogYaml([{ id: 'A-1', title: 'One', state: 'done' }]));
    repo.commit('done', { at: day(1) });
    repo.checkout(first);
    const h = await hist.read(repo.dir, { asOf: LATER });
    assert.equal(h.status, 'full');
    assert.equal(h.head, first);
    assert.deepEqual(only(h, 'state').map((r) => r[3]), ['todo']);
    assert.equal(h.uncommitted, false);
  });
});

describe('history: HistoryEngine.filesAt', function () {
  this.timeout(60_000);
  it('returns the backlog files and sprint log of a commit, the main file under its current name', async () => {
    const repo = GitRepo.create();
    try {
      repo.write('plan/backlog.yaml', backlogYaml([{ id: 'A-1', title: 'Old' }]));
      repo.write('backlog/sprints.yaml', 'version: 1\nsprints: []\n');
      const old = repo.commit('old', { at: day(0) });
      repo.rename('plan/backlog.yaml', MAIN);
      repo.write('backlog/archive/2025.yaml', backlogYaml([{ id: 'A-0', title: 'Archived' }]));
      const now = repo.commit('move', { at: day(1) });
      await hist.read(repo.dir, { cacheDir: false }); // learns the old name
      const then = await hist.engine.filesAt(repo.dir, old);
      assert.deepEqual(then.backlogs.map((f) => f.file), [MAIN]);
      assert.match(then.backlogs[0].text, /title: Old/);
      assert.equal(then.sprints?.text, 'version: 1\nsprints: []\n');
      const later = await hist.engine.filesAt(repo.dir, now);
      assert.deepEqual(later.backlogs.map((f) => f.file), [MAIN, 'backlog/archive/2025.yaml']);
      await assert.rejects(hist.engine.filesAt(repo.dir, 'nope'), /Unknown ref "nope"/);
    } finally {
      repo.cleanup();
    }
  });
});
