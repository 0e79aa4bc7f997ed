// The on-disk mirror of an EngineState (a DiskCache per state, held next to it
// by the engine: the state never refers to it), under <git-dir>/sprintlog-cache/, per
// analysed root and backlog path, in two files:
//   history-<key>.jsonl     line 1 meta (format, version, paths, main-file names), then one line per
//                           analysed commit (rows.ts); new commits are appended, so a new commit
//                           writes one line
//   history-<key>.tip.json  the heads analysed last, the last head's order and file versions, its
//                           blobs' bytes in a binary tail (tip.ts); rewritten atomically (temp
//                           file + rename)
// Never trusted: anything unreadable, of another version or malformed in any
// part makes the whole cache ignored and rebuilt, except the last head's order
// and versions, which a checksum (and kept bytes, their blob id) vouches for:
// when it does not match they alone are ignored (computed, or read from git,
// again). A file changed behind our back (another process) is rewritten rather
// than appended to.
// Loading is what a fresh process (a CLI run) pays before anything else: the
// rows are parsed with one JSON.parse and their event lists used as they are,
// the order is not recomputed, versions are decoded only when used (see the
// measurements in bench/history.bench.ts).

import { isAscii } from 'node:buffer';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../../atomic-write';
import { bad, commitRow, decodeRows, isArr, isHash, isStr, restoreOrder, RowNames } from './rows';
import { readTipRest, StoredVersions, tipFile, tipParts } from './tip';
import type { KeptVersions } from '../engine/run-ctx';
import type { CommitRec, EngineState } from '../engine/state';

const FORMAT = 'sprintlog-history';
const VERSION = 6; // 6: events measured against the ancestors' events (spec §1 of 2026-12-04)

/** The two files of one cache: commit rows and tip. */
export function cacheFiles(dir: string, prefix: string, backlogPath: string): { rows: string; tip: string } {
  const key = crypto.createHash('sha1').update(`${prefix}\0${backlogPath}`).digest('hex').slice(0, 16);
  return { rows: path.join(dir, `history-${key}.jsonl`), tip: path.join(dir, `history-${key}.tip.json`) };
}
export type CacheFiles = ReturnType<typeof cacheFiles>;

interface Meta {
  format: string;
  version: number;
  prefix: string;
  backlogPath: string;
  names: string[];
}

/** What this process last wrote or read: appending is safe only while the rows file is still exactly that. */
interface DiskMark {
  file: string;
  /** state.resets when the rows were written or read: a reset makes every row stale (rewrite them). */
  resets: number;
  size: number;
  mtimeMs: number;
  names: string;
  /** Row number (after the meta line) of each commit written, and how many rows there are. */
  rows: Map<string, number>;
  count: number;
  /** The names the rows introduced (rows refer to item ids and field names by number). */
  dict: RowNames;
  /** How many leading commits of the state (in insertion order) are written: a save looks at the others only. */
  prefix: number;
  /** Row numbers of the order last written (or read), for the order's epoch: an order only extended since maps its new commits only. */
  order?: { epoch: object; rows: number[] };
}

function complete(rec: CommitRec): boolean {
  return rec.files !== undefined && rec.events !== undefined && rec.touches !== undefined;
}

/** The first parent when it is written too (complete): a row's files may then be given relative to its. */
function writtenParent(rec: CommitRec, state: EngineState): CommitRec | undefined {
  const parent = rec.parents.length > 0 ? state.commits.get(rec.parents[0]) : undefined;
  return parent && complete(parent) ? parent : undefined;
}

/** The cache files' contents as read at one moment, with the rows file's size and time then. */
export interface CacheTexts {
  files: CacheFiles;
  stat: fs.Stats;
  tip: Buffer;
  rows: string;
}

/** Read the cache files (undefined when they cannot be read). */
export function readCacheFiles(files: CacheFiles): CacheTexts | undefined {
  try {
    const stat = fs.statSync(files.rows);
    const rows = fs.readFileSync(files.rows);
    // Rows are mostly ASCII (hashes, numbers, names); decoding those as latin1 is a plain copy, a third faster than utf8.
    return { files, stat, tip: fs.readFileSync(files.tip), rows: rows.toString(isAscii(rows) ? 'latin1' : 'utf8') };
  } catch {
    return undefined;
  }
}

/**
 * The disk cache read while git answers the probe (idle time otherwise), from
 * where it most likely is: `root` is the repository's top, with a `.git`
 * folder (the caller holds no state for it yet). DiskCache.load uses the texts
 * only when the probe confirms the guess.
 */
export function earlyCacheTexts(root: string, cacheDir: string | false | undefined, backlogPath: string, known: (gitDir: string) => boolean): CacheTexts | undefined {
  if (cacheDir === false) return undefined;
  let gitDir: string;
  try {
    gitDir = fs.realpathSync.native(path.resolve(root, '.git'));
    if (!fs.statSync(gitDir).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  if (known(gitDir)) return undefined;
  return readCacheFiles(cacheFiles(cacheDir ?? path.join(gitDir, 'sprintlog-cache'), '', backlogPath));
}

/** The disk cache of one EngineState: the files' state as this process last wrote or read them, the versions kept in them. */
export class DiskCache {
  private mark?: DiskMark;
  /** state.changes at the last save or load: a save is due when it moved. */
  private saved = 0;
  private readonly stored = new StoredVersions();
  /** state.resets when `stored` was filled. */
  private storedResets = 0;
  /** The tip file's versions, for the engine's calls (RunCtx); none once the state was reset. */
  readonly kept: KeptVersions = { has: (oid) => this.versions().has(oid), get: (oid) => this.versions().get(oid) };

  constructor(private readonly state: EngineState) {}

  /** Something changed since the last save (or load). */
  get due(): boolean {
    return this.state.changes !== this.saved;
  }

  private versions(): StoredVersions {
    if (this.storedResets !== this.state.resets) {
      this.stored.clear();
      this.storedResets = this.state.resets;
    }
    return this.stored;
  }

  /** The order of `head` as row numbers, when it is known and every commit in it is written. */
  private orderRows(head: string | undefined): number[] | undefined {
    const o = this.state.order;
    const mark = this.mark;
    if (!o || !mark || o.head !== head) return undefined;
    const known = mark.order?.epoch === o.epoch && mark.order.rows.length <= o.list.length ? mark.order.rows : [];
    const out = known.slice();
    for (let k = known.length; k < o.list.length; k++) {
      const i = mark.rows.get(o.list[k].hash);
      if (i === undefined) return undefined;
      out.push(i);
    }
    mark.order = { epoch: o.epoch, rows: out };
    return out;
  }

  /** Write what changed since the last save. Failures are ignored: the cache is an optimisation. */
  save(files: CacheFiles): void {
    const state = this.state;
    try {
      fs.mkdirSync(path.dirname(files.rows), { recursive: true });
      const names = JSON.stringify(state.names);
      const mark = this.mark?.resets === state.resets ? this.mark : undefined;
      let stat: fs.Stats | undefined;
      try {
        stat = fs.statSync(files.rows);
      } catch {
        stat = undefined;
      }
      const appendable = mark && stat && mark.file === files.rows && mark.names === names && stat.size === mark.size && stat.mtimeMs === mark.mtimeMs;
      if (appendable) {
        const add: string[] = [];
        let k = 0;
        for (const rec of state.commits.values()) {
          if (++k <= mark.prefix) continue;
          if (!complete(rec)) continue;
          if (!mark.rows.has(rec.hash)) {
            add.push(commitRow(rec, writtenParent(rec, state), mark.dict));
            mark.rows.set(rec.hash, mark.count++);
          }
          if (mark.prefix === k - 1) mark.prefix = k;
        }
        if (add.length > 0) fs.appendFileSync(files.rows, `${add.join('\n')}\n`);
      } else {
        const rows: string[] = [];
        const written = new Map<string, number>();
        const rowNames = new RowNames();
        let k = 0;
        let prefix = 0;
        for (const rec of state.commits.values()) {
          k++;
          if (!complete(rec)) continue;
          rows.push(commitRow(rec, writtenParent(rec, state), rowNames));
          written.set(rec.hash, written.size);
          if (prefix === k - 1) prefix = k;
        }
        const meta: Meta = { format: FORMAT, version: VERSION, prefix: state.prefix, backlogPath: state.backlogPath, names: state.names };
        writeFileAtomic(files.rows, `${JSON.stringify(meta)}\n${rows.map((r) => `${r}\n`).join('')}`);
        this.mark = { file: files.rows, resets: state.resets, size: 0, mtimeMs: 0, names, rows: written, count: rows.length, dict: rowNames, prefix };
      }
      const after = fs.statSync(files.rows);
      this.mark!.size = after.size;
      this.mark!.mtimeMs = after.mtimeMs;

      const tips = state.tips.filter((t) => state.commits.get(t)?.events !== undefined);
      writeFileAtomic(files.tip, tipFile(FORMAT, VERSION, tips, this.orderRows(tips[0]), state.tip?.snapshot));
      this.saved = state.changes;
    } catch {
      this.mark = undefined; // read-only git dir, disk full, ...: the next run recomputes (and rewrites)
    }
  }

  /**
   * Read the cache into the state (which must be fresh). False, with the state
   * untouched, when there is no usable cache. `onTips` hears the cached heads and
   * the main file's names as soon as they are read, before the rows are parsed: a
   * caller whose head is new can have git start up and look up its objects meanwhile.
   * `read` is the files' contents when the caller has read them already.
   */
  load(files: CacheFiles, onTips?: (tips: string[], names: string[]) => void, read?: CacheTexts): boolean {
    const state = this.state;
    try {
      const texts = read && read.files.rows === files.rows && read.files.tip === files.tip ? read : readCacheFiles(files);
      if (!texts) return false;
      const { stat, rows: text } = texts;
      const tip = tipParts(texts.tip);
      const tips = tip.meta.tips;
      if (tip.meta.format !== FORMAT || tip.meta.version !== VERSION) return false;
      if (!isArr(tips) || !tips.every(isHash)) bad();
      if (!text.endsWith('\n')) bad(); // cut short
      const nl = text.indexOf('\n');
      const meta = JSON.parse(text.slice(0, nl)) as Meta;
      if (typeof meta !== 'object' || meta === null || meta.format !== FORMAT || meta.version !== VERSION) return false;
      if (meta.prefix !== state.prefix || meta.backlogPath !== state.backlogPath) return false;
      if (!isArr(meta.names) || !meta.names.every(isStr) || meta.names[0] !== state.backlogPath) bad();
      onTips?.(tips, meta.names);
      // One JSON.parse for all rows (a raw newline only ever separates rows: JSON escapes it in strings).
      const body = text.slice(nl + 1, -1);
      const decoded = decodeRows(body === '' ? [] : (JSON.parse(`[${body.replaceAll('\n', ',')}]`) as unknown[]));
      const { commits } = decoded;
      // Every tip's ancestry must be complete, or listing "new" commits would miss some.
      const seen = new Set<string>();
      let ancestors = 0;
      for (let t = 0; t < tips.length; t++) {
        const stack = [tips[t]];
        while (stack.length > 0) {
          const h = stack.pop()!;
          if (seen.has(h)) continue;
          seen.add(h);
          const rec = commits.get(h);
          if (!rec) bad();
          for (const p of rec.parents) if (!seen.has(p)) stack.push(p);
        }
        if (t === 0) ancestors = seen.size;
      }
      const rest = readTipRest(tip, this.versions());
      const list = rest && tips.length > 0 ? restoreOrder(decoded, rest.order, tips[0], ancestors) : undefined;
      const epoch = {};
      if (list) state.order = { head: tips[0], list, set: seen.size === list.length ? seen : new Set(list.map((r) => r.hash)), epoch };
      state.names = meta.names;
      state.tips = tips;
      state.commits = commits;
      this.saved = state.changes;
      this.mark = {
        file: files.rows, resets: state.resets, size: stat.size, mtimeMs: stat.mtimeMs, names: JSON.stringify(meta.names), rows: decoded.index,
        count: decoded.rows.length, dict: decoded.names, prefix: commits.size, order: list ? { epoch, rows: rest!.order as number[] } : undefined,
      };
      return true;
    } catch {
      this.stored.clear();
      return false;
    }
  }
}
