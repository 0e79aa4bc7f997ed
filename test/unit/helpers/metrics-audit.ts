/**
 * Helpers for the metrics audit tests (test/unit/metrics-audit*.test.ts): a
 * backlog whose items are edited field by field and committed at explicit
 * author/committer times, and `sprintlog metrics --json` run through the CLI
 * main() with a fixed SPRINTLOG_NOW.
 */
import * as assert from 'node:assert/strict';
import { main } from '../../../src/cli/main';
import type { MetricsReport } from '../../../src/core/metrics';
import { backlogYaml, GitRepo } from './gitrepo';

export const BACKLOG = 'backlog/backlog.yaml';
export const SPRINTS = 'backlog/sprints.yaml';

export type Fields = Record<string, unknown>;

const repos: GitRepo[] = [];

/** A fresh repository (removed after the run) with this sprint log written (not committed). */
export function newRepo(sprintLog: string): GitRepo {
  const repo = GitRepo.create();
  repos.push(repo);
  repo.write(SPRINTS, sprintLog);
  return repo;
}

export function cleanupRepos(): void {
  for (const r of repos.splice(0)) r.cleanup();
}

/** A sprint log: `timezone`, optional extra top-level lines (holidays, ...) and flow-style sprint lines. */
export function sprintLog(timezone: string, sprints: string[], extra: string[] = []): string {
  return ['version: 1', `timezone: ${timezone}`, ...extra, 'sprints:', ...sprints.map((s) => `  - ${s}`), ''].join('\n');
}

/** The backlog as a list of items edited in place; `commit` writes the file and commits everything. */
export class Board {
  readonly items = new Map<string, Fields>();

  constructor(readonly repo: GitRepo, readonly extra: Fields = {}) {}

  /** Create or change an item; a field set to undefined is removed. New items get a title. */
  set(id: string, patch: Fields): this {
    const next: Fields = { ...(this.items.get(id) ?? { id, title: `Item ${id}` }), ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete next[k];
    this.items.set(id, next);
    return this;
  }

  del(id: string): this {
    this.items.delete(id);
    return this;
  }

  write(): void {
    this.repo.write(BACKLOG, backlogYaml([...this.items.values()], this.extra));
  }

  /** Write and commit with author time `at` (committer time `committedAt`, default `at`). */
  commit(at: string, committedAt?: string): string {
    this.write();
    return this.repo.commit(`backlog at ${at}`, { at, committedAt });
  }
}

/** `sprintlog metrics --repo DIR --json [...args]` through main() with SPRINTLOG_NOW = now. */
export async function metricsJson(dir: string, now: string, args: string[] = []): Promise<{ r: MetricsReport; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['metrics', '--repo', dir, '--json', ...args], {
    cwd: '/', out: (t) => (out += t), err: (t) => (err += t), env: { SPRINTLOG_NOW: now },
  });
  assert.equal(code, 0, err);
  return { r: JSON.parse(out) as MetricsReport, out, err };
}

export function find<T extends { id: string }>(list: readonly T[], id: string): T {
  const x = list.find((i) => i.id === id);
  assert.ok(x, `no ${id}`);
  return x;
}
