// The exclusive lock Sprintlog writers hold from reading the backlog files to
// renaming the new ones into place, so two `sprintlog set`/`add` processes
// never plan on the same bytes (one edit lost, or the same new id twice).
//
// The lock is a file created with O_EXCL next to the main backlog file,
// holding the owner's pid, host and start time. A lock whose owner is gone
// (same host, pid not running) or that is older than STALE_MS is stale and is
// broken under a second O_EXCL "breaker" file, so two waiters can never both
// break it and then delete each other's fresh lock.

import { errCode } from '../errno';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EditError } from './types';

/** How long a writer waits for another one before giving up. */
const WAIT_MS = 15_000;
/** A lock this old is stale even when its pid is running (pids are reused; no write takes this long). */
const STALE_MS = 60_000;

/** The lock file could not be created (not "it is held"): `code` is the errno code, e.g. EACCES. */
export class LockError extends EditError {
  constructor(readonly lock: string, readonly code: string) {
    super(`cannot create the lock file ${lock} (${code}); nothing was written.`);
    this.name = 'LockError';
  }
}

interface Owner {
  pid: number;
  host: string;
  time: number;
}

/** The lock file of a backlog: `backlog/.backlog.yaml.lock` for `backlog/backlog.yaml`. */
export function lockPathFor(backlogFile: string): string {
  return path.join(path.dirname(backlogFile), `.${path.basename(backlogFile)}.lock`);
}

/** Run `fn` holding the lock file `lock` (created next to the backlog; its folder must exist). */
export function withLock<T>(lock: string, fn: () => T, waitMs = WAIT_MS): T {
  acquire(lock, waitMs);
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

function acquire(lock: string, waitMs: number): void {
  const deadline = Date.now() + waitMs;
  const me = JSON.stringify({ pid: process.pid, host: os.hostname(), time: Date.now() } satisfies Owner);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = fs.openSync(lock, 'wx', 0o644);
      try {
        fs.writeFileSync(fd, me);
      } finally {
        fs.closeSync(fd);
      }
      return;
    } catch (e) {
      if (errCode(e) !== 'EEXIST') throw new LockError(lock, errCode(e) ?? String(e));
    }
    const held = readOwner(lock);
    if (held !== 'gone' && isStale(held)) {
      breakStale(lock, held);
      continue;
    }
    if (Date.now() > deadline) {
      const who = held === 'gone' || held === undefined ? 'another process' : `process ${held.pid} on ${held.host} (since ${new Date(held.time).toISOString()})`;
      throw new EditError(`another Sprintlog write holds ${lock}: ${who}. Nothing was written; try again, or delete the lock file if no Sprintlog is running.`);
    }
    // Jitter so waiters do not retry in lock step.
    sleep(Math.min(5 + attempt * 2, 40) + Math.random() * 10);
  }
}

/** The lock's owner; undefined when the file is unreadable or half written; 'gone' when it was just released. */
function readOwner(lock: string): Owner | undefined | 'gone' {
  let text: string;
  try {
    text = fs.readFileSync(lock, 'utf8');
  } catch (e) {
    return errCode(e) === 'ENOENT' ? 'gone' : undefined;
  }
  try {
    const o = JSON.parse(text) as Partial<Owner>;
    if (typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.time === 'number') return o as Owner;
  } catch {
    // being written right now, or not ours
  }
  // Judge an unreadable lock by its age alone.
  try {
    return { pid: -1, host: '', time: fs.statSync(lock).mtimeMs };
  } catch {
    return 'gone';
  }
}

function isStale(o: Owner | undefined): boolean {
  if (!o) return false;
  if (Date.now() - o.time > STALE_MS) return true;
  return o.pid > 0 && o.host === os.hostname() && !isRunning(o.pid);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errCode(e) === 'EPERM';
  }
}

/** Delete a stale lock unless someone else is already doing so, and only if it is still the one judged stale. */
function breakStale(lock: string, judged: Owner | undefined): void {
  const breaker = `${lock}.break`;
  try {
    fs.closeSync(fs.openSync(breaker, 'wx'));
  } catch {
    // Someone else is breaking it; a breaker left by a crashed process is removed when old.
    try {
      if (Date.now() - fs.statSync(breaker).mtimeMs > 10_000) fs.rmSync(breaker, { force: true });
    } catch {
      // gone already
    }
    sleep(5);
    return;
  }
  try {
    const now = readOwner(lock);
    if (now !== 'gone' && now?.pid === judged?.pid && now?.time === judged?.time) fs.rmSync(lock, { force: true });
  } finally {
    fs.rmSync(breaker, { force: true });
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** The CLI's edit path is synchronous from read to rename; a blocking wait keeps it so. */
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
