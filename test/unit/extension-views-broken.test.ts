// The views and the status bar while a file does not parse (or has a bad sprint date):
// one error row per file, no zeros presented as facts, the error pointed at.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildWorkspace } from '../../src/core/parse/workspace';
import { validateWorkspace } from '../../src/core/validate';
import { sprintStatus } from '../../src/extension/status/status-text';
import type { ErrorNode, InfoNode, Node } from '../../src/extension/views/nodes';
import { backlogNodes, sprintNodes } from '../../src/extension/views/rows';

const DIR = path.join(__dirname, '../integration/fixtures/workspace/backlog');
const BACKLOG = fs.readFileSync(path.join(DIR, 'backlog.yaml'), 'utf8');
const SPRINTS = fs.readFileSync(path.join(DIR, 'sprints.yaml'), 'utf8');
const DAY = '2026-11-20';
const NOW = Date.parse('2026-11-20T12:00:00+01:00');
const load = (backlog: string, sprints: string) =>
  buildWorkspace('/ws', [{ file: 'backlog/backlog.yaml', text: backlog }], { file: 'backlog/sprints.yaml', text: sprints });
const labels = (nodes: Node[]) => nodes.map((n) => (n.kind === 'info' ? `${n.label} ${n.description ?? ''}` : n.kind === 'group' ? `group ${n.group.label}` : n.kind));
const opts = { grouping: 'sprint' as const, filter: {}, day: DAY };

describe('extension: views while a file is broken', () => {
  it('an indentation slip in backlog.yaml: one error row, figures hidden, no "0 of 0"', () => {
    const ws = load(BACKLOG.replace('    title: Show card brand logos', '   title: Show card brand logos'), SPRINTS);
    assert.ok(ws.parseProblems.filter((p) => p.severity === 'error').length >= 1);
    const sprint = sprintNodes('f', ws, undefined, DAY);
    assert.deepEqual(labels(sprint), ['error', 'Sprint figures hidden until the file above parses again']);
    assert.equal((sprint[0] as ErrorNode).problem.file, 'backlog/backlog.yaml');
    const backlog = backlogNodes('f', ws, opts);
    assert.deepEqual(labels(backlog), ['error', 'Items hidden until the file above parses again']);
    const status = sprintStatus(ws, NOW);
    assert.match(status?.text ?? '', /^\$\(warning\) Sprintlog: backlog\/backlog\.yaml:\d+ does not parse$/);
  });

  it('a merge conflict gives one row per file with the count of the others', () => {
    const ws = load(BACKLOG.replace('  - id: PAY-15\n', '<<<<<<< HEAD\n  - id: PAY-15\n=======\n  - id: PAY-15b\n>>>>>>> other\n'), SPRINTS);
    const errors = backlogNodes('f', ws, opts).filter((n): n is ErrorNode => n.kind === 'error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0].more, ws.parseProblems.filter((p) => p.severity === 'error').length - 1);
  });

  it('a broken sprints.yaml: no "No sprints yet", no "(not in the sprint log)" groups', () => {
    const ws = load(BACKLOG, SPRINTS.replace('  - id: S12 ', '  - id: [S12 '));
    assert.ok(ws.parseProblems.some((p) => p.file === 'backlog/sprints.yaml' && p.severity === 'error'));
    assert.deepEqual(labels(sprintNodes('f', ws, undefined, DAY)), ['error', 'Sprint figures hidden until the file above parses again']);
    assert.deepEqual(labels(backlogNodes('f', ws, opts)), ['error', 'Items hidden until the file above parses again']);
    // Grouped by state, the items do not need the sprint log.
    assert.ok(backlogNodes('f', ws, { ...opts, grouping: 'state' }).some((n) => n.kind === 'group'));
  });

  it('a broken archive file: its error row, and the open items still listed', () => {
    const ws = buildWorkspace('/ws', [{ file: 'backlog/backlog.yaml', text: BACKLOG }, { file: 'backlog/archive/2024.yaml', text: 'version: 1\nitems:\n  - id: PAY-1\n    title: [never closed\n' }], { file: 'backlog/sprints.yaml', text: SPRINTS });
    const nodes = backlogNodes('f', ws, opts);
    assert.equal(nodes[0].kind, 'error');
    assert.ok(nodes.some((n) => n.kind === 'group' && n.group.label === 'Product backlog'));
  });

  it('a date error in sprints.yaml points at the error, not "No active sprint"', () => {
    const ws = load(BACKLOG, SPRINTS.replace('start: 2026-11-16', 'start: 2026-11-31'));
    const problems = validateWorkspace(ws);
    const nodes = sprintNodes('f', ws, undefined, DAY, undefined, problems);
    assert.deepEqual(nodes.map((n) => n.kind), ['error']);
    const p = (nodes[0] as ErrorNode).problem;
    assert.equal(p.file, 'backlog/sprints.yaml');
    assert.equal(SPRINTS.split('\n')[p.line - 1].trim(), 'start: 2026-11-16');
    assert.ok(!nodes.some((n) => n.kind === 'info' && (n as InfoNode).label === 'No active sprint'));
  });
});
