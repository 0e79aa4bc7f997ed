// `sprintlog demo`: real repositories generated into temp folders, read back
// with git and with the project's own parser and validator.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { demoToday, generateDemo } from '../../src/core/demo';
import { sprintCalendar } from '../../src/core/demo/calendar';
import type { Item, Workspace } from '../../src/core/model';
import { parseBacklog } from '../../src/core/parse/backlog';
import { loadWorkspace } from '../../src/core/parse/workspace';
import { validateWorkspace } from '../../src/core/validate';

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** The text of `file` at each commit (undefined where it does not exist), one `git cat-file --batch` call. */
function fileAtCommits(dir: string, commits: string[], file: string): (string | undefined)[] {
  const out = execFileSync('git', ['cat-file', '--batch'], { cwd: dir, input: commits.map((c) => `${c}:${file}\n`).join(''), maxBuffer: 256 * 1024 * 1024 });
  const texts: (string | undefined)[] = [];
  let at = 0;
  while (at < out.length) {
    const nl = out.indexOf(10, at);
    const header = out.subarray(at, nl).toString();
    if (header.endsWith(' missing')) {
      texts.push(undefined);
      at = nl + 1;
      continue;
    }
    const size = Number(header.split(' ')[2]);
    texts.push(out.subarray(nl + 1, nl + 1 + size).toString('utf8'));
    at = nl + 1 + size + 1;
  }
  return texts;
}

function capture(env: Record<string, string> = {}) {
  const io = { cwd: process.cwd(), env, outText: '', errText: '', out(t: string) { io.outText += t; }, err(t: string) { io.errText += t; } };
  return io;
}

const FIBONACCI = [0, 1, 2, 3, 5, 8, 13, 21];
/** The day the shared demo repository is made for (the CLI's default is the current day). */
const TODAY = '2026-11-26';

describe('sprintlog demo', function () {
  this.timeout(120_000);
  let tmp: string;
  let a: string;
  let headA: string;
  let ws: Workspace;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-demo-test-'));
    a = path.join(tmp, 'a');
    headA = generateDemo(a, { seed: 42, today: TODAY }).head;
    ws = loadWorkspace(a);
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('gives the same commit hashes for the same seed, and other ones for another seed', () => {
    const b = path.join(tmp, 'b');
    const c = path.join(tmp, 'c');
    assert.equal(generateDemo(b, { seed: 42, today: TODAY }).head, headA);
    assert.equal(git(b, 'rev-parse', 'HEAD').trim(), git(a, 'rev-parse', 'HEAD').trim());
    assert.equal(git(b, 'rev-list', '--all').trim(), git(a, 'rev-list', '--all').trim());
    assert.notEqual(generateDemo(c, { seed: 7, today: TODAY }).head, headA);
  });

  it('leaves a clean working tree on main', () => {
    assert.equal(git(a, 'status', '--porcelain'), '');
    assert.equal(git(a, 'symbolic-ref', 'HEAD').trim(), 'refs/heads/main');
    assert.ok(fs.existsSync(path.join(a, 'src', 'psp.ts')), 'a little code besides the backlog');
  });

  it('writes files that parse and validate without errors', () => {
    assert.deepEqual(ws.parseProblems, []);
    const problems = validateWorkspace(ws);
    assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
    assert.deepEqual(problems.filter((p) => p.code === 'unknown-key'), []);
  });

  it('has a realistic backlog: PAY, epics, ~80 items with types, fibonacci points, five assignees', () => {
    const text = fs.readFileSync(path.join(a, 'backlog/backlog.yaml'), 'utf8');
    assert.match(text, /^# /, 'header comment');
    assert.equal(ws.project, 'PAY');
    assert.deepEqual(ws.states, { todo: 'todo', 'in-progress': 'doing', review: 'doing', done: 'done' });
    assert.ok(ws.epics.length >= 3 && ws.epics.length <= 4, `${ws.epics.length} epics`);
    const main = ws.backlogs.find((b) => b.file === 'backlog/backlog.yaml');
    assert.ok(main && main.items.length >= 70 && main.items.length <= 95, `${main?.items.length} items in backlog.yaml`);
    assert.deepEqual(new Set(ws.items.map((i) => i.type)), new Set(['story', 'bug', 'task', 'spike', 'chore']));
    for (const i of ws.items) if (i.points !== undefined) assert.ok(FIBONACCI.includes(i.points), `${i.id} has ${i.points} points`);
    assert.deepEqual([...new Set(ws.items.map((i) => i.assignee).filter(Boolean))].sort(), ['alice', 'bob', 'chen', 'dana', 'emeka']);
    assert.equal(new Set(ws.items.map((i) => i.title)).size, ws.items.length, 'titles are unique');
    assert.ok(ws.items.every((i) => !/^item \d+$/i.test(i.title) && i.title.split(' ').length >= 3), 'titles read like work');
    assert.ok(ws.items.filter((i) => i.dependsOn.length > 0).length >= 5, 'dependencies');
    assert.ok(ws.items.some((i) => i.blocked), 'a blocked item');
    assert.ok(ws.items.filter((i) => i.description).length >= 3, 'descriptions');
    assert.ok(ws.items.filter((i) => i.tags.length > 0).length >= ws.items.length / 2, 'tags');
    const itemsPart = text.slice(text.indexOf('\nitems:'));
    assert.ok((itemsPart.match(/^ {2}# /gm) ?? []).length >= 3, 'comments between items');
  });

  it('moved older done items to backlog/archive/2026-h1.yaml', () => {
    const archive = ws.backlogs.find((b) => b.file === 'backlog/archive/2026-h1.yaml');
    assert.ok(archive && archive.items.length >= 10);
    for (const i of archive.items) {
      assert.equal(i.state, 'done');
      assert.ok(i.finished && i.finished >= '2026-01-01' && i.finished <= '2026-06-30', `${i.id} finished ${i.finished}`);
    }
  });

  it('has six two-week sprints in Berlin, five closed with review and retro, the last one active on --today', () => {
    const log = ws.sprintLog;
    assert.ok(log);
    assert.equal(log.timezone, 'Europe/Berlin');
    assert.ok(log.holidays.length > 0);
    assert.equal(log.sprints.length, 6);
    for (const s of log.sprints) {
      assert.equal(new Date(s.start + 'T00:00Z').getUTCDay(), 1, `${s.id} starts on a Monday`);
      assert.equal((Date.parse(s.end) - Date.parse(s.start)) / 86_400_000, 11, `${s.id} ends on the second Friday`);
      assert.ok(s.goal && s.capacity && s.capacity > 0);
    }
    const [closed, active] = [log.sprints.slice(0, 5), log.sprints[5]];
    assert.ok(active.start <= TODAY && TODAY <= active.end);
    assert.equal(active.review, undefined);
    for (const s of closed) {
      assert.ok(s.end < TODAY);
      assert.ok(s.review?.satisfaction !== undefined && s.review.satisfaction >= 1 && s.review.satisfaction <= 5, `${s.id} review`);
      assert.ok(s.retro && s.retro.wentWell.length > 0 && s.retro.actions.length > 0, `${s.id} retro`);
    }
    const actions = closed.flatMap((s) => s.retro?.actions ?? []);
    assert.ok(actions.some((x) => x.done) && actions.some((x) => !x.done), 'some retro actions done, some open');
  });

  it('has a day-by-day history: merges, five authors, Berlin offsets across the DST change, no weekend commits', () => {
    assert.ok(Number(git(a, 'rev-list', '--merges', '--count', 'HEAD')) >= 5);
    const log = git(a, 'log', '--format=%an|%ae|%aI|%cI').trim().split('\n').map((l) => l.split('|'));
    assert.ok(log.length >= 150, `${log.length} commits`);
    assert.equal(new Set(log.map((l) => l[0])).size, 5);
    for (const [, , authored, committed] of log) {
      assert.equal(committed, authored);
      const day = authored.slice(0, 10);
      // Berlin leaves summer time on Sunday 2026-10-25.
      assert.equal(authored.slice(-6), day < '2026-10-25' ? '+02:00' : '+01:00', authored);
      const wd = new Date(day + 'T00:00Z').getUTCDay();
      assert.ok(wd !== 0 && wd !== 6, `${authored} is a working day`);
      assert.ok(day <= TODAY && day >= '2026-09-01', authored);
    }
    assert.ok(log.some((l) => l[2] < '2026-10-25') && log.some((l) => l[2] > '2026-10-26'));
  });

  it('tells the story in backlog.yaml: planning, scope added, re-estimates, blockers, reopened items, carry-over, the archive move', () => {
    const commits = git(a, 'rev-list', '--first-parent', '--reverse', 'HEAD').trim().split('\n');
    const backlog = fileAtCommits(a, commits, 'backlog/backlog.yaml');
    const archive = fileAtCommits(a, commits, 'backlog/archive/2026-h1.yaml');
    const sprints = ws.sprintLog?.sprints ?? [];
    const seen = { planned: 0, added: 0, reestimated: 0, blocked: 0, unblocked: 0, reopened: 0, carried: 0, archived: 0 };
    let prev = new Map<string, Item>();
    backlog.forEach((text, n) => {
      if (text === undefined) return;
      const parsed = parseBacklog(text, 'backlog/backlog.yaml');
      assert.deepEqual(parsed.problems, [], `backlog.yaml parses at ${commits[n]}`);
      const now = new Map((parsed.backlog?.items ?? []).map((i) => [i.id, i]));
      for (const [id, item] of now) {
        const before = prev.get(id);
        if (!before) {
          if (prev.size > 0 && item.sprint) seen.added++;
          continue;
        }
        if (!before.sprint && item.sprint) seen.planned++;
        if (before.sprint && item.sprint && before.sprint !== item.sprint && item.state !== 'done') seen.carried++;
        if (before.points !== undefined && item.points !== undefined && before.points !== item.points && item.sprint && item.sprint === before.sprint) seen.reestimated++;
        if (!before.blocked && item.blocked) seen.blocked++;
        if (before.blocked && !item.blocked) seen.unblocked++;
        if (before.state === 'done' && item.state === 'in-progress') seen.reopened++;
      }
      const gone = [...prev.keys()].filter((id) => !now.has(id));
      if (gone.length > 0) {
        assert.equal(archive[n - 1], undefined, 'the archive file appears in the commit that moves the items');
        const moved = parseBacklog(archive[n] ?? '', 'backlog/archive/2026-h1.yaml').backlog?.items.map((i) => i.id) ?? [];
        assert.deepEqual(moved.sort(), gone.sort());
        seen.archived += gone.length;
      }
      prev = now;
    });
    assert.ok(seen.planned >= 30, `planned ${seen.planned}`);
    assert.ok(seen.added >= 4, `scope added ${seen.added}`);
    assert.ok(seen.reestimated >= 2, `re-estimated ${seen.reestimated}`);
    assert.ok(seen.blocked >= 3 && seen.unblocked >= 2, `blocked ${seen.blocked}, unblocked ${seen.unblocked}`);
    assert.ok(seen.reopened >= 1, `reopened ${seen.reopened}`);
    assert.ok(seen.carried >= 1, `carried ${seen.carried}`);
    assert.ok(seen.archived >= 10, `archived ${seen.archived}`);
    assert.equal(sprints.length, 6);
  });

  it('merges feature branches with --no-ff, and a merge only combines what its parents hold', () => {
    const merges = git(a, 'log', '--merges', '--format=%H %P|%s').trim().split('\n').map((l) => {
      const [hashes, subject] = l.split('|');
      return { hashes: hashes.split(' '), subject };
    });
    assert.ok(merges.length >= 5);
    const texts = fileAtCommits(a, merges.flatMap((m) => m.hashes), 'backlog/backlog.yaml');
    const items = (text: string | undefined) => new Map((parseBacklog(text ?? '', 'b').backlog?.items ?? []).map((i) => [i.id, i.raw]));
    let branchWork = 0;
    merges.forEach((m, n) => {
      assert.equal(m.hashes.length, 3, 'two parents');
      assert.match(m.subject, /^Merge branch '(feature|fix)\/PAY-\d+-[a-z0-9-]+'$/);
      const [merged, first, second] = [0, 1, 2].map((j) => items(texts[n * 3 + j]));
      for (const [id, raw] of merged) {
        for (const [key, value] of Object.entries(raw)) {
          const v = JSON.stringify(value);
          assert.ok(v === JSON.stringify(first.get(id)?.[key]) || v === JSON.stringify(second.get(id)?.[key]), `${m.subject}: ${id}.${key} comes from a parent`);
        }
        if (first.get(id)?.state !== raw.state && second.get(id)?.state === raw.state) branchWork++;
      }
    });
    assert.ok(branchWork >= 5, `state changes made on branches: ${branchWork}`);
  });

  it('puts the last sprint around any --today, on weekdays and weekends', () => {
    for (const today of ['2026-11-26', '2027-03-10', '2027-03-13', '2027-03-14', '2027-03-15', '2025-12-31']) {
      const cal = sprintCalendar(today);
      assert.equal(cal.length, 6);
      const last = cal[5];
      assert.ok(last.start <= today && today <= last.end, `${today} in ${last.start}..${last.end}`);
      for (let k = 1; k < 6; k++) assert.equal((Date.parse(cal[k].start) - Date.parse(cal[k - 1].start)) / 86_400_000, 14);
    }
    assert.deepEqual(sprintCalendar('2026-11-26')[5], { id: 'S12', name: 'Sprint 12', start: '2026-11-16', end: '2026-11-27' });
  });

  it('CLI: writes the repo for another --today and prints the active sprint items', async () => {
    const dir = path.join(tmp, 'cli');
    // A Saturday, and the last sprint's Monday (2027-03-08) is a Berlin holiday: planned after the previous retro.
    const io = capture();
    assert.equal(await main(['demo', dir, '--seed', '3', '--today', '2027-03-13'], io), 0, io.errText);
    const cliWs = loadWorkspace(dir);
    assert.deepEqual(cliWs.parseProblems, []);
    assert.deepEqual(validateWorkspace(cliWs).filter((p) => p.severity === 'error'), []);
    const active = cliWs.sprintLog?.sprints[5];
    assert.ok(active && active.start <= '2027-03-13' && '2027-03-13' <= active.end);
    assert.match(io.outText, new RegExp(`Active sprint ${active.id} `));
    const listed = [...io.outText.matchAll(/^ {2}(PAY-\d+) /gm)].map((m) => m[1]);
    assert.deepEqual(listed, cliWs.items.filter((i) => i.sprint === active.id).map((i) => i.id));
    const last = git(dir, 'log', '-1', '--format=%aI').slice(0, 10);
    assert.ok(last <= '2027-03-13', last);
  });

  it('CLI: defaults --today to the current day in Berlin, so the demo made today has an active sprint today', async () => {
    const berlinDay = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
    const dir = path.join(tmp, 'today');
    const before = berlinDay(Date.now());
    const io = capture();
    assert.equal(await main(['demo', dir], io), 0, io.errText);
    const after = berlinDay(Date.now());
    const today = /today (\d{4}-\d{2}-\d{2})/.exec(io.outText)?.[1];
    assert.ok(today === before || today === after, `demo made for ${today}, the day in Berlin is ${before}`);
    assert.equal(demoToday(Date.parse(`${today}T12:00:00+01:00`)), today);
    const sprints = loadWorkspace(dir).sprintLog?.sprints ?? [];
    const active = sprints.filter((s) => s.start <= today! && today! <= s.end);
    assert.deepEqual(active.map((s) => s.id), [sprints[sprints.length - 1].id]);
    const last = git(dir, 'log', '-1', '--format=%aI').slice(0, 10);
    assert.ok(last <= today!, `last commit ${last} is not after ${today}`);
  });

  it('CLI: SPRINTLOG_NOW sets the default --today, as it sets the metrics\' now', async () => {
    const dir = path.join(tmp, 'now');
    const io = capture({ SPRINTLOG_NOW: '2027-03-13T23:30:00Z' });
    assert.equal(await main(['demo', dir], io), 0, io.errText);
    // 23:30 UTC is already the next day in Berlin.
    assert.match(io.outText, /today 2027-03-14/);
  });

  it('CLI: fails at once with the folder named when DIR cannot be created (a virtual file system)', function () {
    if (!fs.existsSync('/proc/self')) this.skip();
    // A child process with a time limit: Node's recursive mkdir never returns under /proc, which would hang mocha itself.
    const cli = path.resolve(__dirname, '../../src/cli/bin.ts');
    const started = Date.now();
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', cli, 'demo', '/proc/sprintlog-demo/x', '--today', TODAY], { encoding: 'utf8', timeout: 15_000, stdio: 'pipe' });
    } catch (e) {
      const err = e as { status: number | null; stderr: string; signal?: string };
      assert.equal(err.signal ?? null, null, 'the demo did not stop by itself');
      status = err.status ?? -1;
      stderr = err.stderr;
    }
    assert.equal(status, 1);
    assert.match(stderr, /cannot create the folder \/proc\/sprintlog-demo/);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    assert.ok(Date.now() - started < 10_000);
  });

  it('refuses a folder that is not empty, and bad --seed / --today', async () => {
    const dir = path.join(tmp, 'full');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    assert.throws(() => generateDemo(dir, { today: TODAY }), /not empty/);
    const io = capture();
    assert.equal(await main(['demo', dir], io), 1);
    assert.match(io.errText, /not empty/);
    assert.deepEqual(fs.readdirSync(dir), ['notes.txt']);
    assert.equal(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8'), 'mine');
    const bad = capture();
    assert.equal(await main(['demo', path.join(tmp, 'x'), '--seed', 'abc'], bad), 2);
    assert.equal(await main(['demo', path.join(tmp, 'x'), '--today', '2026-02-30'], bad), 2);
    assert.match(bad.errText, /--seed/);
    assert.match(bad.errText, /2026-02-30/);
    assert.equal(fs.existsSync(path.join(tmp, 'x')), false);
  });
});
