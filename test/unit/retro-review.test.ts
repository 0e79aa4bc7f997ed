// `sprintlog review` and `sprintlog retro` write backlog/sprints.yaml through the
// edit engine's writer: each change is one line of diff (git diff --numstat), the
// comments and layout stay, block and flow styles are both kept.
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { main } from '../../src/cli/main';
import { backlogYaml, day, GitRepo } from './helpers/gitrepo';

const S = 'backlog/sprints.yaml';
const SPRINTS = [
  'version: 1',
  'timezone: UTC',
  'sprints:',
  '  # the first sprint, block style',
  '  - id: S1',
  '    start: 2026-02-16',
  '    end: 2026-02-27   # two weeks',
  '    review:',
  '      satisfaction: 3',
  '    retro:',
  '      went_well: [Pairing]',
  '      actions:',
  '        - text: WIP limit of 3',
  '          owner: bob',
  '          done: false',
  '        - {text: "Refine on Wednesdays", owner: dana}',
  '  - {id: S2, start: 2026-03-02, end: 2026-03-13}',
  '  - id: S3',
  '    start: 2026-03-16',
  '    end: 2026-03-27',
  '',
].join('\n');

describe('sprintlog review and retro (edit engine, one-line diffs)', function () {
  this.timeout(60000);
  let repo: GitRepo;

  async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await main([...args, '--repo', repo.dir], { cwd: '/', out: (t) => (out += t), err: (t) => (err += t), env: { SPRINTLOG_NOW: day(9, 12) } });
    return { code, out, err };
  }
  /** Run, then the diff against the commit: [added, removed] lines and the new text. */
  async function change(args: string[]): Promise<{ numstat: [number, number]; diff: string; sprints: Record<string, unknown>[] }> {
    const r = await cli(args);
    assert.equal(r.code, 0, r.err);
    const [added, removed] = repo.git('diff', '--numstat', '--', S).trim().split('\t').map(Number);
    const diff = repo.git('diff', '-U0', '--', S).split('\n').filter((l) => /^[-+][^-+]/.test(l)).join('\n');
    const sprints = (parse(repo.read(S)) as { sprints: Record<string, unknown>[] }).sprints;
    repo.git('checkout', '--', S);
    return { numstat: [added, removed], diff, sprints };
  }

  before(() => {
    repo = GitRepo.create();
    repo.write(S, SPRINTS);
    repo.write('backlog/backlog.yaml', backlogYaml([{ id: 'A', title: 'A', state: 'todo' }]));
    repo.commit('start', { at: day(0) });
  });
  after(() => repo.cleanup());

  it('review: replaces a rating in place, adds one to a flow sprint and to a block sprint', async () => {
    let c = await change(['review', 'S1', '--rating', '4.5']);
    assert.deepEqual(c.numstat, [1, 1]);
    assert.equal(c.diff, '-      satisfaction: 3\n+      satisfaction: 4.5');
    c = await change(['review', 'S2', '--rating', '4', '--notes', 'Demo: went well']);
    assert.deepEqual(c.numstat, [1, 1]);
    assert.equal(c.diff, '-  - {id: S2, start: 2026-03-02, end: 2026-03-13}\n+  - {id: S2, start: 2026-03-02, end: 2026-03-13, review: {satisfaction: 4, notes: "Demo: went well"}}');
    c = await change(['review', 'S3', '--rating', '5']);
    assert.deepEqual(c.numstat, [1, 0]);
    assert.equal(c.diff, '+    review: {satisfaction: 5}');
    assert.deepEqual(c.sprints[2].review, { satisfaction: 5 });
    // S1 gets notes next to its rating, the comment lines untouched.
    c = await change(['review', 'S1', '--notes', 'Stakeholders happy']);
    assert.equal(c.diff, '+      notes: Stakeholders happy');
  });

  it('retro: adds an action (block list), a note (flow list), a retro to a sprint without one', async () => {
    let c = await change(['retro', 'S1', '--action', 'Automate the release', '--owner', 'chen']);
    assert.deepEqual(c.numstat, [1, 0]);
    assert.equal(c.diff, '+        - {text: Automate the release, owner: chen, done: false}');
    c = await change(['retro', 'S1', '--went-well', 'Short stand-ups']);
    assert.equal(c.diff, '-      went_well: [Pairing]\n+      went_well: [Pairing, Short stand-ups]');
    c = await change(['retro', 'S1', '--to-improve', 'Too much WIP']);
    assert.equal(c.diff, '+      to_improve: [Too much WIP]');
    c = await change(['retro', 'S3', '--action', 'Fix the build']);
    assert.equal(c.diff, '+    retro: {actions: [{text: Fix the build, done: false}]}');
  });

  it('retro --close / --reopen: done in place, or added to a flow action', async () => {
    let c = await change(['retro', 'S1', '--close', '1']);
    assert.equal(c.diff, '-          done: false\n+          done: true');
    c = await change(['retro', 'S1', '--close', '2']);
    assert.equal(c.diff, '-        - {text: "Refine on Wednesdays", owner: dana}\n+        - {text: "Refine on Wednesdays", owner: dana, done: true}');
    const r = await cli(['retro', 'S1', '--close', '3']);
    assert.equal(r.code, 1);
    assert.match(r.err, /S1 has no retro action #3 \(it has 2\)/);
  });

  it('retro without a sprint lists the open actions of past sprints with owner and age', async () => {
    const r = await cli(['retro']);
    // S1 ended 2026-02-27; now is 2026-03-11: 12 days.
    assert.equal(r.out, 'S1#1  WIP limit of 3  (owner bob, 12 days open)\nS1#2  Refine on Wednesdays  (owner dana, 12 days open)\n');
  });

  it('mistakes: unknown sprint, bad rating, two changes at once', async () => {
    const r = await cli(['review', 'S9', '--rating', '4']);
    assert.equal(r.code, 1);
    assert.match(r.err, /unknown sprint 'S9' \(sprints: S1, S2, S3\)/);
    assert.equal((await cli(['review', 'S1', '--rating', '7'])).code, 2);
    assert.equal((await cli(['retro', 'S1', '--action', 'x', '--close', '1'])).code, 2);
    assert.equal(repo.git('status', '--porcelain'), '');
  });
});
