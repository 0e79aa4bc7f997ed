// Bytes of a backlog file → text, or the located problem of why they are not
// UTF-8 text. Without this, invalid UTF-8 was decoded with U+FFFD replacement
// (so `validate` said "no problems" while every edit refused because the bytes
// no longer matched), and UTF-16 was called "binary" because of its NUL bytes.

import { isUtf8 } from 'node:buffer';
import type { Problem } from '../model';

export type Decoded = { text: string; problem?: undefined } | { text: string; problem: Problem };

const HINT_SAVE_UTF8 = 'Save the file as UTF-8 (in VS Code: click the encoding in the status bar → Save with Encoding → UTF-8); nothing is written while it is not UTF-8.';

export function decodeSource(buf: Buffer, file: string): Decoded {
  const utf16 = utf16Kind(buf);
  if (utf16) {
    return {
      text: '',
      problem: at(file, 1, 1, 0, `The file is ${utf16}, not UTF-8: Sprintlog reads backlog files as UTF-8 only.`, `${HINT_SAVE_UTF8} Or: \`iconv -f UTF-16 -t UTF-8\`.`),
    };
  }
  const text = buf.toString('utf8');
  // NUL bytes that are not UTF-16: binary content, which the YAML reader reports at the first NUL.
  if (isUtf8(buf) || buf.includes(0)) return { text };
  const bad = firstInvalidUtf8(buf);
  const before = buf.toString('utf8', 0, bad);
  const nl = before.lastIndexOf('\n');
  const line = countLines(before);
  const column = before.length - nl;
  const byte = buf[bad];
  const latin = byte >= 0xa0 ? ` (\`${String.fromCharCode(byte)}\` in Latin-1: the file is probably Latin-1 or Windows-1252)` : '';
  return {
    text,
    problem: at(file, line, column, before.length,
      `The file is not valid UTF-8: byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} is not part of a valid UTF-8 character${latin}.`,
      `${HINT_SAVE_UTF8} Or: \`iconv -f WINDOWS-1252 -t UTF-8\`.`),
  };
}

function at(file: string, line: number, column: number, offset: number, message: string, hint: string): Problem {
  return { file, line, column, offset, end: offset + 1, severity: 'error', code: 'yaml-syntax', message, hint };
}

function countLines(s: string): number {
  let n = 1;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** "UTF-16 (little-endian, …)" when the bytes are UTF-16 or UTF-32 by their byte-order mark or by NULs in every other byte. */
function utf16Kind(b: Buffer): string | undefined {
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return 'UTF-32 (little-endian, with a byte-order mark)';
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return 'UTF-32 (big-endian, with a byte-order mark)';
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'UTF-16 (little-endian, with a byte-order mark)';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'UTF-16 (big-endian, with a byte-order mark)';
  // Without a mark: YAML text starts with ASCII, so UTF-16 has a NUL in every other of its first bytes.
  const n = Math.min(b.length & ~1, 64);
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0 && b[i + 1] !== 0) even++;
    if (b[i + 1] === 0 && b[i] !== 0) odd++;
  }
  if (odd === n / 2) return 'UTF-16 (little-endian, without a byte-order mark)';
  if (even === n / 2) return 'UTF-16 (big-endian, without a byte-order mark)';
  return undefined;
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629: no overlongs, surrogates or code points past U+10FFFF). */
export function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) len = 2;
    else if (c >= 0xe0 && c <= 0xef) {
      len = 3;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      len = 4;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k < len; k++) {
      const d = b[i + k];
      if (d === undefined) return i;
      if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return i;
    }
    i += len;
  }
  return b.length;
}
