// The one door to git for every part of Sprintlog that reads or writes the
// user's repository: the history engine (src/core/history), the CLI and the
// extension (its git service and the history service's HEAD watch). Every git
// process starts here, with the same sanitised environment (gitEnv) and the
// same answer when git is missing (GitNotFoundError). Callers still check
// user-given values with git-args.ts and put `--end-of-options` before them.
// (The demo, src/core/demo/git.ts, writes a fresh repository with an
// environment that ignores every config on the machine: it has its own runner.)

import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';

/**
 * Ambient GIT_* variables (GIT_DIR from a hook, GIT_INDEX_FILE, ...) are
 * dropped, so git sees the repository of the folder it runs in. Non-interactive
 * (no credential prompt), no optional index locks taken behind the user's back,
 * and messages in English (they are matched, e.g. index.lock).
 */
export function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^git_/i.test(k)) env[k] = v;
  return { ...env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };
}

/** git could not be started at all (not installed / not on PATH). */
export class GitNotFoundError extends Error {
  constructor(cause: unknown) {
    super(`git was not found (${cause instanceof Error ? cause.message : String(cause)}). Install git to see history-based figures.`);
    this.name = 'GitNotFoundError';
  }
}

/**
 * A spawn failure as the caller should see it: ENOENT is a missing git only when
 * the folder exists (node reports a missing working folder with the same code).
 */
function startFailure(e: NodeJS.ErrnoException, cwd: string): Error {
  if (e.code !== 'ENOENT') return e;
  return fs.existsSync(cwd) ? new GitNotFoundError(e) : new Error(`${cwd} does not exist: git cannot run there.`, { cause: e });
}

/** A long-running git process whose output is streamed (cat-file --batch, log -z): stdin, stdout and stderr are pipes. */
export function spawnGit(cwd: string, args: string[]): ChildProcessWithoutNullStreams {
  return spawn('git', args, { cwd, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
}

/** How spawnGit's 'error' event should be reported (GitNotFoundError for a missing git). */
export function spawnError(e: NodeJS.ErrnoException, cwd: string): Error {
  return startFailure(e, cwd);
}

export interface GitRunOptions {
  signal?: AbortSignal;
  /** Added to gitEnv() (e.g. GIT_INDEX_FILE for a temporary index). */
  env?: NodeJS.ProcessEnv;
  /** Bytes of stdout or stderr beyond which git is killed and the call fails; default 256 MiB. */
  maxBuffer?: number;
  /** ms after which git is killed and the call fails; default none. */
  timeout?: number;
}

/** A finished git process: its exit code (0 = success) and outputs. */
export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run `git <args>` in `cwd` to completion. A non-zero exit is a result, not an
 * error: rejects only when git could not run or was stopped (GitNotFoundError,
 * a missing folder, the signal's AbortError, the buffer or time limit).
 */
export function runGit(cwd: string, args: string[], opts: GitRunOptions = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile('git', args, {
      cwd, env: opts.env ? { ...gitEnv(), ...opts.env } : gitEnv(), signal: opts.signal, timeout: opts.timeout,
      maxBuffer: opts.maxBuffer ?? 256 << 20, windowsHide: true,
    }, (err, stdout, stderr) => {
      if (!err) return resolve({ code: 0, stdout, stderr });
      if (typeof err.code === 'number' && !err.killed) return resolve({ code: err.code, stdout, stderr });
      reject(startFailure(err as NodeJS.ErrnoException, cwd));
    });
  });
}

/** git failed: its first line on stderr. */
export class GitCommandError extends Error {
  constructor(readonly stderr: string, readonly code: number) {
    super(stderr.trim() || `git exited with code ${code}`);
    this.name = 'GitCommandError';
  }
}

/**
 * The output of `git <args>`, read the way scripts read plumbing: a failing exit
 * with nothing on stderr still answers its output (`rev-parse -q --verify` of a
 * missing ref, `config` of an unset key, `symbolic-ref -q` on a detached HEAD);
 * a failure that says something rejects with a GitCommandError carrying it.
 */
export async function gitOutput(cwd: string, args: string[], opts: GitRunOptions = {}): Promise<string> {
  const r = await runGit(cwd, args, opts);
  if (r.code !== 0 && r.stderr.trim() !== '') throw new GitCommandError(r.stderr, r.code);
  return r.stdout;
}
