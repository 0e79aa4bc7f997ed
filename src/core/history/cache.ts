// The on-disk mirror of an EngineState, under <git-dir>/sprintlog-cache/, per
// analysed root and backlog path, in two files:
//   history-<key>.jsonl     line 1 meta (format, version, paths, main-file names), then one line per
//                           analysed commit; new commits are appended, so a new commit writes one line
//   history-<key>.tip.json  line 1 the heads analysed last, line 2 the last head's file versions
//                           (chunk layout + parsed entries), rewritten atomically (temp file + rename)
// Never trusted: anything unreadable, of another version or malformed in any
// part makes the whole cache ignored and rebuilt; stored layouts are checked
// against the blob before use. A file changed behind our back (another
// process) is rewritten rather than appended to.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Layout } from './chunks';
import type { Entry, FileVersion } from './items';
import { sameFiles, type FileRef, type RawEvent } from './snapshot';
import type { CommitRec, EngineState } from './state';
import { decodeValue, encodeValue } from './values';

const FORMAT = 'sprintlog-history';
const VERSION = 4;

/** The two files of one cache: commit rows and tip. */
export function cacheFiles(dir: string, prefix: string, backlogPath: string): { rows: string; tip: string } {
  const key = crypto.createHash('sha1').update(`${prefix}\0${backlogPath}`).digest('hex').slice(0, 16);
  return { rows: path.join(dir, `history-${key}.jsonl`), tip: path.join(dir, `history-${key}.tip.json`) };
}
export type CacheFiles = ReturnType<typeof cacheFiles>;

type Json = unknown;
type FileRow = [string, string, string, number];
/** files: the commit's backlog files, or 0 = the same as its first parent's. */
type CommitRow = [string, string[], number, number, string, string, FileRow[] | 0, number, Json[], string[]];

interface Meta {
  format: string;
  version: number;
  prefix: string;
  backlogPath: string;
  names: string[];
}

/** What this process last wrote or read: appending is safe only while the rows file is still exactly that. */
export interface DiskMark {
  file: string;
  size: number;
  mtimeMs: number;
  names: string;
  rows: Set<string>;
}

// A complete commit's row (until its analysis is redone) and an entry's JSON never change: serialised once per process.
const rowText = new WeakMap<CommitRec, { events: RawEvent[]; files: FileRef[]; text: string }>();
const entryText = new WeakMap<Entry, string>();

function commitRow(rec: CommitRec, state: EngineState): string {
  const known = rowText.get(rec);
  if (known && known.events === rec.events && known.files === rec.files) return known.text;
  const parent = rec.parents.length > 0 ? state.commits.get(rec.parents[0]) : undefined;
  const same = parent?.files && parent.events !== undefined && sameFiles(rec.files!, parent.files);
  const files: CommitRow[6] = same ? 0 : rec.files!.map((f): FileRow => [f.role, f.path, f.oid, f.size]);
  const events = rec.events!.map((e) => (e.value === undefined ? [e.id, e.field] : [e.id, e.field, encodeValue(e.value)]));
  const row: CommitRow = [rec.hash, rec.parents, rec.authorTime, rec.committerTime, rec.author, rec.subject, files, rec.touches ? 1 : 0, events, rec.warnings ?? []];
  const text = JSON.stringify(row);
  rowText.set(rec, { events: rec.events!, files: rec.files!, text });
  return text;
}

function entryJson(e: Entry): string {
  let text = entryText.get(e);
  if (text === undefined) {
    text = JSON.stringify([e.id ?? null, encodeValue(e.fields)]);
    entryText.set(e, text);
  }
  return text;
}

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

function complete(rec: CommitRec): boolean {
  return rec.files !== undefined && rec.events !== undefined && rec.touches !== undefined;
}

/** Write what changed since the last save. Failures are ignored: the cache is an optimisation. */
export function saveCache(files: CacheFiles, state: EngineState): void {
  try {
    fs.mkdirSync(path.dirname(files.rows), { recursive: true });
    const names = JSON.stringify(state.names);
    const mark = state.disk;
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(files.rows);
    } catch {
      stat = undefined;
    }
    const appendable = mark && stat && mark.file === files.rows && mark.names === names && stat.size === mark.size && stat.mtimeMs === mark.mtimeMs;
    if (appendable) {
      const add: string[] = [];
      for (const rec of state.commits.values()) {
        if (!complete(rec) || mark.rows.has(rec.hash)) continue;
        add.push(commitRow(rec, state));
        mark.rows.add(rec.hash);
      }
      if (add.length > 0) fs.appendFileSync(files.rows, `${add.join('\n')}\n`);
    } else {
      const rows: string[] = [];
      const written = new Set<string>();
      for (const rec of state.commits.values()) {
        if (!complete(rec)) continue;
        rows.push(commitRow(rec, state));
        written.add(rec.hash);
      }
      const meta: Meta = { format: FORMAT, version: VERSION, prefix: state.prefix, backlogPath: state.backlogPath, names: state.names };
      writeAtomic(files.rows, `${JSON.stringify(meta)}\n${rows.map((r) => `${r}\n`).join('')}`);
      state.disk = { file: files.rows, size: 0, mtimeMs: 0, names, rows: written };
    }
    const after = fs.statSync(files.rows);
    state.disk!.size = after.size;
    state.disk!.mtimeMs = after.mtimeMs;

    const versions: string[] = [];
    const seen = new Set<string>();
    for (const f of state.tip?.snapshot.files ?? []) {
      const v = f.version;
      if (v.kind === 'broken' || v.oid === '' || seen.has(v.oid)) continue;
      seen.add(v.oid);
      const layout = v.kind === 'chunks' ? v.layout : undefined;
      const head = JSON.stringify([v.oid, layout ? 'chunks' : 'parsed', layout?.indent ?? 0, layout?.starts ?? [], layout?.seqEnd ?? 0]);
      versions.push(`${head.slice(0, -1)},[${v.entries.map(entryJson).join(',')}]]`);
    }
    const tips = state.tips.filter((t) => state.commits.get(t)?.events !== undefined);
    writeAtomic(files.tip, `${JSON.stringify({ format: FORMAT, version: VERSION, tips })}\n[${versions.join(',')}]\n`);
    state.dirty = false;
  } catch {
    state.disk = undefined; // read-only git dir, disk full, ...: the next run recomputes (and rewrites)
  }
}

const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isHash = (v: unknown): v is string => isStr(v) && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(v);
const isArr = Array.isArray;

function bad(): never {
  throw new Error('malformed cache');
}

function fileSet(rows: unknown): FileRef[] {
  if (!isArr(rows)) bad();
  return rows.map((r): FileRef => {
    if (!isArr(r) || r.length !== 4 || (r[0] !== 'main' && r[0] !== 'archive') || !isStr(r[1]) || !isHash(r[2]) || !isNum(r[3])) bad();
    return { role: r[0], path: r[1], oid: r[2], size: r[3] };
  });
}

/** A commit row; `files` stays undefined for "same as the first parent" (resolved by the caller). */
function commit(row: unknown): CommitRec {
  if (!isArr(row) || row.length !== 10) bad();
  const [hash, parents, at, ct, author, subject, files, touches, events, warnings] = row;
  if (!isHash(hash) || !isArr(parents) || !parents.every(isHash) || !isNum(at) || !isNum(ct) || !isStr(author) || !isStr(subject)) bad();
  if ((files !== 0 && !isArr(files)) || (touches !== 0 && touches !== 1) || !isArr(events) || !isArr(warnings) || !warnings.every(isStr)) bad();
  const evs = events.map((e): RawEvent => {
    if (!isArr(e) || (e.length !== 2 && e.length !== 3) || !isStr(e[0]) || !isStr(e[1])) bad();
    return { id: e[0], field: e[1], value: e.length === 3 ? decodeValue(e[2]) : undefined };
  });
  return {
    hash, parents: parents as string[], authorTime: at, committerTime: ct, author, subject,
    files: files === 0 ? undefined : fileSet(files), touches: touches === 1, events: evs, warnings: warnings.length > 0 ? (warnings as string[]) : undefined,
  };
}

/** Give every "same as first parent" commit its parent's files (following first-parent chains, no cycles). */
function resolveFiles(commits: Map<string, CommitRec>): void {
  for (const rec of commits.values()) {
    const chain: CommitRec[] = [];
    let at: CommitRec | undefined = rec;
    while (at && !at.files) {
      if (chain.length > commits.size) bad();
      chain.push(at);
      at = at.parents.length > 0 ? commits.get(at.parents[0]) : undefined;
    }
    if (!at) bad();
    for (const c of chain) c.files = at.files;
  }
}

function version(row: unknown): FileVersion {
  if (!isArr(row) || row.length !== 6) bad();
  const [oid, kind, indent, starts, seqEnd, entries] = row;
  if (!isHash(oid) || (kind !== 'chunks' && kind !== 'parsed') || !isNum(indent) || !isArr(starts) || !isNum(seqEnd) || !isArr(entries)) bad();
  const list = entries.map((e): Entry => {
    if (!isArr(e) || e.length !== 2 || (e[0] !== null && !isStr(e[0]))) bad();
    const fields = decodeValue(e[1]);
    if (typeof fields !== 'object' || fields === null || isArr(fields)) bad();
    return { id: e[0] ?? undefined, fields: fields as Record<string, unknown> };
  });
  if (kind === 'parsed') return { oid, kind, entries: list };
  let prev = -1;
  for (const s of starts) {
    if (!Number.isInteger(s) || (s as number) <= prev) bad();
    prev = s as number;
  }
  if (starts.length !== list.length || seqEnd < prev) bad();
  const layout: Layout = { indent, starts: starts as number[], seqEnd };
  return { oid, kind, entries: list, layout };
}

/** Lines of a file that must end with a newline (a file cut short does not). */
function linesOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.endsWith('\n')) bad();
  return text.slice(0, -1).split('\n');
}

/** Read the cache into `state` (which must be fresh). False, with `state` untouched, when there is no usable cache. */
export function loadCache(files: CacheFiles, state: EngineState): boolean {
  try {
    const stat = fs.statSync(files.rows);
    const lines = linesOf(files.rows);
    const tipLines = linesOf(files.tip);
    const meta = JSON.parse(lines[0]) as Meta;
    const tipMeta = JSON.parse(tipLines[0]) as { format: string; version: number; tips: unknown };
    for (const m of [meta, tipMeta]) if (typeof m !== 'object' || m === null || m.format !== FORMAT || m.version !== VERSION) return false;
    if (meta.prefix !== state.prefix || meta.backlogPath !== state.backlogPath) return false;
    if (!isArr(meta.names) || !meta.names.every(isStr) || meta.names[0] !== state.backlogPath) bad();
    const tips = tipMeta.tips;
    if (!isArr(tips) || !tips.every(isHash) || tipLines.length !== 2) bad();
    const versionRows = JSON.parse(tipLines[1]) as unknown;
    if (!isArr(versionRows)) bad();
    const commits = new Map<string, CommitRec>();
    const texts = new Map<string, string>();
    for (let i = 1; i < lines.length; i++) {
      const rec = commit(JSON.parse(lines[i]));
      commits.set(rec.hash, rec);
      texts.set(rec.hash, lines[i]);
    }
    resolveFiles(commits);
    // Every tip's ancestry must be complete, or listing "new" commits would miss some.
    for (const tip of tips) {
      const stack = [tip];
      const seen = new Set<string>();
      while (stack.length > 0) {
        const h = stack.pop()!;
        if (seen.has(h)) continue;
        seen.add(h);
        const rec = commits.get(h);
        if (!rec) bad();
        stack.push(...rec.parents.filter((p) => !seen.has(p)));
      }
    }
    const versions = versionRows.map(version);
    for (const rec of commits.values()) rowText.set(rec, { events: rec.events!, files: rec.files!, text: texts.get(rec.hash)! });
    state.names = meta.names;
    state.tips = tips;
    state.commits = commits;
    for (const v of versions) state.stored.set(v.oid, v);
    state.disk = { file: files.rows, size: stat.size, mtimeMs: stat.mtimeMs, names: JSON.stringify(meta.names), rows: new Set(commits.keys()) };
    return true;
  } catch {
    return false;
  }
}
