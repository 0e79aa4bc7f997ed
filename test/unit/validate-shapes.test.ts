// The validator's checks that make it agree with the JSON Schemas (see
// schema-agreement.test.ts): each problem at the offending text, with its code
// and a hint that says what to write.

import { strict as assert } from 'node:assert';
import type { Problem } from '../../src/core/model';
import { buildWorkspace } from '../../src/core/parse/workspace';
import { validateWorkspace } from '../../src/core/validate';

const B = 'backlog/backlog.yaml';
const S = 'backlog/sprints.yaml';
const SPRINTS = 'version: 1\nsprints:\n  - id: S1\n    start: 2026-11-02\n    end: 2026-11-13\n';

function check(backlog: string, sprints = SPRINTS): Problem[] {
  return validateWorkspace(buildWorkspace('/repo', [{ file: B, text: backlog }], { file: S, text: sprints }));
}

const text = (backlog: string, sprints: string, p: Problem): string => (p.file === B ? backlog : sprints).slice(p.offset, p.end);
/** `line:column code «text at the problem»` of each problem. */
const where = (backlog: string, sprints: string, ps: Problem[]): string[] => ps.map((p) => `${p.line}:${p.column} ${p.code} «${text(backlog, sprints, p)}»`);

describe('validate: value shapes the schemas check', () => {
  it('item fields: blocked, tags, depends_on, text fields, project, state names', () => {
    const backlog = [
      'project: PAY X',
      'states:',
      '  todo: todo',
      '  "review ": doing',
      'items:',
      '  - id: PAY-1',
      '    title: A',
      '    blocked: true',
      '    tags: {a: 1}',
      '    depends_on: [PAY-2, [PAY-3]]',
      '    assignee: [alice, bob]',
      '  - id: PAY-2',
      '    title: B',
      '    blocked: false',
      '',
    ].join('\n');
    const ps = check(backlog);
    assert.deepEqual(where(backlog, SPRINTS, ps), [
      '1:10 missing-id «PAY X»',
      '4:3 bad-state «"review "»',
      '8:14 bad-state «true»',
      '9:11 yaml-syntax «{a: 1}»',
      '10:25 yaml-syntax «[PAY-3]»',
      '11:15 yaml-syntax «[alice, bob]»',
      '14:14 bad-state «false»',
    ]);
    const hint = (line: number): string => ps.find((p) => p.line === line)?.hint ?? '';
    assert.match(hint(1), /`project: PAY-X`/);
    assert.match(hint(4), /`review: doing`/);
    assert.match(hint(8), /Write why it is blocked/);
    assert.match(hint(14), /Remove `blocked:`/);
    assert.match(hint(9), /`tags: \[frontend, payments\]`/);
  });

  it('sprint log: repeated weekdays, review and retro shapes, retro actions', () => {
    const sprints = [
      'working_days: [mon, tue, Monday]',
      'sprints:',
      '  - id: S1',
      '    start: 2026-11-02',
      '    end: 2026-11-13',
      '    review: great',
      '    retro:',
      '      went_well: {a: 1}',
      '      actions:',
      '        - owner: bob',
      '        - text: " "',
      '        - text: Pair more',
      '          done: "no"',
      '        - ""',
      '  - id: S2',
      '    start: 2026-11-16',
      '    end: 2026-11-27',
      '    goal: [a]',
      '    retro: {actions: {text: x}}',
      '',
    ].join('\n');
    const backlog = 'items: []\n';
    const ps = check(backlog, sprints);
    assert.deepEqual(where(backlog, sprints, ps), [
      '1:26 bad-date «Monday»',
      '6:13 yaml-syntax «great»',
      '8:18 yaml-syntax «{a: 1}»',
      '10:11 missing-title «owner: bob\n»',
      '11:17 missing-title «" "»',
      '13:17 yaml-syntax «"no"»',
      '14:11 missing-title «""»',
      '18:11 yaml-syntax «[a]»',
      '19:22 yaml-syntax «{text: x}»',
    ]);
    assert.match(ps[0].message, /`Monday` again \(entry 1 is the same day\)/);
    assert.match(ps.find((p) => p.line === 13)!.hint!, /`done: false` without quotes/);
  });

  it('empty values mean absent, as the parser reads them', () => {
    const backlog = 'version:\nproject:\nstates:\nepics:\nitems:\n  - id: PAY-1\n    title: A\n    points:\n    sprint:\n    state:\n    blocked:\n    tags:\n    depends_on:\n';
    const sprints = 'version:\ntimezone:\nworking_days:\nholidays:\nsprints:\n  - id: S1\n    start: 2026-11-02\n    end: 2026-11-13\n    capacity:\n    review:\n    retro:\n      actions:\n';
    assert.deepEqual(check(backlog, sprints), []);
  });

  it('depends_on: another team\'s item as team:ID is accepted and left out of lookups and cycles; a malformed one is located', () => {
    const backlog = [
      'items:',
      '  - id: PAY-1',
      '    title: A',
      '    depends_on: [shop:PAY-2, PAY-2, web.app:W_1]',
      '  - id: PAY-2',
      '    title: B',
      // shop:PAY-1 is the shop team's PAY-1, not this one: no cycle PAY-1 → PAY-2 → PAY-1.
      '    depends_on: [shop:PAY-1, ":PAY-1", "pay:"]',
      '  - id: PAY-3',
      '    title: C',
      '    depends_on:',
      '      - a:b:PAY-1',
      '',
    ].join('\n');
    const ps = check(backlog);
    assert.deepEqual(where(backlog, SPRINTS, ps), [
      '7:30 missing-id «":PAY-1"»',
      '7:40 missing-id «"pay:"»',
      '11:9 missing-id «a:b:PAY-1»',
    ]);
    for (const p of ps) {
      assert.match(p.message, /neither an item id nor `team:ID`/);
      assert.match(p.hint ?? '', /`team:ID`, e\.g\. `pay:PAY-12`/);
    }
  });
});
