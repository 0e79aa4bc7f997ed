// The history engine's git outputs that must be streamed, on processes from
// the one runner (core/git-run.ts): `git cat-file --batch[-check]` (pipelined
// object reads, one process for thousands of objects) and record streams such
// as `git log -z`. A buffered call would hold a 5,000-commit listing as one
// string and cannot talk to a long-lived cat-file process.
// Every process here is killed when the caller's AbortSignal fires.

import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawnError, spawnGit } from '../../git-run';

/** The error every cancelled operation rejects with (name `AbortError`, like fetch's). */
export function abortError(): Error {
  const e = new Error('History analysis was cancelled.');
  e.name = 'AbortError';
  return e;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

function failure(args: string[], code: number | null, stderr: string): Error {
  const msg = stderr.trim().split('\n')[0] || `exit code ${code}`;
  return new Error(`git ${args[0]} failed: ${msg}`);
}

/**
 * Run git and hand each NUL- (or other byte-) separated record of its stdout to
 * `onRecord` as it arrives. Resolves when git exits successfully.
 */
export function streamRecords(cwd: string, args: string[], onRecord: (record: string) => void, signal?: AbortSignal, separator = 0): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const proc = spawnGit(cwd, args);
    proc.stdin.end();
    let rest: Buffer[] = [];
    let stderr = '';
    let settled = false;
    const done = (err?: Error): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    const onAbort = (): void => {
      proc.kill();
      done(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    proc.stdout.on('data', (chunk: Buffer) => {
      let pos = 0;
      try {
        for (let sep = chunk.indexOf(separator, pos); sep !== -1; sep = chunk.indexOf(separator, pos)) {
          const piece = chunk.subarray(pos, sep);
          const whole = rest.length > 0 ? Buffer.concat([...rest, piece]) : piece;
          rest = [];
          pos = sep + 1;
          onRecord(whole.toString('utf8'));
        }
      } catch (e) {
        proc.kill();
        done(e as Error);
        return;
      }
      if (pos < chunk.length) rest.push(chunk.subarray(pos));
    });
    proc.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString('utf8');
    });
    proc.on('error', (e: NodeJS.ErrnoException) => done(spawnError(e, cwd)));
    proc.on('close', (code) => {
      if (code !== 0) return done(failure(args, code, stderr));
      try {
        if (rest.length > 0) onRecord(Buffer.concat(rest).toString('utf8'));
      } catch (e) {
        return done(e as Error);
      }
      done();
    });
  });
}

/** One object as reported by cat-file; `data` only in `--batch` mode. */
export interface CatObject {
  oid: string;
  type: string;
  size: number;
  data?: Buffer;
}

interface Pending {
  resolve: (o: CatObject | undefined) => void;
  reject: (e: Error) => void;
}

/**
 * A long-lived `git cat-file --batch` (contents) or `--batch-check` (oid, type,
 * size) process. Requests are written at once and answered in order, so many
 * can be in flight: git reads ahead while we process earlier answers.
 */
export class CatFile {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly queue: Pending[] = [];
  private head: Buffer[] = [];
  private body: { obj: CatObject; data: Buffer; filled: number; pending: Pending } | undefined;
  private skipNewline = false;
  private error: Error | undefined;
  private closed = false;
  private stderr = '';
  private readonly args: string[];
  private readonly onAbort = (): void => this.fail(abortError());
  /** Objects and bytes delivered, for stats. */
  objects = 0;
  bytes = 0;

  constructor(cwd: string, private readonly withContents: boolean, private readonly signal?: AbortSignal) {
    this.args = ['cat-file', withContents ? '--batch' : '--batch-check'];
    this.proc = spawnGit(cwd, this.args);
    this.proc.stdin.on('error', () => undefined); // EPIPE after git died: reported through 'close'
    this.proc.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.proc.stderr.on('data', (d: Buffer) => {
      if (this.stderr.length < 4000) this.stderr += d.toString('utf8');
    });
    this.proc.on('error', (e: NodeJS.ErrnoException) => this.fail(spawnError(e, cwd)));
    this.proc.on('close', (code) => this.onExit(code));
    signal?.addEventListener('abort', this.onAbort, { once: true });
    if (signal?.aborted) this.fail(abortError());
  }

  /** `spec` is anything cat-file accepts: an oid, `<commit>:<path>`, ... Undefined when missing. */
  get(spec: string): Promise<CatObject | undefined> {
    if (this.error) return Promise.reject(this.error);
    if (this.closed) return Promise.reject(new Error('cat-file already closed'));
    if (spec.includes('\n')) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject });
      this.proc.stdin.write(spec + '\n');
    });
  }

  /** Ends the process once pending requests are answered. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.signal?.removeEventListener('abort', this.onAbort);
    this.proc.stdin.end();
  }

  private onExit(code: number | null): void {
    this.signal?.removeEventListener('abort', this.onAbort);
    if (this.queue.length > 0 || this.body) this.fail(failure(this.args, code, this.stderr || 'exited early'));
  }

  private fail(e: Error): void {
    if (!this.error) this.error = e;
    this.proc.kill();
    this.signal?.removeEventListener('abort', this.onAbort);
    const pending = [...(this.body ? [this.body.pending] : []), ...this.queue.splice(0)];
    this.body = undefined;
    for (const p of pending) p.reject(e);
  }

  private onData(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length) {
      if (this.body) {
        const b = this.body;
        const n = Math.min(b.data.length - b.filled, chunk.length - pos);
        chunk.copy(b.data, b.filled, pos, pos + n);
        b.filled += n;
        pos += n;
        if (b.filled === b.data.length) {
          this.body = undefined;
          this.skipNewline = true;
          this.objects++;
          this.bytes += b.data.length;
          b.obj.data = b.data;
          b.pending.resolve(b.obj);
        }
        continue;
      }
      if (this.skipNewline) {
        this.skipNewline = false;
        pos++;
        continue;
      }
      const nl = chunk.indexOf(10, pos);
      if (nl === -1) {
        this.head.push(chunk.subarray(pos));
        return;
      }
      const piece = chunk.subarray(pos, nl);
      const line = (this.head.length > 0 ? Buffer.concat([...this.head, piece]) : piece).toString('utf8');
      this.head = [];
      pos = nl + 1;
      this.onHeader(line);
    }
  }

  private onHeader(line: string): void {
    const pending = this.queue.shift();
    if (!pending) return;
    const m = /^([0-9a-f]{40,64}) (\S+) (\d+)$/.exec(line);
    if (!m) {
      // `<spec> missing`, `<spec> ambiguous`, ...: nothing follows the header line.
      pending.resolve(undefined);
      return;
    }
    const obj: CatObject = { oid: m[1], type: m[2], size: Number(m[3]) };
    if (!this.withContents) {
      pending.resolve(obj);
      return;
    }
    if (obj.size === 0) {
      this.skipNewline = true;
      obj.data = Buffer.alloc(0);
      this.objects++;
      pending.resolve(obj);
      return;
    }
    this.body = { obj, data: Buffer.allocUnsafe(obj.size), filled: 0, pending };
  }
}
