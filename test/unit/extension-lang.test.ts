// Pure helpers of the language features, status bar and history views (no vscode here).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildWorkspace } from '../../src/core/parse/workspace';
import { LineIndex } from '../../src/core/parse/source';
import type { Workspace } from '../../src/core/model';
import { buildIdRegex, findIdAt, findIds, idPrefixes } from '../../src/extension/language/ids';
import { completionContext } from '../../src/extension/language/completion-context';
import { completionCandidates } from '../../src/extension/language/completion-items';
import { codeLensText } from '../../src/extension/language/lens-text';
import { hoverMarkdown } from '../../src/extension/language/hover-text';
import { escapeMarkdown } from '../../src/core/escape';
import { positionIn } from '../../src/extension/language/text';
import { sprintStatus } from '../../src/extension/status/status-text';

const fixture = path.join(__dirname, '..', 'fixtures', 'basic');
const read = (f: string): string => fs.readFileSync(path.join(fixture, f), 'utf8');

function fixtureWorkspace(extra: { file: string; text: string }[] = []): Workspace {
  return buildWorkspace(
    fixture,
    [{ file: 'backlog/backlog.yaml', text: read('backlog/backlog.yaml') }, ...extra],
    { file: 'backlog/sprints.yaml', text: read('backlog/sprints.yaml') },
  );
}

describe('extension language: item ids', () => {
  it('builds prefixes from the project and from ids in archives', () => {
    const ws = fixtureWorkspace([{ file: 'backlog/archive/2025.yaml', text: 'version: 1\nitems:\n  - id: OLD-3\n    title: Old\n  - id: weird\n    title: W\n' }]);
    assert.deepEqual(idPrefixes(ws), ['OLD', 'PAY']);
  });

  it('matches ids only as whole tokens with a known prefix', () => {
    const re = buildIdRegex(['PAY', 'OLD']);
    assert.ok(re);
    const line = '// PAY-12: see feature/PAY-9-login (OLD-3), not XPAY-1, PAY-12a, PAYX-4 or pay-5';
    assert.deepEqual(findIds(line, re).map((m) => m.id), ['PAY-12', 'PAY-9', 'OLD-3']);
    const at = line.indexOf('PAY-9');
    assert.deepEqual(findIdAt(line, at + 2, re), { id: 'PAY-9', start: at, end: at + 5 });
    assert.equal(findIdAt(line, line.indexOf('XPAY') + 2, re), undefined);
    assert.equal(findIdAt(line, 0, re), undefined);
  });

  it('does not take another team\'s item (`team:ID`) for this backlog\'s id', () => {
    const re = buildIdRegex(['PAY']);
    assert.ok(re);
    const line = '    depends_on: [PAY-1, shop:PAY-4, web.app:PAY-5] # Fixes: PAY-7';
    assert.deepEqual(findIds(line, re).map((m) => m.id), ['PAY-1', 'PAY-7']);
    assert.equal(findIdAt(line, line.indexOf('shop:PAY-4') + 7, re), undefined);
  });

  it('has no regex without prefixes (never every word)', () => {
    assert.equal(buildIdRegex([]), undefined);
    const ws = buildWorkspace('/r', [{ file: 'backlog/backlog.yaml', text: 'version: 1\nitems:\n  - id: alpha\n    title: A\n' }], undefined);
    assert.deepEqual(idPrefixes(ws), []);
  });

  it('escapes regex characters of a prefix', () => {
    const re = buildIdRegex(['A.B']);
    assert.ok(re);
    assert.deepEqual(findIds('A.B-1 AxB-2', re).map((m) => m.id), ['A.B-1']);
  });
});

describe('extension language: completion context', () => {
  it('detects block values with their partial text and quote', () => {
    assert.deepEqual(completionContext('    state: in-pr'), { kind: 'state', partial: 'in-pr', quote: '', listed: [] });
    assert.deepEqual(completionContext('    sprint: "S1'), { kind: 'sprint', partial: 'S1', quote: '"', listed: [] });
    assert.deepEqual(completionContext('  - epic: '), { kind: 'epic', partial: '', quote: '', listed: [] });
    assert.deepEqual(completionContext('    assignee: al'), { kind: 'assignee', partial: 'al', quote: '', listed: [] });
    assert.equal(completionContext('    title: state: x'), undefined);
    assert.equal(completionContext('    # state: '), undefined);
    assert.equal(completionContext('    state:'), undefined, 'no space after the colon yet');
  });

  it('detects values inside a flow map item', () => {
    assert.deepEqual(completionContext('  - {id: PAY-13, title: Refund, state: '), { kind: 'state', partial: '', quote: '', listed: [] });
    assert.deepEqual(completionContext('  - {id: PAY-13, depends_on: [PAY-9, PAY-1'), { kind: 'dependency', partial: 'PAY-1', quote: '', listed: ['PAY-9'] });
  });

  it('detects depends_on flow lists and block lists', () => {
    assert.deepEqual(completionContext('    depends_on: [PAY-9, "PAY-12", '), { kind: 'dependency', partial: '', quote: '', listed: ['PAY-9', 'PAY-12'] });
    const above = ['  - id: PAY-14', '    depends_on:', '      - PAY-9   # first', ''];
    assert.deepEqual(completionContext('      - PA', above), { kind: 'dependency', partial: 'PA', quote: '', listed: ['PAY-9'] });
    // Same-indentation sequence under the key is valid YAML too.
    assert.deepEqual(completionContext('    - ', ['    depends_on:']), { kind: 'dependency', partial: '', quote: '', listed: [] });
    assert.equal(completionContext('      - ', ['    tags:', '      - research']), undefined);
    assert.equal(completionContext('  - ', ['items:', '  - id: PAY-1', '    title: x']), undefined);
  });
});

describe('extension language: completion candidates', () => {
  const ws = fixtureWorkspace();

  it('offers states in workflow order with their category', () => {
    const c = completionCandidates({ kind: 'state', partial: '', quote: '', listed: [] }, ws);
    assert.deepEqual(c.map((x) => [x.label, x.detail]), [['todo', 'todo'], ['in-progress', 'doing'], ['review', 'doing'], ['done', 'done']]);
  });

  it('offers sprints, the active one first', () => {
    const c = completionCandidates({ kind: 'sprint', partial: '', quote: '', listed: [] }, ws, '2026-11-20');
    const sorted = [...c].sort((a, b) => (a.sortText < b.sortText ? -1 : 1));
    assert.deepEqual(sorted.map((x) => x.label), ['S12', 'S11']);
    assert.match(sorted[0].detail ?? '', /active/);
  });

  it('offers dependencies except the item itself and those listed; quotes when YAML needs it', () => {
    const c = completionCandidates({ kind: 'dependency', partial: '', quote: '', listed: ['PAY-9'] }, ws, undefined, 'PAY-12');
    assert.deepEqual(c.map((x) => x.label), ['PAY-13', 'PAY-14']);
    const states = buildWorkspace('/r', [{ file: 'backlog/backlog.yaml', text: 'version: 1\nstates:\n  "to do": todo\n  "123": doing\n  done: done\nitems: []\n' }], undefined);
    const s = completionCandidates({ kind: 'state', partial: '', quote: '', listed: [] }, states);
    assert.deepEqual(s.map((x) => x.insertText), ['to do', '"123"', 'done']);
    const quoted = completionCandidates({ kind: 'state', partial: '', quote: '"', listed: [] }, states);
    assert.equal(quoted[1].insertText, '123');
  });

  it('completion inserts values as the edit engine writes them: each reads back as the same text, in a block and in a flow list', () => {
    const ids = ['0x1F', '0o17', '1_000', 'yes', 'S-1', 'a, b', 'x #y', "it's"];
    const sprints = 'version: 1\nsprints:\n' + ids.map((id, i) => `  - id: ${JSON.stringify(id)}\n    start: 2026-01-0${i + 1}\n    end: 2026-01-0${i + 1}\n`).join('');
    const log = buildWorkspace('/r', [{ file: 'backlog/backlog.yaml', text: 'version: 1\nitems: []\n' }], { file: 'backlog/sprints.yaml', text: sprints });
    assert.deepEqual(log.sprintLog?.sprints.map((x) => x.id), ids);
    for (const c of completionCandidates({ kind: 'sprint', partial: '', quote: '', listed: [] }, log)) {
      const text = `version: 1\nitems:\n  - id: A-1\n    title: t\n    sprint: ${c.insertText}\n  - {id: A-2, title: t, depends_on: [${c.insertText}], sprint: ${c.insertText}}\n`;
      const back = buildWorkspace('/r', [{ file: 'backlog/backlog.yaml', text }], undefined);
      assert.deepEqual(back.parseProblems, [], c.insertText);
      assert.deepEqual([back.items[0].sprint, back.items[1].sprint, back.items[1].dependsOn], [c.label, c.label, [c.label]], c.insertText);
    }
  });

  it('offers assignees seen in the files, most assigned first', () => {
    const text = read('backlog/backlog.yaml') + '  - id: PAY-15\n    title: More\n    assignee: bob\n';
    const more = buildWorkspace(fixture, [{ file: 'backlog/backlog.yaml', text }], undefined);
    const c = completionCandidates({ kind: 'assignee', partial: '', quote: '', listed: [] }, more);
    assert.deepEqual(c.map((x) => x.label), ['bob', 'alice', 'dana']);
  });

  it('offers epics', () => {
    const c = completionCandidates({ kind: 'epic', partial: '', quote: '', listed: [] }, ws);
    assert.deepEqual(c.map((x) => [x.label, x.detail]), [['PAY-E1', 'Saved payment methods']]);
  });
});

describe('extension language: text helpers', () => {
  it('maps offsets to editor positions, BOM and CRLF included', () => {
    const text = '\uFEFFversion: 1\r\nitems:\r\n  - id: A-1\r\n';
    const lines = new LineIndex(text);
    assert.deepEqual(positionIn(lines, text.indexOf('version')), { line: 0, character: 0 });
    assert.deepEqual(positionIn(lines, text.indexOf('A-1')), { line: 2, character: 8 });
    assert.deepEqual(positionIn(lines, text.length + 5), { line: 3, character: 0 });
  });

  it('escapes Markdown so file text cannot become links or HTML', () => {
    const s = escapeMarkdown('[click](command:workbench.action.quit) <img src=x> *b* `c` http://x.y', true);
    assert.ok(!/(^|[^\\])[[\]()<>*`]/.test(s), s);
    assert.ok(!s.includes('http:'), s);
  });
});

describe('extension language: CodeLens, hover and status text', () => {
  const ws = fixtureWorkspace();
  const item = (id: string) => ws.items.find((i) => i.id === id)!;

  it('shows state, points, cycle time or age only when history knows it', () => {
    assert.equal(codeLensText(item('PAY-9'), ws.states), 'done · 3 pts');
    assert.equal(codeLensText(item('PAY-9'), ws.states, { id: 'PAY-9', cycleTimeDays: 4 }), 'done · 3 pts · cycle time 4d');
    assert.equal(codeLensText(item('PAY-12'), ws.states, { id: 'PAY-12', ageDays: 6, cycleTimeDays: 9 }), 'in-progress · 5 pts · age 6d · blocked');
    assert.equal(codeLensText(item('PAY-14'), ws.states), 'todo · unestimated');
  });

  it('hover has title, state, sprint, points and the timeline, all escaped', () => {
    const md = hoverMarkdown(item('PAY-9'), ws, { timeline: { id: 'PAY-9', startedAt: '2026-11-16T23:30:00Z', doneAt: '2026-11-19T10:00:00+01:00', cycleTimeDays: 3 } });
    assert.match(md, /\*\*PAY\\-9\*\* Vault\\: store card tokens/);
    assert.match(md, /state: done · sprint: S12 \(Sprint 12\) · 3 pts · assignee: bob/);
    assert.match(md, /3 pts/);
    // 23:30 UTC on the 16th is already the 17th in Berlin, the sprint log's zone.
    assert.match(md, /started 2026\\-11\\-17 · done 2026\\-11\\-19 · cycle time 3d/);
    const evil = buildWorkspace('/r', [{ file: 'backlog/backlog.yaml', text: 'version: 1\nproject: X\nitems:\n  - id: X-1\n    title: "[run](command:rm) <b>x</b>"\n' }], undefined);
    const h = hoverMarkdown(evil.items[0], evil);
    assert.ok(!h.includes('](command'), h);
    assert.ok(!h.includes('<b>'), h);
  });

  it('status bar: remaining points and working days left in the sprint log zone', () => {
    // Wed 2026-11-25 in Berlin: S12 (ends Fri 27th) is active; PAY-12 (5) is open, PAY-9 (3) done.
    const s = sprintStatus(ws, Date.parse('2026-11-25T10:00:00Z'));
    assert.ok(s);
    assert.equal(s.sprintId, 'S12');
    assert.equal(s.text, '$(rocket) S12: 5 pts left · 3 days left');
    // 22:30 UTC on the 27th is 23:30 in Berlin: still the last day.
    assert.equal(sprintStatus(ws, Date.parse('2026-11-27T22:30:00Z'))?.text, '$(rocket) S12: 5 pts left · 1 day left');
    // 23:30 UTC is past midnight in Berlin: S12 is closed and nothing is planned.
    assert.equal(sprintStatus(ws, Date.parse('2026-11-27T23:30:00Z')), undefined);
    // Saturday inside a sprint: weekends are not working days left.
    assert.match(sprintStatus(ws, Date.parse('2026-11-21T12:00:00Z'))?.text ?? '', /5 days left$/);
  });

  it('status bar: the next planned sprint when none is active', () => {
    const s = sprintStatus(ws, Date.parse('2026-11-14T12:00:00Z'));
    assert.equal(s?.text, '$(calendar) S12 starts in 2 days');
  });
});
