// `sprintlog health` on real git repositories: every warning code of spec §5 in one
// scenario that fires it and one that narrowly does not (the rule's boundary), the
// gate's exit codes (0, 1, 2) and its three formats. Zone UTC; day(n) = 2026-03-02 + n.
import * as assert from 'node:assert/strict';
import { main } from '../../src/cli/main';
import { backlogYaml, day, GitRepo } from './helpers/gitrepo';

const BACKLOG = 'backlog/backlog.yaml';
const repos: GitRepo[] = [];
after(() => {
  for (const r of repos) r.cleanup();
});

type Fields = Record<string, unknown>;
const item = (id: string, state: string, points?: number, sprint?: string, more: Fields = {}): Fields => ({
  id, title: `Item ${id}`, state, ...(points === undefined ? {} : { points }), ...(sprint ? { sprint } : {}), ...more,
});

function repoWith(sprints: string, commits: { at: string; items: Fields[] }[]): GitRepo {
  const repo = GitRepo.create();
  repos.push(repo);
  repo.write('backlog/sprints.yaml', `version: 1\ntimezone: UTC\nsprints:\n${sprints}`);
  for (const c of commits) {
    repo.write(BACKLOG, backlogYaml(c.items));
    repo.commit(`at ${c.at}`, { at: c.at });
  }
  return repo;
}

async function cli(args: string[], now: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd: '/', out: (t) => (out += t), err: (t) => (err += t), env: { SPRINTLOG_NOW: now } });
  return { code, out, err };
}

interface Finding { code: string; message: string; items: string[]; sprints: string[]; failing: boolean }

async function health(repo: GitRepo, code: string, now: string): Promise<{ exit: number; found: Finding[] }> {
  const r = await cli(['health', '--repo', repo.dir, '--fail-on', code, '--format', 'json'], now);
  const doc = JSON.parse(r.out) as { findings: Finding[] };
  return { exit: r.code, found: doc.findings.filter((f) => f.code === code) };
}

const S1 = '  - {id: S1, start: 2026-03-02, end: 2026-03-06}\n'; // Mon–Fri, 5 working days
const S1_2W = '  - {id: S1, start: 2026-03-02, end: 2026-03-13}\n';

describe('sprintlog health: every warning code fires and narrowly does not', function () {
  this.timeout(60000);

  // Committed 10 at day 0. Ideal at end of Wed = 10 × 2/5 = 4; the limit is 4 + 20 % of 10 = 6.
  for (const [a, fires] of [[3, true], [4, false]] as const) {
    it(`behind-ideal: ${10 - a} remaining vs ideal 4 ${fires ? 'fires' : 'does not fire (exactly 20 %)'}`, async () => {
      const repo = repoWith(S1, [
        { at: day(0, 8), items: [item('A', 'todo', a, 'S1'), item('B', 'todo', 10 - a, 'S1')] },
        { at: day(1, 8), items: [item('A', 'done', a, 'S1'), item('B', 'todo', 10 - a, 'S1')] },
      ]);
      const h = await health(repo, 'behind-ideal', day(2, 20));
      assert.equal(h.exit, fires ? 1 : 0);
      assert.equal(h.found.length, fires ? 1 : 0);
      if (fires) {
        assert.deepEqual([h.found[0].sprints, h.found[0].items], [['S1'], ['B']]); // the open work of the sprint
        assert.match(h.found[0].message, /7 points remaining on 2026-03-04, ideal 4/);
      }
    });
  }

  // Committed 10 at day 0; added after the start: 3 (> 2 = 20 %) or 2 (not more than 20 %).
  for (const [p, fires] of [[3, true], [2, false]] as const) {
    it(`scope-creep: ${p} points added to 10 committed ${fires ? 'fires' : 'does not fire'}`, async () => {
      const base = [item('A', 'todo', 4, 'S1'), item('B', 'todo', 6, 'S1')];
      const repo = repoWith(S1_2W, [
        { at: day(0, 8), items: base },
        { at: day(1, 8), items: [...base, item('C', 'todo', p, 'S1')] },
      ]);
      const h = await health(repo, 'scope-creep', day(3, 12));
      assert.equal(h.exit, fires ? 1 : 0);
      if (fires) assert.deepEqual([h.found[0].sprints, h.found[0].items], [['S1'], ['C']]);
      else assert.equal(h.found.length, 0);
    });
  }

  // Capacity 10: 11 committed is over it, 10 is not.
  for (const [p, fires] of [[11, true], [10, false]] as const) {
    it(`overcommitted: ${p} committed against capacity 10 ${fires ? 'fires' : 'does not fire'}`, async () => {
      const repo = repoWith('  - {id: S1, start: 2026-03-02, end: 2026-03-13, capacity: 10}\n', [
        { at: day(0, 8), items: [item('A', 'todo', p - 5, 'S1'), item('B', 'todo', 5, 'S1')] },
      ]);
      const h = await health(repo, 'overcommitted', day(2, 12));
      assert.equal(h.exit, fires ? 1 : 0);
      if (fires) assert.deepEqual([h.found[0].sprints, h.found[0].items.sort()], [['S1'], ['A', 'B']]);
      else assert.equal(h.found.length, 0);
    });
  }

  // Three items done with cycle time 3 days (03-02 → 03-04): p85 = 3. W in progress since 03-05
  // is 4 days old on 03-08 (fires); since 03-06 it is 3 days old (not more than p85).
  for (const [startDay, fires] of [['2026-03-05', true], ['2026-03-06', false]] as const) {
    it(`aging-wip: an item started ${startDay}, as of 2026-03-08, ${fires ? 'fires' : 'does not fire'}`, async () => {
      const done = ['X', 'Y', 'Z'].map((id) => item(id, 'done', 1, undefined, { started: '2026-03-02', finished: '2026-03-04' }));
      const repo = repoWith(S1_2W, [{ at: day(0, 8), items: [...done, item('W', 'in-progress', 2, 'S1', { started: startDay })] }]);
      const h = await health(repo, 'aging-wip', day(6, 12));
      assert.equal(h.exit, fires ? 1 : 0);
      if (fires) assert.deepEqual([h.found[0].items, h.found[0].sprints], [['W'], ['S1']]);
      else assert.equal(h.found.length, 0);
    });
  }

  // Blocked on 03-02: on 03-04 that is 3 days (fires), on 03-03 two (does not).
  for (const [asOfDay, fires] of [[2, true], [1, false]] as const) {
    it(`blocked-long: blocked since 2026-03-02, as of day ${asOfDay}, ${fires ? 'fires' : 'does not fire'}`, async () => {
      const repo = repoWith(S1_2W, [
        { at: day(0, 7), items: [item('A', 'in-progress', 2, 'S1')] },
        { at: day(0, 9), items: [item('A', 'in-progress', 2, 'S1', { blocked: 'Waiting for the vendor' })] },
      ]);
      const h = await health(repo, 'blocked-long', day(asOfDay, 12));
      assert.equal(h.exit, fires ? 1 : 0);
      if (fires) assert.deepEqual(h.found[0].items, ['A']);
      else assert.equal(h.found.length, 0);
    });
  }

  // A (S1) depends on B: B planned in the later S2 fires; B in the same sprint does not.
  for (const [bSprint, fires] of [['S2', true], ['S1', false]] as const) {
    it(`dependency-risk: the dependency planned in ${bSprint} ${fires ? 'fires' : 'does not fire'}`, async () => {
      const repo = repoWith(`${S1_2W}  - {id: S2, start: 2026-03-16, end: 2026-03-27}\n`, [
        { at: day(0, 8), items: [item('A', 'todo', 2, 'S1', { depends_on: ['B'] }), item('B', 'todo', 3, bSprint)] },
      ]);
      const h = await health(repo, 'dependency-risk', day(1, 12));
      assert.equal(h.exit, fires ? 1 : 0);
      if (fires) assert.deepEqual(h.found[0].items, ['A', 'B']);
      else assert.equal(h.found.length, 0);
    });
  }

  // An item in the active sprint without points fires; `points: 0` is an estimate.
  for (const [points, fires] of [[undefined, true], [0, false]] as const) {
    it(`unestimated: points ${points ?? 'absent'} ${fires ? 'fires' : 'does not fire'}`, async () => {
      const repo = repoWith(S1_2W, [{ at: day(0, 8), items: [item('A', 'todo', points, 'S1'), item('B', 'todo', 3, 'S1')] }]);
      const h = await health(repo, 'unestimated', day(1, 12));
      assert.equal(h.exit, fires ? 1 : 0);
      if (fires) assert.deepEqual(h.found[0].items, ['A']);
      else assert.equal(h.found.length, 0);
    });
  }

  // An open action of the closed S0 fires; the same open action on the active S1 does not (not yet a past retro).
  for (const [where, fires] of [['S0', true], ['S1', false]] as const) {
    it(`open-retro-actions: an open action on ${where} ${fires ? 'fires' : 'does not fire'}`, async () => {
      const retro = 'retro: {actions: [{text: WIP limit of 3, owner: bob, done: false}]}';
      const s0 = `  - {id: S0, start: 2026-02-16, end: 2026-02-27${where === 'S0' ? `, ${retro}` : ''}}\n`;
      const s1 = `  - {id: S1, start: 2026-03-02, end: 2026-03-13${where === 'S1' ? `, ${retro}` : ''}}\n`;
      const repo = repoWith(s0 + s1, [{ at: day(0, 8), items: [item('A', 'todo', 1, 'S1')] }]);
      const h = await health(repo, 'open-retro-actions', day(1, 12));
      assert.equal(h.exit, fires ? 1 : 0);
      if (fires) assert.deepEqual(h.found[0].sprints, ['S0']);
      else assert.equal(h.found.length, 0);
    });
  }

  // Ratings 4, 4, last: 3.25 is 0.5 below the mean 3.75 (fires); 3.3 is 0.4667 below 3.7667 (does not).
  for (const [last, fires] of [[3.25, true], [3.3, false]] as const) {
    it(`satisfaction-drop: last rating ${last} after 4 and 4 ${fires ? 'fires' : 'does not fire'}`, async () => {
      const rated = (id: string, from: string, to: string, s: number): string => `  - {id: ${id}, start: ${from}, end: ${to}, review: {satisfaction: ${s}}}\n`;
      const repo = repoWith(
        rated('S0', '2026-02-02', '2026-02-06', 4) + rated('S1', '2026-02-09', '2026-02-13', 4) + rated('S2', '2026-02-16', '2026-02-20', last),
        [{ at: day(0, 8), items: [item('A', 'todo', 1)] }],
      );
      const h = await health(repo, 'satisfaction-drop', day(1, 12));
      assert.equal(h.exit, fires ? 1 : 0);
      if (fires) assert.deepEqual(h.found[0].sprints, ['S2']);
      else assert.equal(h.found.length, 0);
    });
  }
});

describe('sprintlog health: gate, thresholds and formats', function () {
  this.timeout(60000);
  let repo: GitRepo;
  before(() => {
    // Behind the ideal line and A blocked since 03-02: both fire as of 03-04.
    repo = repoWith(S1, [
      { at: day(0, 8), items: [item('A', 'in-progress', 5, 'S1', { blocked: 'Vendor keys' }), item('B', 'todo', 5, 'S1')] },
    ]);
  });
  const now = day(2, 20);

  it('acceptance: --fail-on behind-ideal,blocked-long is 1 where they fire, 0 where they do not', async () => {
    assert.equal((await cli(['health', '--repo', repo.dir, '--fail-on', 'behind-ideal,blocked-long'], now)).code, 1);
    const calm = repoWith(S1, [{ at: day(0, 8), items: [item('A', 'done', 5, 'S1'), item('B', 'done', 5, 'S1')] }]);
    const r = await cli(['health', '--repo', calm.dir, '--fail-on', 'behind-ideal,blocked-long'], now);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /Gate passed/);
  });

  it('without --fail-on the warnings print and the exit is 0; a code not listed does not fail', async () => {
    const r = await cli(['health', '--repo', repo.dir], now);
    assert.equal(r.code, 0);
    assert.match(r.out, /warn behind-ideal: Sprint S1 is behind its ideal line/);
    assert.match(r.out, /involves sprint S1; items A, B/);
    assert.equal((await cli(['health', '--repo', repo.dir, '--fail-on', 'scope-creep'], now)).code, 0);
    assert.equal((await cli(['health', '--repo', repo.dir, '--fail-on', 'all'], now)).code, 1);
  });

  it('usage mistakes exit 2 and name the known codes', async () => {
    const r = await cli(['health', '--repo', repo.dir, '--fail-on', 'behind-ideal,blocked-lon'], now);
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown warning code 'blocked-lon'.*codes: .*behind-ideal.*blocked-long.*satisfaction-drop/);
    assert.equal((await cli(['health', '--repo', repo.dir, '--format', 'xml'], now)).code, 2);
    const t = await cli(['health', '--repo', repo.dir, '--threshold', 'unestimated=3'], now);
    assert.equal(t.code, 2);
    assert.match(t.err, /has no threshold.*blocked-long/);
    assert.equal((await cli(['health', '--repo', repo.dir, '--threshold', 'aging-wip=80'], now)).code, 2);
  });

  it('--threshold moves a rule: blocked for 3 days does not fire at blocked-long=4', async () => {
    assert.equal((await cli(['health', '--repo', repo.dir, '--fail-on', 'blocked-long'], now)).code, 1);
    const r = await cli(['health', '--repo', repo.dir, '--fail-on', 'blocked-long', '--threshold', 'blocked-long=4'], now);
    assert.equal(r.code, 0);
    // behind-ideal: 10 remaining, ideal 4: over by 6 = 60 % of committed → quiet at 60, fires at 59.
    assert.equal((await cli(['health', '--repo', repo.dir, '--fail-on', 'behind-ideal', '--threshold', 'behind-ideal=60'], now)).code, 0);
    const f = await cli(['health', '--repo', repo.dir, '--fail-on', 'behind-ideal', '--threshold', 'behind-ideal=59'], now);
    assert.equal(f.code, 1);
    assert.match(f.out, /more than 59 % of the 10 committed/);
  });

  it('--format github: ::error for failing codes, ::warning for the others, escaped', async () => {
    const r = await cli(['health', '--repo', repo.dir, '--fail-on', 'blocked-long', '--format', 'github'], now);
    assert.equal(r.code, 1);
    const lines = r.out.trim().split('\n');
    assert.ok(lines.some((l) => l.startsWith('::error title=sprintlog health%3A blocked-long::1 item blocked for 3 days or more: A.%0AInvolves sprint S1; item A')), r.out);
    assert.ok(lines.some((l) => l.startsWith('::warning title=sprintlog health%3A behind-ideal::') && l.includes('20 %25')), r.out);
  });

  it('--format json: findings with items, sprints and failing, and the failed codes', async () => {
    const r = await cli(['health', '--repo', repo.dir, '--fail-on', 'blocked-long,scope-creep', '--format', 'json'], now);
    const doc = JSON.parse(r.out) as { failOn: string[]; failed: string[]; findings: Finding[] };
    assert.deepEqual(doc.failOn, ['blocked-long', 'scope-creep']);
    assert.deepEqual(doc.failed, ['blocked-long']);
    assert.deepEqual(doc.findings.map((f) => [f.code, f.failing]), [['behind-ideal', false], ['blocked-long', true]]);
  });
});
