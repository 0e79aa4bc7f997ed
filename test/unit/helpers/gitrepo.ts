/**
 * Real git repositories in temp folders, for tests of anything that reads git
 * history (history engine, metrics). Synchronous; every command runs with a
 * fixed identity, no global/system config, no signing.
 *
 *   const repo = GitRepo.create();                  // `git init` in a fresh mkdtemp folder, branch `main`
 *   repo.write('backlog/backlog.yaml', text);       // write a file (folders created); repo.read(path)
 *   repo.write('backlog/backlog.yaml', backlogYaml([{ id: 'A-1', title: 'x', state: 'todo' }]));
 *   const h = repo.commit('msg', { at: day(3, 10) });   // `git add -A` + commit; author date = `at`,
 *                                                   // committer date = `committedAt` ?? `at`. Returns the hash.
 *   repo.remove(path); repo.rename(from, to);       // delete / `git mv` (commit afterwards)
 *   repo.branch('feat'); repo.checkout('main');     // create+switch / switch
 *   const m = repo.merge('feat', { at: day(5) });   // `git merge --no-ff`; { hash } or { conflict: true }:
 *                                                   // then write the resolved file and repo.commit(...) concludes it
 *   repo.shallowClone(1)                            // `git clone --depth 1 file://...` → another GitRepo
 *   repo.git('log', '--oneline')                    // any git command, stdout
 *   repo.cleanup()                                  // remove the folder (also clones made from it)
 *
 * Dates: `at` / `committedAt` accept an ISO 8601 string with offset
 * ('2026-03-02T09:30:00+01:00'), a Date or epoch ms. `day(n, hour = 12)` is
 * the ISO time of day n after 2026-03-02 (a Monday), UTC.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';

export type GitDate = string | number | Date;

export interface CommitOptions {
  /** Author date (default: day 0). */
  at?: GitDate;
  /** Committer date (default: `at`). Different from `at` for rebased or cherry-picked commits. */
  committedAt?: GitDate;
  author?: string;
  /** Allow a commit with no changes. */
  allowEmpty?: boolean;
}

export const BASE_DAY = Date.UTC(2026, 2, 2); // Monday 2026-03-02

/** ISO instant of day `n` after BASE_DAY at `hour`:`minute` UTC. */
export function day(n: number, hour = 12, minute = 0): string {
  return new Date(BASE_DAY + n * 86_400_000 + hour * 3_600_000 + minute * 60_000).toISOString();
}

/** Epoch ms of a GitDate. */
export function ms(d: GitDate): number {
  return typeof d === 'number' ? d : typeof d === 'string' ? Date.parse(d) : d.getTime();
}

function gitDate(d: GitDate): string {
  if (typeof d === 'string') return d;
  return `${Math.floor(ms(d) / 1000)} +0000`;
}

/** A backlog file text (version 1) with these items, written by `yaml` in block style. */
export function backlogYaml(items: Record<string, unknown>[], extra: Record<string, unknown> = {}): string {
  return stringify({ version: 1, project: 'T', ...extra, items });
}

const ENV_DROP = /^GIT_/;

export class GitRepo {
  private readonly clones: GitRepo[] = [];

  private constructor(readonly dir: string) {}

  static create(): GitRepo {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-git-'));
    const repo = new GitRepo(dir);
    repo.git('init', '-q', '-b', 'main');
    return repo;
  }

  /** Environment for git: inherited minus GIT_*, isolated from the user's config. */
  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!ENV_DROP.test(k)) env[k] = v;
    return {
      ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull, GIT_AUTHOR_NAME: 'Test Author', GIT_AUTHOR_EMAIL: 'author@example.invalid',
      GIT_COMMITTER_NAME: 'Test Committer', GIT_COMMITTER_EMAIL: 'committer@example.invalid', ...extra,
    };
  }

  git(...args: string[]): string {
    return this.gitEnv({}, ...args);
  }

  gitEnv(env: Record<string, string>, ...args: string[]): string {
    return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', ...args], {
      cwd: this.dir, env: this.env(env), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024,
    });
  }

  write(file: string, text: string): void {
    const full = path.join(this.dir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }

  read(file: string): string {
    return fs.readFileSync(path.join(this.dir, file), 'utf8');
  }

  exists(file: string): boolean {
    return fs.existsSync(path.join(this.dir, file));
  }

  remove(file: string): void {
    fs.rmSync(path.join(this.dir, file), { force: true });
  }

  rename(from: string, to: string): void {
    fs.mkdirSync(path.dirname(path.join(this.dir, to)), { recursive: true });
    this.git('mv', from, to);
  }

  private dates(o: CommitOptions): Record<string, string> {
    const at = o.at ?? day(0);
    const env: Record<string, string> = { GIT_AUTHOR_DATE: gitDate(at), GIT_COMMITTER_DATE: gitDate(o.committedAt ?? at) };
    if (o.author) env.GIT_AUTHOR_NAME = o.author;
    return env;
  }

  /** Stage everything and commit (also concludes a merge after a conflict). Returns the new HEAD hash. */
  commit(message: string, o: CommitOptions = {}): string {
    this.git('add', '-A');
    this.gitEnv(this.dates(o), 'commit', '-q', '--no-verify', ...(o.allowEmpty ? ['--allow-empty'] : []), '-m', message);
    return this.head();
  }

  head(): string {
    return this.git('rev-parse', 'HEAD').trim();
  }

  /** Create a branch at HEAD (or `from`) and switch to it. */
  branch(name: string, from?: string): void {
    this.git('checkout', '-q', '-b', name, ...(from ? [from] : []));
  }

  checkout(ref: string): void {
    this.git('checkout', '-q', ref);
  }

  /** Merge `ref` into the current branch with a merge commit. On a conflict the merge is left in progress. */
  merge(ref: string, o: CommitOptions & { message?: string } = {}): { hash?: string; conflict: boolean } {
    try {
      this.gitEnv(this.dates(o), 'merge', '-q', '--no-ff', '--no-edit', '-m', o.message ?? `Merge ${ref}`, ref);
      return { hash: this.head(), conflict: false };
    } catch (e) {
      if (this.exists('.git/MERGE_HEAD')) return { conflict: true };
      throw e;
    }
  }

  /** `git clone --depth <depth> file://...` into a new temp folder. */
  shallowClone(depth = 1): GitRepo {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-shallow-'));
    execFileSync('git', ['clone', '-q', '--depth', String(depth), `file://${this.dir}`, dir], { env: this.env(), stdio: 'ignore' });
    const clone = new GitRepo(dir);
    this.clones.push(clone);
    return clone;
  }

  cleanup(): void {
    for (const c of this.clones) c.cleanup();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
