// What the review and retro commands offer: the sprint focused first (active, else the
// last closed) and the retro actions (open ones with owner and age, done ones to reopen).
import { strict as assert } from 'node:assert';
import { buildWorkspace } from '../../src/core/parse/workspace';
import { ceremonySprintChoices, retroActionChoices } from '../../src/extension/commands/ceremonyChoices';
import { parseRating } from '../../src/core/edit/sprint-log';

const SPRINTS = [
  'version: 1',
  'sprints:',
  '  - id: S1',
  '    start: 2026-11-02',
  '    end: 2026-11-13',
  '    review: {satisfaction: 4}',
  '    retro:',
  '      actions:',
  '        - {text: WIP limit, owner: bob, done: false}',
  '        - {text: Pair on reviews, done: true}',
  '  - id: S2',
  '    start: 2026-11-16',
  '    end: 2026-11-27',
  '    retro: {actions: [{text: Fix CI, done: false}]}',
  '  - id: S3',
  '    start: 2026-11-30',
  '    end: 2026-12-11',
  '    retro: {actions: [{text: Demo earlier, owner: eve, done: false}]}',
  '  - id: S4',
  '    start: 2026-12-14',
  '    end: 2026-12-24',
  '',
].join('\n');
const ws = buildWorkspace('/repo', [{ file: 'backlog/backlog.yaml', text: 'items: []\n' }], { file: 'backlog/sprints.yaml', text: SPRINTS });

describe('review and retro commands: choices', () => {
  it('sprints: the active one focused, then closed newest first, then planned', () => {
    const m = ceremonySprintChoices(ws, '2026-12-06', 'Review of which sprint?');
    assert.deepEqual(m.choices.map((c) => c.value), ['S3', 'S2', 'S1', 'S4']);
    assert.equal(m.active, 0);
    assert.match(m.choices[2].description ?? '', /rated 4 · 1 open retro action/);
    // Between sprints: the last closed one comes first.
    assert.deepEqual(ceremonySprintChoices(ws, '2026-12-12', 't').choices.map((c) => c.value), ['S3', 'S2', 'S1', 'S4']);
    assert.deepEqual(ceremonySprintChoices(ws, '2026-11-28', 't').choices.map((c) => c.value), ['S2', 'S1', 'S3', 'S4']);
  });

  it('actions: open ones oldest first with owner and age, then the current sprint\'s, then done ones to reopen', () => {
    const m = retroActionChoices(ws, '2026-12-06');
    assert.deepEqual(m.choices.map((c) => [c.label, c.description, c.value]), [
      ['WIP limit', 'S1 · owner bob · 23 days old', { sprint: 'S1', index: 1, done: true }],
      ['Fix CI', 'S2 · no owner · 9 days old', { sprint: 'S2', index: 1, done: true }],
      ['Demo earlier', 'S3 · owner eve · sprint not over', { sprint: 'S3', index: 1, done: true }],
      ['$(check) Pair on reviews', 'S1 · no owner · done: pick to reopen', { sprint: 'S1', index: 2, done: false }],
    ]);
  });

  it('a rating is a number from 1 to 5', () => {
    assert.deepEqual(['1', '4.5', ' 5 ', '0', '5.1', 'four', '', '-2', '3e0'].map(parseRating), [1, 4.5, 5, undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});
