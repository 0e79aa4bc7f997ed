// Reading a file that must be a regular file. A FIFO (or a device) where the
// backlog file should be would block `readFileSync` forever, so the file is
// opened non-blocking and checked with fstat on the open descriptor before
// reading (no gap between the check and the read).

import * as fs from 'node:fs';

export type FileRead =
  | { kind: 'ok'; data: Buffer }
  | { kind: 'missing' }
  /** Exists but is not a regular file: `what` says what it is ("a FIFO (named pipe)"). */
  | { kind: 'special'; what: string }
  | { kind: 'error'; error: Error };

const KINDS: [(s: fs.Stats) => boolean, string][] = [
  [(s) => s.isFIFO(), 'a FIFO (named pipe)'],
  [(s) => s.isDirectory(), 'a folder'],
  [(s) => s.isCharacterDevice(), 'a character device'],
  [(s) => s.isBlockDevice(), 'a block device'],
  [(s) => s.isSocket(), 'a socket'],
];

export function readRegularFile(full: string): FileRead {
  let fd: number;
  try {
    fd = fs.openSync(full, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    // A socket cannot be opened at all; say what it is rather than "no such device".
    if (code === 'ENXIO' || code === 'EOPNOTSUPP') return { kind: 'special', what: 'a socket' };
    return { kind: 'error', error: e as Error };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { kind: 'special', what: KINDS.find(([test]) => test(stat))?.[1] ?? 'not a regular file' };
    return { kind: 'ok', data: fs.readFileSync(fd) };
  } catch (e) {
    return { kind: 'error', error: e as Error };
  } finally {
    fs.closeSync(fd);
  }
}
