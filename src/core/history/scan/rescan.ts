// Chunking a new version of a file against an older one (its base) without
// rescanning what did not change. After the common prefix, the scan walks
// the base's chunks at the current offset shift: runs of chunks whose bytes are
// equal are confirmed with a few galloping memcmp calls and keep the base's
// entries; a chunk that differs is line-scanned up to the next item start, where
// the walk re-synchronises with the base chunk whose bytes follow there (an
// edited, inserted or deleted item). So a commit touching items far apart costs
// those items, not the region between them.

import { chunkRange, commonPrefix, Kind, lineEnd, lineKind, trailerOk, type Layout } from './chunks';

export interface Rescan {
  layout: Layout;
  /** For each chunk of the new layout: the index of the base chunk with the same bytes, or -1 (new text). */
  baseIndex: Int32Array;
}

const LF = 10;
/** How far ahead in the base a re-synchronisation looks (items deleted in one place). */
const RESYNC_WINDOW = 24;

/** Length of the equal run of a[ai..] and b[bi..], at most max (galloping memcmp, then narrowing). */
function equalRun(a: Buffer, ai: number, b: Buffer, bi: number, max: number): number {
  let n = 0;
  let step = 512;
  while (n < max) {
    const len = Math.min(step, max - n);
    if (a.compare(b, bi + n, bi + n + len, ai + n, ai + n + len) === 0) {
      n += len;
      step *= 2;
      continue;
    }
    let lo = n;
    let hi = n + len;
    while (hi - lo > 32) {
      const mid = (lo + hi) >> 1;
      if (a.compare(b, bi + lo, bi + mid, ai + lo, ai + mid) === 0) lo = mid;
      else hi = mid;
    }
    while (lo < hi && a[ai + lo] === b[bi + lo]) lo++;
    return lo;
  }
  return n;
}

/** Number of elements <= x in the sorted array. */
function countAtMost(arr: number[], x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Chunk `buf` knowing `base` and its layout. Undefined when the change touches
 * the header or the first item's first line, or anything the line scan cannot
 * vouch for (the caller then scans or parses the whole version).
 */
export function rescan(buf: Buffer, base: Buffer, bl: Layout): Rescan | undefined {
  const S = bl.starts;
  const n = S.length;
  if (n === 0) return undefined;
  const I = bl.indent;
  let p = commonPrefix(buf, base);
  p = p === 0 ? 0 : base.lastIndexOf(LF, p - 1) + 1;
  if (p <= S[0] || p > bl.seqEnd) return undefined;
  const starts: number[] = [];
  const map: number[] = [];
  const k = countAtMost(S, p - 1) - 1;
  for (let j = 0; j < k; j++) {
    starts.push(S[j]);
    map.push(j);
  }
  let bi = k; // base chunk hypothesised at new offset x
  let x = S[k];
  let d = 0; // new offset − base offset
  let seqEnd = -1;
  let sameTail = false;
  for (;;) {
    // 1. Confirm the run of base chunks from bi whose bytes (and the next chunk's first line) are equal at shift d.
    const max = Math.min(base.length - S[bi], buf.length - x);
    const run = equalRun(buf, x, base, S[bi], max);
    if (run === base.length - S[bi] && run === buf.length - x) {
      for (let j = bi; j < n; j++) {
        starts.push(S[j] + d);
        map.push(j);
      }
      seqEnd = bl.seqEnd + d;
      sameTail = true;
      break;
    }
    const confirmed = countAtMost(S, S[bi] + run - I - 3) - 1; // chunks bi..confirmed-1 have a confirmed successor
    for (let j = bi; j < confirmed; j++) {
      starts.push(S[j] + d);
      map.push(j);
    }
    if (confirmed > bi) {
      bi = confirmed;
      x = S[bi] + d;
    }
    // 2. The chunk at x differs. Before scanning a chunk, look for a later base chunk whose bytes
    //    start there (items deleted, or the chunks after an edited or inserted one).
    const segStart = bi;
    let slide = bi;
    let resynced = false;
    for (let first = true; !resynced && seqEnd < 0; first = false) {
      const near = first ? segStart + 1 : segStart;
      for (const [lo, hi] of [[near, near + RESYNC_WINDOW], [Math.max(slide, near + RESYNC_WINDOW), slide + RESYNC_WINDOW]]) {
        for (let j = lo; j < hi && j < n && !resynced; j++) {
          const [bs, be] = chunkRange(bl, j);
          if (x + be - bs <= buf.length && buf.compare(base, bs, be, x, x + be - bs) === 0) {
            bi = j;
            d = x - S[j];
            resynced = true;
          }
        }
      }
      if (resynced) break;
      starts.push(x);
      map.push(-1);
      slide++;
      let pos = lineEnd(buf, x) + 1;
      for (; pos < buf.length; pos = lineEnd(buf, pos) + 1) {
        const kind = lineKind(buf, pos, lineEnd(buf, pos), I);
        if (kind === Kind.Unsafe) return undefined;
        if (kind === Kind.Term) seqEnd = pos;
        if (kind === Kind.Item || kind === Kind.Term) break;
      }
      if (pos >= buf.length) seqEnd = buf.length;
      x = pos;
    }
    if (seqEnd >= 0) break;
  }
  if (!sameTail && !trailerOk(buf, seqEnd)) return undefined;
  return { layout: { indent: I, starts, seqEnd }, baseIndex: Int32Array.from(map) };
}
