// validateWorkspace on real YAML texts: messages and hints, positions, ordering,
// decisions where the spec is silent, and behaviour on 20,000 items.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Problem, Workspace } from '../../src/core/model';
import { buildWorkspace } from '../../src/core/parse/workspace';
import { dateProblem, editDistance, isTimeZone, validateWorkspace } from '../../src/core/validate';
import { closest } from '../../src/core/validate/suggest';

const B = 'backlog/backlog.yaml';
const S = 'backlog/sprints.yaml';
const SPRINTS = 'version: 1\nsprints:\n  - id: S1\n    start: 2026-11-02\n    end: 2026-11-13\n';

/** `sprints` null: there is no sprint log. */
function ws(backlog: string, sprints: string | null = SPRINTS, archives: Record<string, string> = {}): Workspace {
  const files = [{ file: B, text: backlog }, ...Object.entries(archives).map(([name, text]) => ({ file: `backlog/archive/${name}`, text }))];
  return buildWorkspace('/repo', files, sprints === null ? undefined : { file: S, text: sprints });
}

function check(backlog: string, sprints?: string | null, archives?: Record<string, string>): Problem[] {
  return validateWorkspace(ws(backlog, sprints, archives));
}

const items = (...lines: string[]): string => ['version: 1', 'project: PAY', 'items:', ...lines, ''].join('\n');
/** The source text a problem points at. */
const at = (text: string, p: Problem): string => text.slice(p.offset, p.end);
const codes = (ps: Problem[]): string[] => ps.map((p) => p.code);

describe('validate: messages and hints', () => {
  it('unknown keys get "did you mean" at every level', () => {
    const backlog = [
      'version: 1', 'projcet: PAY', 'epics:', '  - id: PAY-E1', '    title: E', '    ownr: dana', 'items:',
      '  - id: PAY-1', '    title: A', '    asignee: bob', '    titel: B', '    dependsOn: [PAY-2]', '',
    ].join('\n');
    const sprints = [
      'version: 1', 'timezon: UTC', 'sprints:', '  - id: S1', '    start: 2026-11-02', '    end: 2026-11-13', '    goals: x',
      '    review: {satisfaction: 4, note: ok}', '    retro:', '      went_wel: [a]', '      actions:', '        - text: WIP limit', '          txt: 3', '',
    ].join('\n');
    const ps = check(backlog, sprints);
    assert.ok(ps.every((p) => p.code === 'unknown-key' && p.severity === 'warning'), JSON.stringify(ps));
    const hints = Object.fromEntries(ps.map((p) => [at(p.file === B ? backlog : sprints, p), p.hint]));
    assert.deepEqual(hints, {
      projcet: 'Did you mean `project`?',
      ownr: 'Did you mean `owner`?',
      asignee: 'Did you mean `assignee`?',
      titel: 'Did you mean `title`?',
      dependsOn: 'Did you mean `depends_on`?',
      timezon: 'Did you mean `timezone`?',
      goals: 'Did you mean `goal`?',
      note: 'Did you mean `notes`?',
      went_wel: 'Did you mean `went_well`?',
      txt: 'Did you mean `text`?',
    });
    const titel = ps.find((p) => p.hint === 'Did you mean `title`?');
    assert.match(titel?.message ?? '', /Unknown key `titel` in item PAY-1: Sprintlog keeps it but ignores it/);
  });

  it('an unknown key with nothing close lists the known keys', () => {
    const [p] = check(items('  - id: PAY-1', '    title: A', '    jira: PAY-77'));
    assert.equal(p.code, 'unknown-key');
    assert.match(p.hint ?? '', /^Known keys here: `id`, `title`, .*`description`\.$/);
  });

  it('did-you-mean for states, time zones and weekdays; ids only when the digits match', () => {
    const backlog = items('  - id: PAY-1', '    title: A', '    state: in-progres', '    sprint: s1', '  - id: PAY-2', '    title: B', '    sprint: S2');
    const sprints = 'timezone: Europe/Berln\nworking_days: [mon, tue, wendesday]\nsprints:\n  - id: S1\n    start: 2026-11-02\n    end: 2026-11-13\n';
    const ps = check(backlog, sprints);
    const hint = (code: string, token: string): string | undefined => ps.find((p) => p.code === code && at(p.file === B ? backlog : sprints, p) === token)?.hint;
    assert.match(hint('bad-state', 'in-progres') ?? '', /^Did you mean `in-progress`\?/);
    assert.equal(hint('unknown-sprint', 's1'), 'Did you mean `S1`?');
    // S2 is a different sprint, not a typo of S1.
    assert.match(hint('unknown-sprint', 'S2') ?? '', /^Add the sprint to backlog\/sprints\.yaml/);
    assert.equal(hint('bad-date', 'Europe/Berln'), 'Did you mean `Europe/Berlin`?');
    assert.equal(hint('bad-date', 'wendesday'), 'Did you mean `wed`?');
  });

  it('duplicate-id names the first occurrence across backlog files and proposes the next free id', () => {
    const main = items('  - id: PAY-1', '    title: A', '  - id: PAY-7', '    title: B');
    const archive = 'items:\n  - id: PAY-3\n    title: Old\n  - id: PAY-7\n    title: Copy\n';
    const [p, ...rest] = check(main, SPRINTS, { '2025.yaml': archive });
    assert.deepEqual(rest, []);
    assert.equal(p.code, 'duplicate-id');
    assert.equal(p.file, 'backlog/archive/2025.yaml');
    assert.equal(at(archive, p), 'PAY-7');
    assert.match(p.message, /already used at backlog\/backlog\.yaml:6/);
    assert.match(p.hint ?? '', /`PAY-8`/);
  });

  it('dependency cycles: named in order from the highest-ranked item, once per cycle, self-dependency included', () => {
    const text = items(
      '  - {id: A-1, title: a, depends_on: [A-2]}',
      '  - {id: A-2, title: b, depends_on: [A-3]}',
      '  - {id: A-3, title: c, depends_on: [A-1, A-4]}',
      '  - {id: A-4, title: d}',
      '  - {id: B-1, title: e, depends_on: B-1}',
      '  - {id: C-1, title: f, depends_on: [C-2]}',
      '  - {id: C-2, title: g, depends_on: [C-1, A-1]}',
    );
    const ps = check(text);
    assert.deepEqual(ps.map((p) => [p.code, p.line, at(text, p)]), [
      ['dependency-cycle', 4, 'A-2'],
      ['dependency-cycle', 8, 'B-1'],
      ['dependency-cycle', 9, 'C-2'],
    ]);
    assert.match(ps[0].message, /Dependency cycle: A-1 → A-2 → A-3 → A-1\./);
    assert.match(ps[1].message, /B-1 → B-1\./);
    assert.match(ps[2].message, /C-1 → C-2 → C-1\./);
  });

  it('one report per strongly connected group, mentioning the items beyond the named cycle', () => {
    const text = items(
      '  - {id: A-1, title: a, depends_on: [A-2, A-3]}',
      '  - {id: A-2, title: b, depends_on: [A-1]}',
      '  - {id: A-3, title: c, depends_on: [A-1]}',
    );
    const ps = check(text);
    assert.deepEqual(codes(ps), ['dependency-cycle']);
    assert.match(ps[0].message, /A-1 → A-2 → A-1\./);
    assert.match(ps[0].hint ?? '', /1 more item is caught in cycles with these/);
  });

  it('cycle reports match a brute-force search on random dependency graphs', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 9 }).chain((n) => fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 20 }))),
      ([n, edges]) => {
        const deps: number[][] = Array.from({ length: n }, () => []);
        for (const [a, b] of edges) if (!deps[a].includes(b)) deps[a].push(b);
        const text = items(...deps.map((d, i) => `  - {id: T-${i}, title: t, depends_on: [${d.map((x) => `T-${x}`).join(', ')}]}`));
        // reach[a][b]: b is reachable from a in one or more steps.
        const reach = deps.map((d) => deps.map((_, b) => d.includes(b)));
        for (let k = 0; k < n; k++) for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (reach[a][k] && reach[k][b]) reach[a][b] = true;
        const groups = new Set<string>();
        for (let a = 0; a < n; a++) {
          if (reach[a][a]) groups.add(deps.map((_, b) => b).filter((b) => reach[a][b] && reach[b][a]).join(','));
        }
        const ps = check(text).filter((p) => p.code === 'dependency-cycle');
        assert.equal(ps.length, groups.size);
        for (const p of ps) {
          const cycle = /Dependency cycle: (.*?)\. /.exec(p.message)?.[1].split(' → ').map((id) => Number(id.slice(2))) ?? [];
          assert.equal(cycle[0], cycle[cycle.length - 1]);
          for (let i = 0; i + 1 < cycle.length; i++) assert.ok(deps[cycle[i]].includes(cycle[i + 1]), p.message);
        }
      },
    ), { numRuns: 200 });
  });

  it('a state declared with a bad category is reported at the declaration only', () => {
    const text = ['states:', '  todo: todo', '  qa: doin', '  blocked: waiting', '  done: done', 'items:', '  - id: PAY-1', '    title: A', '    state: qa', ''].join('\n');
    const ps = check(text);
    assert.deepEqual(ps.map((p) => [p.code, at(text, p), p.hint]), [
      ['bad-state', 'doin', 'Did you mean `doing`?'],
      ['bad-state', 'waiting', 'Use todo for not started, doing for in progress, done for finished.'],
    ]);
    assert.match(ps[0].message, /State `qa` has category `doin`; a category must be todo, doing or done\./);
  });

  it('entries that are not mappings, and lists that are not lists', () => {
    const text = ['items:', '  - PAY-7', '  -', '  - id: PAY-1', '    title: A', 'epics: none', ''].join('\n');
    const ps = check(text);
    assert.deepEqual(ps.map((p) => [p.code, p.line]), [['missing-id', 2], ['missing-id', 3], ['yaml-syntax', 6]]);
    assert.equal(at(text, ps[0]), 'PAY-7');
    assert.match(ps[2].message, /`epics` must be a list/);
  });

  it('ids with spaces are not ids', () => {
    const text = items('  - id: PAY 1', '    title: A');
    const [p] = check(text);
    assert.equal(p.code, 'missing-id');
    assert.match(p.message, /`PAY 1` is not a valid id/);
    assert.match(p.hint ?? '', /`PAY-1`/);
  });
});

describe('validate: decisions where the spec is silent', () => {
  it('missing version is fine; a quoted or newer version is not', () => {
    assert.deepEqual(check('items:\n  - {id: PAY-1, title: A}\n'), []);
    const quoted = check('version: "1"\nitems: []\n');
    assert.deepEqual(codes(quoted), ['version-unsupported']);
    assert.match(quoted[0].hint ?? '', /without quotes/);
    const newer = check('version: 1\nitems: []\n', 'version: 3\nsprints: []\n');
    assert.deepEqual(newer.map((p) => [p.code, p.file, p.severity]), [['version-unsupported', S, 'error']]);
    assert.match(newer[0].hint ?? '', /newer Sprintlog/);
  });

  it('archive files: `states` is misplaced there, `epics` is allowed', () => {
    const archive = 'states:\n  todo: todo\nepics:\n  - {id: PAY-E9, title: Old epic}\nitems:\n  - {id: PAY-2, title: B, epic: PAY-E9}\n';
    const ps = check(items('  - id: PAY-1', '    title: A'), SPRINTS, { 'old.yaml': archive });
    assert.deepEqual(ps.map((p) => [p.code, p.file, p.line]), [['unknown-key', 'backlog/archive/old.yaml', 1]]);
    assert.match(ps[0].hint ?? '', /only counts in backlog\/backlog\.yaml/);
  });

  it('a file that does not parse suppresses references into it (no cascades)', () => {
    const main = items('  - id: PAY-1', '    title: A', '    depends_on: [PAY-2]', '    epic: PAY-E1', '    sprint: S1');
    const ps = check(main, 'sprints: [\n', { 'broken.yaml': 'items:\n  - id: PAY-2\n    title: [oops\n' });
    assert.ok(ps.length > 0 && ps.every((p) => p.code === 'yaml-syntax'), JSON.stringify(codes(ps)));
  });

  it('no sprint log at all: sprint references say so', () => {
    const [p] = check(items('  - id: PAY-1', '    title: A', '    sprint: S1'), null);
    assert.equal(p.code, 'unknown-sprint');
    assert.match(p.message, /there is no sprint log \(backlog\/sprints\.yaml\)/);
  });

  it('numeric fields other than points use bad-points; bad time zones and weekdays use bad-date', () => {
    const sprints = ['timezone: "+01:00"', 'working_days: [mon, xyz]', 'sprints:', '  - id: S1', '    start: 2026-11-02', '    end: 2026-11-13', '    capacity: "30"', '    review: {satisfaction: 0}', ''].join('\n');
    const ps = check(items('  - id: PAY-1', '    title: A', '    value: high'), sprints);
    assert.deepEqual(ps.map((p) => [p.code, p.file === B ? 'B' : 'S', at(p.file === B ? items('  - id: PAY-1', '    title: A', '    value: high') : sprints, p)]), [
      ['bad-points', 'B', 'high'],
      ['bad-date', 'S', '"+01:00"'],
      ['bad-date', 'S', 'xyz'],
      ['bad-points', 'S', '"30"'],
      ['bad-points', 'S', '0'],
    ]);
    assert.equal(ps[3].hint, 'Write `capacity: 30` without quotes.');
  });

  it('sprint days are plain days; item dates may be date-times with an offset', () => {
    const sprints = 'sprints:\n  - id: S1\n    start: 2026-11-02T09:00:00Z\n    end: 2026-11-13\n';
    const backlog = items('  - id: PAY-1', '    title: A', '    created: 2026-10-01T09:30:00+02:00', '    started: 2026-10-02T07:00Z', '    finished: 2028-02-29');
    const ps = check(backlog, sprints);
    assert.deepEqual(codes(ps), ['bad-date']);
    assert.match(ps[0].message, /must be a day \(YYYY-MM-DD\)/);
  });

  it('sprints: missing days, end before start, overlaps reported once per later sprint', () => {
    const sprints = [
      'sprints:',
      '  - {id: S1, start: 2026-11-02, end: 2026-11-13}',
      '  - {id: S2, start: 2026-11-10, end: 2026-11-20}',
      '  - {id: S3, start: 2026-11-12, end: 2026-11-12}',
      '  - {id: S4, start: 2026-12-10, end: 2026-12-01}',
      '  - {id: S5, start: 2026-12-14}',
      '',
    ].join('\n');
    const ps = check('items: []\n', sprints);
    assert.deepEqual(ps.map((p) => [p.code, p.line]), [['sprint-overlap', 3], ['sprint-overlap', 4], ['end-before-start', 5], ['bad-date', 6]]);
    assert.match(ps[0].message, /S2 \(2026-11-10 to 2026-11-20\) overlaps sprint S1 \(2026-11-02 to 2026-11-13\): 2026-11-10 to 2026-11-13/);
    assert.match(ps[1].message, /S3 .* overlaps sprint S2 .*: 2026-11-12 would be in both/);
    assert.match(ps[3].message, /Sprint S5 has no `end` day/);
  });
});

describe('validate: ordering and positions', () => {
  it('errors first, then by file, line and column; offsets cover the offending text', () => {
    const backlog = items('  - id: PAY-1', '    title: A', '    colour: red', '    points: -1', '  - id: PAY-2', '    title: B', '    state: nope');
    const sprints = 'sprints:\n  - id: S1\n    start: 2026-11-02\n    end: 2026-11-01\n    moood: 3\n';
    const ps = check(backlog, sprints);
    assert.deepEqual(ps.map((p) => `${p.severity} ${p.file}:${p.line}:${p.column} ${p.code}`), [
      `error ${B}:7:13 bad-points`,
      `error ${B}:10:12 bad-state`,
      `error ${S}:4:10 end-before-start`,
      `warning ${B}:6:5 unknown-key`,
      `warning ${S}:5:5 unknown-key`,
    ]);
    assert.deepEqual(ps.map((p) => at(p.file === B ? backlog : sprints, p)), ['-1', 'nope', '2026-11-01', 'colour', 'moood']);
  });
});

describe('validate: dates, zones and edit distance', () => {
  it('dateProblem accepts days and offset date-times, rejects the rest', () => {
    for (const ok of ['2026-11-16', '2024-02-29', '2000-02-29', '2026-11-16T09:30:00+01:00', '2026-11-16T09:30Z', '2026-11-16T23:59:59.123-0500']) {
      assert.equal(dateProblem(ok, false), undefined, ok);
    }
    for (const bad of ['2026-02-30', '2023-02-29', '1900-02-29', '2026-13-01', '2026-1-5', '16.11.2026', '2026-11-16T24:00Z', '2026-11-16T09:30', 'tomorrow', '']) {
      assert.notEqual(dateProblem(bad, false), undefined, bad);
    }
    assert.notEqual(dateProblem('2026-11-16T09:30Z', true), undefined);
  });

  it('isTimeZone follows Intl but rejects bare offsets', () => {
    assert.ok(isTimeZone('Europe/Berlin') && isTimeZone('UTC') && isTimeZone('America/Argentina/Buenos_Aires'));
    assert.ok(!isTimeZone('Europe/Berln') && !isTimeZone('+01:00') && !isTimeZone('Mars/Olympus'));
  });

  it('edit distance counts a transposition as one edit; closest ignores case and separators', () => {
    assert.equal(editDistance('titel', 'title'), 1);
    assert.equal(editDistance('asignee', 'assignee'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(closest('Depends-On', ['depends_on', 'description']), 'depends_on');
    assert.equal(closest('zzz', ['id', 'title']), undefined);
  });
});

describe('validate: 20,000 items', function () {
  // Parsing 20,000 items takes seconds on a busy machine; validation itself is what is timed.
  this.timeout(120000);

  /** A chain PAY-1 → PAY-2 → … → PAY-20000 → PAY-1, with two bad estimates. */
  function big(n: number, broken: Record<number, string>): string {
    const lines = ['version: 1', 'project: PAY', 'epics:', '  - {id: PAY-E1, title: E}', 'items:'];
    for (let i = 1; i <= n; i++) {
      lines.push(`  - id: PAY-${i}`, `    title: Item ${i}`, `    state: ${['todo', 'in-progress', 'review', 'done'][i % 4]}`, `    points: ${broken[i] ?? i % 8}`,
        '    sprint: S1', '    epic: PAY-E1', `    depends_on: [PAY-${i === n ? 1 : i + 1}]`, '    created: 2026-01-05');
    }
    return lines.join('\n') + '\n';
  }

  it('finds every problem with the right lines, names a 20,000-item cycle briefly, and stays fast', () => {
    const text = big(20000, { 7: 'seven', 19999: '-2' });
    const w = ws(text);
    assert.equal(w.items.length, 20000);
    const t = performance.now();
    const ps = validateWorkspace(w);
    const ms = performance.now() - t;
    // Item i starts on line 5 + (i - 1) * 8 + 1; `points` is its 4th line; `depends_on` its 7th.
    assert.deepEqual(ps.map((p) => [p.code, p.line, at(text, p)]), [
      ['dependency-cycle', 5 + 7, 'PAY-2'],
      ['bad-points', 5 + 6 * 8 + 4, 'seven'],
      ['bad-points', 5 + 19998 * 8 + 4, '-2'],
    ]);
    assert.match(ps[0].message, /^Dependency cycle: PAY-1 → PAY-2 → .* → PAY-10 → … \(19989 more\) … → PAY-20000 → PAY-1\./);
    // The budget is 200 ms (bench/validate.bench.ts measures it); this loose bound only catches
    // an accidental quadratic step, on a shared machine where timings vary a lot.
    assert.ok(ms < 3000, `validation took ${ms.toFixed(0)} ms`);
  });
});
