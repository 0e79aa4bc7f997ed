// Every agent tool through the MCP SDK's own Client, against `sprintlog mcp`
// (the bundled CLI as a child process) in a real temporary git repository:
// reads equal `sprintlog metrics --json` / `validate --format json`, writes are
// the lines `git diff` shows, bad input and broken files change nothing.
import * as assert from 'node:assert/strict';
import { AGENT_TOOLS } from '../../src/core/agent';
import type { MetricsReport } from '../../src/core/metrics';
import { BundledCli } from './helpers/bundled-cli';
import { day, GitRepo } from './helpers/gitrepo';
import { gitDiffLines, McpSession, sessionEnv } from './helpers/mcp-session';

const B = 'backlog/backlog.yaml';
const S = 'backlog/sprints.yaml';
const NOW = '2026-03-18T12:00:00Z'; // Wednesday of S2's first week

const item = (id: string, state: string, sprint: string, extra = ''): string =>
  `  # ${id} keeps this comment\n  - id: ${id}\n    title: Item ${id}\n    state: ${state}\n    points: 3\n    sprint: ${sprint}\n    assignee: ann\n    tags: [api]${extra}\n`;

const backlog = (a1: string, a2: string): string =>
  `# The team's backlog\nversion: 1\nproject: A\nitems:\n${item('A-1', a1, 'S1')}\n${item('A-2', a2, 'S2', '\n    depends_on: [A-1]')}\n${item('A-3', 'todo', 'S2')}\n  - id: A-4   # unplanned\n    title: Later\n`;

const SPRINTS = [
  'version: 1', 'timezone: UTC', 'sprints:',
  '  - id: S1', '    start: 2026-03-02', '    end: 2026-03-13',
  '  - id: S2  # the current one', '    name: Sprint 2', '    start: 2026-03-16', '    end: 2026-03-27', '    goal: Ship it', '    capacity: 10',
  '    retro:', '      actions:', '        - text: Keep WIP low', '          owner: ann', '          done: false', '',
].join('\n');

describe('sprintlog mcp: every tool through the MCP client', function () {
  this.timeout(120_000);
  let bin: BundledCli;
  let repo: GitRepo;
  let mcp: McpSession;
  const commits: string[] = [];
  const env = sessionEnv({ SPRINTLOG_NOW: NOW });

  before(async () => {
    bin = BundledCli.build();
    repo = GitRepo.create();
    repo.write(S, SPRINTS);
    repo.write(B, backlog('todo', 'todo'));
    commits.push(repo.commit('plan S1', { at: day(0, 9) }));
    repo.write(B, backlog('in-progress', 'todo'));
    commits.push(repo.commit('A-1 started', { at: day(2, 10) }));
    repo.write(B, backlog('done', 'todo'));
    commits.push(repo.commit('A-1 done', { at: day(8, 15) }));
    mcp = await McpSession.start(bin, ['mcp', '--repo', repo.dir], '/', env);
  });
  after(async () => {
    await mcp?.close();
    repo?.cleanup();
    bin?.cleanup();
  });
  afterEach(() => {
    repo.git('checkout', '-q', '--', '.');
  });

  const metricsJson = (): MetricsReport => {
    const r = bin.run(['metrics', '--json', '--repo', repo.dir], '/', env);
    assert.equal(r.code, 0, r.err);
    return JSON.parse(r.out) as MetricsReport;
  };
  const gitDiff = (): string[] => gitDiffLines(repo.git('diff', '-U0'));
  /** The tool's diff lines without the hunk headers. */
  const changed = (a: { json: Record<string, unknown> }): string[] => (a.json.diff as string[]).filter((l) => !l.startsWith('@@'));

  it('lists every tool with its JSON Schema, and the three resources', async () => {
    const { tools } = await mcp.client.listTools();
    assert.deepEqual(tools.map((t) => t.name), AGENT_TOOLS.map((t) => t.name));
    for (const t of tools) assert.deepEqual(t.inputSchema, AGENT_TOOLS.find((x) => x.name === t.name)!.inputSchema);
    assert.deepEqual(tools.filter((t) => t.annotations?.readOnlyHint).map((t) => t.name), ['list_items', 'get_item', 'sprint_status', 'metrics_summary', 'forecast', 'validate']);
    const { resources } = await mcp.client.listResources();
    assert.deepEqual(resources.map((r) => r.uri), ['sprintlog://backlog', 'sprintlog://sprints', 'sprintlog://metrics']);
  });

  it('reads equal `sprintlog metrics --json`: summary, forecast, sprint status and the metrics resource', async () => {
    const report = metricsJson();
    const summary = (await mcp.call('metrics_summary')).json;
    assert.deepEqual([summary.asOf, summary.head, summary.velocity, summary.cycleTime, summary.satisfaction], [report.asOf, report.head, report.velocity, report.cycleTime, report.satisfaction]);
    assert.deepEqual(summary.sprints, report.sprints.map((s) => ({ id: s.id, status: s.status, start: s.start, end: s.end, committed: s.committed, completed: s.completed, scopeAdded: s.scopeAdded, scopeRemoved: s.scopeRemoved, satisfaction: s.satisfaction })));
    assert.deepEqual(summary.warnings, report.warnings.map((w) => ({ code: w.code, severity: w.severity, message: w.message, ids: w.ids })));
    assert.deepEqual((await mcp.call('forecast')).json.forecast, report.forecast);
    const status = (await mcp.call('sprint_status')).json;
    const s2 = report.sprints.find((s) => s.id === 'S2')!;
    assert.equal(s2.status, 'active');
    assert.deepEqual([status.id, status.goal, status.status, status.committed, status.completed, status.scopeAdded], ['S2', 'Ship it', 'active', s2.committed, s2.completed, s2.scopeAdded]);
    // Wed 18th to Fri 27th, today included: 18, 19, 20, 23, 24, 25, 26, 27.
    assert.deepEqual([status.today, status.workingDays, status.workingDaysLeft], ['2026-03-18', 10, 8]);
    assert.equal(status.remaining, s2.burndown.find((d) => d.date === '2026-03-18')!.remaining);
    assert.deepEqual((status.items as Array<{ id: string }>).map((i) => i.id), ['A-2', 'A-3']);
    const closed = (await mcp.call('sprint_status', { sprint: 'S1' })).json;
    assert.deepEqual([closed.status, closed.workingDaysLeft, closed.completed], ['closed', 0, report.sprints[0].completed]);
    const res = await mcp.client.readResource({ uri: 'sprintlog://metrics' });
    assert.equal((res.contents[0] as { text: string }).text, bin.run(['metrics', '--json', '--repo', repo.dir], '/', env).out);
    assert.equal(((await mcp.client.readResource({ uri: 'sprintlog://backlog' })).contents[0] as { text: string }).text, repo.read(B));
    assert.equal(((await mcp.client.readResource({ uri: 'sprintlog://sprints' })).contents[0] as { text: string }).text, repo.read(S));
  });

  it('get_item gives the state changes with their times and commits; list_items filters', async () => {
    const a1 = (await mcp.call('get_item', { id: 'A-1' })).json;
    const states = (a1.history as { changes: Array<{ field: string; value: unknown; commit: string; time: string }> }).changes.filter((c) => c.field === 'state');
    assert.deepEqual(states.map((c) => [c.value, c.commit, c.time]), [
      ['todo', commits[0].slice(0, 10), '2026-03-02T09:00:00+00:00'],
      ['in-progress', commits[1].slice(0, 10), '2026-03-04T10:00:00+00:00'],
      ['done', commits[2].slice(0, 10), '2026-03-10T15:00:00+00:00'],
    ]);
    assert.equal(a1.at, `${B}:6:3`);
    assert.deepEqual(a1.metrics, metricsJson().items.find((i) => i.id === 'A-1'));
    const ids = async (args: Record<string, unknown>): Promise<string[]> => ((await mcp.call('list_items', args)).json.items as Array<{ id: string }>).map((i) => i.id);
    assert.deepEqual(await ids({}), ['A-1', 'A-2', 'A-3', 'A-4']);
    assert.deepEqual(await ids({ sprint: 'S2' }), ['A-2', 'A-3']);
    assert.deepEqual(await ids({ sprint: 'none' }), ['A-4']);
    assert.deepEqual(await ids({ state: 'done' }), ['A-1']);
    assert.deepEqual(await ids({ state: 'todo', assignee: 'ann', tag: 'api' }), ['A-2', 'A-3']);
    assert.deepEqual(await ids({ text: 'later' }), ['A-4']);
    assert.deepEqual(await ids({ blocked: true }), []);
  });

  it('validate lists what `sprintlog validate --format json` lists', async () => {
    repo.write(B, repo.read(B).replace('state: todo', 'state: todoo'));
    const cli = JSON.parse(bin.run(['validate', '--format', 'json', '--repo', repo.dir], '/', env).out) as { problems: unknown[] };
    const answer = (await mcp.call('validate')).json;
    assert.ok(cli.problems.length > 0);
    assert.deepEqual(answer.problems, cli.problems);
    assert.equal(answer.errors, 1);
  });

  const oneLine = async (tool: string, args: Record<string, unknown>, minus: string, plus: string): Promise<void> => {
    const a = await mcp.call(tool, args);
    assert.equal(a.isError, false, a.text);
    assert.deepEqual(gitDiff(), [minus, plus].filter(Boolean), tool);
    assert.deepEqual(changed(a), gitDiff(), `${tool}: the answer's diff is git's`);
  };

  it('set_fields, move_item (sprint), block_item, unblock_item: one-line git diffs, comments kept', async () => {
    await oneLine('set_fields', { id: 'A-2', fields: { state: 'done' } }, '-    state: todo', '+    state: done');
    repo.git('checkout', '-q', '--', '.');
    await oneLine('move_item', { id: 'A-3', sprint: 'S1' }, '-    sprint: S2', '+    sprint: S1');
    repo.git('checkout', '-q', '--', '.');
    await oneLine('block_item', { id: 'A-3', reason: 'Waiting for keys' }, '', '+    blocked: Waiting for keys');
    repo.git('commit', '-qam', 'block A-3');
    await oneLine('unblock_item', { id: 'A-3' }, '-    blocked: Waiting for keys', '');
    repo.git('checkout', '-q', '--', '.');
    repo.git('reset', '-q', '--hard', 'HEAD~1');
  });

  it('add_item, move_item (rank), add_retro_action, rate_review: only the lines they add or move', async () => {
    const added = await mcp.call('add_item', { title: 'New work', fields: { points: 2, sprint: 'S2' } });
    assert.deepEqual(added.json.ids, ['A-5']);
    assert.deepEqual(gitDiff(), ['+', '+  - id: A-5', '+    title: New work', '+    points: 2', '+    sprint: S2']);
    assert.deepEqual(changed(added), gitDiff());
    repo.git('checkout', '-q', '--', '.');
    const moved = await mcp.call('move_item', { id: 'A-4', rank: 1 });
    assert.equal(moved.isError, false, moved.text);
    assert.ok(repo.read(B).indexOf('id: A-4') < repo.read(B).indexOf('id: A-1'));
    assert.deepEqual(changed(moved).filter((l) => l.startsWith('-')).map((l) => l.slice(1)).sort(), changed(moved).filter((l) => l.startsWith('+')).map((l) => l.slice(1)).sort());
    repo.git('checkout', '-q', '--', '.');
    const action = await mcp.call('add_retro_action', { sprint: 'S2', text: 'Pair on reviews', owner: 'bo' });
    // One line: the action is a flow entry in the block list (the sprint-log edits' rule: the diff is a line).
    assert.deepEqual(gitDiff(), ['+        - {text: Pair on reviews, owner: bo, done: false}']);
    assert.deepEqual(changed(action), gitDiff());
    repo.git('checkout', '-q', '--', '.');
    const review = await mcp.call('rate_review', { sprint: 'S2', satisfaction: 4.5, notes: 'Demo went well.' });
    assert.deepEqual(gitDiff(), ['+    review: {satisfaction: 4.5, notes: Demo went well.}']);
    assert.deepEqual(changed(review), gitDiff());
    // review goes before retro, as the spec orders them
    assert.ok(repo.read(S).indexOf('review:') < repo.read(S).indexOf('retro:'));
  });

  it('bad input gets a clear error naming the field, and changes nothing', async () => {
    const before = [repo.read(B), repo.read(S)];
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['set_fields', { fields: { state: 'done' } }, /input\.id is required/],
      ['set_fields', { id: 'A-1', fields: { points: 'five' } }, /'points' must be a number >= 0, got "five"/],
      ['set_fields', { id: 'A-1', fields: {} }, /input\.fields is empty/],
      ['set_fields', { id: 'A-9', fields: { state: 'done' } }, /unknown item id 'A-9'/],
      ['set_fields', { id: 'A-1', fields: { state: 'finished' } }, /backlog\/backlog\.yaml:\d+:\d+: error bad-state/],
      ['list_items', { colour: 'red' }, /input\.colour is not a known field \(known: sprint, state/],
      ['list_items', { blocked: 'yes' }, /input\.blocked must be a boolean, got "yes"/],
      ['move_item', { id: 'A-1', sprint: 'S9' }, /unknown sprint 'S9'\. Known: S1, S2/],
      ['move_item', { id: 'A-1' }, /give exactly one of input\.sprint/],
      ['move_item', { id: 'A-1', rank: 0 }, /input\.rank must be >= 1/],
      ['move_item', { id: 'A-1', rank: 9 }, /input\.rank 9 is past the end/],
      ['rate_review', { sprint: 'S2', satisfaction: 7 }, /input\.satisfaction must be <= 5/],
      ['add_retro_action', { sprint: 'S2', text: ' ' }, /input\.text must not be empty/],
      ['get_item', { id: 'A-99' }, /unknown item id 'A-99'/],
      ['no_such_tool', {}, /unknown tool 'no_such_tool'/],
    ];
    for (const [tool, args, expected] of cases) {
      const a = await mcp.call(tool, args);
      assert.equal(a.isError, true, `${tool} ${JSON.stringify(args)}: ${a.text}`);
      assert.match(a.text, expected);
    }
    assert.deepEqual([repo.read(B), repo.read(S)], before);
    assert.deepEqual(mcp.errors, [], 'no transport errors: stdout carried only protocol');
  });

  it('a write to a file that does not parse is refused with file:line:col, and changes nothing', async () => {
    const broken = repo.read(B).replace('    title: Item A-3', '    title: [Item A-3');
    repo.write(B, broken);
    const sprints = repo.read(S);
    for (const [tool, args] of [['set_fields', { id: 'A-1', fields: { state: 'todo' } }], ['add_item', { title: 'x' }], ['add_retro_action', { sprint: 'S2', text: 'x' }]] as const) {
      const a = await mcp.call(tool, args);
      assert.equal(a.isError, true, a.text);
      assert.match(a.text, /backlog\/backlog\.yaml:\d+:\d+: .*fix it first/);
    }
    assert.equal(repo.read(B), broken);
    assert.equal(repo.read(S), sprints);
  });

  it('--read-only lists only the reading tools and refuses every write', async () => {
    const ro = await McpSession.start(bin, ['mcp', '--read-only'], repo.dir, env);
    try {
      const { tools } = await ro.client.listTools();
      assert.deepEqual(tools.map((t) => t.name), AGENT_TOOLS.filter((t) => !t.writes).map((t) => t.name));
      for (const t of AGENT_TOOLS.filter((x) => x.writes)) {
        const a = await ro.call(t.name, { id: 'A-1', fields: { state: 'todo' }, reason: 'x', sprint: 'S2', text: 'x', title: 'x' });
        assert.equal(a.isError, true);
        assert.match(a.text, /runs --read-only/);
      }
      assert.equal((await ro.call('sprint_status')).json.id, 'S2');
      assert.deepEqual(gitDiff(), []);
      assert.match(ro.stderr, /\(read-only\)/);
    } finally {
      await ro.close();
    }
  });
});
