// Property: the metrics of a random history are the same whether the history is read
// in one pass (no cache, fresh memory) or built up commit by commit with the cache
// enabled (one HistoryEngine.read per new commit), and again when reloaded from the disk cache.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { TestHistory } from './helpers/history';
import { computeMetrics } from '../../src/core/metrics';
import { loadWorkspace } from '../../src/core/parse/workspace';
import { backlogYaml, day, GitRepo } from './helpers/gitrepo';

const hist = new TestHistory();

const IDS = ['A', 'B', 'C', 'D'] as const;
const SPRINTS = ['S1', 'S2', undefined] as const;

type Op =
  | { kind: 'state'; id: string; value: string }
  | { kind: 'points'; id: string; value: number | undefined }
  | { kind: 'sprint'; id: string; value: string | undefined }
  | { kind: 'blocked'; id: string; value: boolean }
  | { kind: 'delete'; id: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('state' as const), id: fc.constantFrom(...IDS), value: fc.constantFrom('todo', 'in-progress', 'review', 'done') }),
  fc.record({ kind: fc.constant('points' as const), id: fc.constantFrom(...IDS), value: fc.constantFrom(1, 2, 3, 5, 8, undefined) }),
  fc.record({ kind: fc.constant('sprint' as const), id: fc.constantFrom(...IDS), value: fc.constantFrom(...SPRINTS) }),
  fc.record({ kind: fc.constant('blocked' as const), id: fc.constantFrom(...IDS), value: fc.boolean() }),
  fc.record({ kind: fc.constant('delete' as const), id: fc.constantFrom(...IDS) }),
);

/** A commit: its edits, its author day/hour (not monotonic: rebased-like orders), and a committer delay. */
const commitArb = fc.record({ ops: fc.array(op, { minLength: 1, maxLength: 4 }), day: fc.integer({ min: 0, max: 20 }), hour: fc.integer({ min: 0, max: 23 }), delay: fc.constantFrom(0, 0, 3) });

type Model = Map<string, Record<string, unknown>>;

function apply(model: Model, o: Op): void {
  if (o.kind === 'delete') {
    model.delete(o.id);
    return;
  }
  const it = model.get(o.id) ?? { id: o.id, title: `Item ${o.id}` };
  const key = o.kind === 'blocked' ? 'blocked' : o.kind;
  const value = o.kind === 'blocked' ? (o.value ? 'waiting' : undefined) : o.value;
  if (value === undefined) delete it[key];
  else it[key] = value;
  model.set(o.id, it);
}

describe('metrics: one pass = commit by commit with the cache (property)', function () {
  this.timeout(300000);
  const asOf = Date.parse(day(25));

  it('same JSON for random histories', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commitArb, { minLength: 1, maxLength: 6 }), async (commits) => {
        const repo = GitRepo.create();
        const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-metrics-cache-'));
        try {
          repo.write('backlog/sprints.yaml', 'version: 1\ntimezone: Europe/Berlin\nsprints:\n  - {id: S1, start: 2026-03-02, end: 2026-03-06}\n  - {id: S2, start: 2026-03-09, end: 2026-03-20}\n');
          const model: Model = new Map();
          hist.forget();
          let incremental;
          for (const c of commits) {
            for (const o of c.ops) apply(model, o);
            repo.write('backlog/backlog.yaml', backlogYaml(IDS.filter((id) => model.has(id)).map((id) => model.get(id)!)));
            repo.commit('step', { at: day(c.day, c.hour), committedAt: day(c.day + c.delay, c.hour), allowEmpty: true });
            incremental = await hist.read(repo.dir, { asOf, cacheDir });
          }
          hist.forget();
          const fromDisk = await hist.read(repo.dir, { asOf, cacheDir });
          hist.forget();
          const onePass = await hist.read(repo.dir, { asOf, cacheDir: false });
          const workspace = loadWorkspace(repo.dir);
          const json = (history: typeof onePass): string => JSON.stringify(computeMetrics({ workspace, history, asOf, ref: 'HEAD' }));
          const expected = json(onePass);
          assert.equal(onePass.status, 'full');
          assert.equal(json(incremental!), expected);
          assert.equal(json(fromDisk), expected);
        } finally {
          repo.cleanup();
          fs.rmSync(cacheDir, { recursive: true, force: true });
        }
      }),
      { numRuns: 15, seed: 20260302 },
    );
  });
});
