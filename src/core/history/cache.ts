// The on-disk mirror of an EngineState: one versioned JSON file per analysed
// root and backlog path under <git-dir>/sprintlog-cache/. Written atomically
// (temporary file + rename). Never trusted: a file that is unreadable, of
// another version or malformed in any part is ignored and rebuilt; stored
// layouts are re-checked against the blob before they are used.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Layout } from './chunks';
import type { Entry, FileVersion } from './items';
import type { FileRef, RawEvent } from './snapshot';
import type { CommitRec, EngineState } from './state';
import { decodeValue, encodeValue } from './values';

const FORMAT = 'sprintlog-history';
const VERSION = 1;

export function cacheFile(dir: string, prefix: string, backlogPath: string): string {
  const key = crypto.createHash('sha1').update(`${prefix}\0${backlogPath}`).digest('hex').slice(0, 16);
  return path.join(dir, `history-${key}.json`);
}

type Json = unknown;
type FileRow = [string, string, string, number];
type CommitRow = [string, string[], number, number, string, string, number, number, Json[], string[]];
type VersionRow = [string, string, number, number[], number, [string | null, Json][]];

interface CacheJson {
  format: string;
  version: number;
  prefix: string;
  backlogPath: string;
  names: string[];
  tips: string[];
  fileSets: FileRow[][];
  commits: CommitRow[];
  versions: VersionRow[];
}

/** Write the state (complete commits only, the tip's file versions). Failures are ignored: the cache is an optimisation. */
export function saveCache(file: string, state: EngineState): void {
  const setIndex = new Map<string, number>();
  const fileSets: FileRow[][] = [];
  const commits: CommitRow[] = [];
  for (const rec of state.commits.values()) {
    if (!rec.files || rec.events === undefined || rec.touches === undefined) continue;
    const rows = rec.files.map((f): FileRow => [f.role, f.path, f.oid, f.size]);
    const key = JSON.stringify(rows);
    let idx = setIndex.get(key);
    if (idx === undefined) {
      idx = fileSets.length;
      setIndex.set(key, idx);
      fileSets.push(rows);
    }
    const events = rec.events.map((e) => (e.value === undefined ? [e.id, e.field] : [e.id, e.field, encodeValue(e.value)]));
    commits.push([rec.hash, rec.parents, rec.authorTime, rec.committerTime, rec.author, rec.subject, idx, rec.touches ? 1 : 0, events, rec.warnings ?? []]);
  }
  const versions: VersionRow[] = [];
  for (const f of state.tip?.snapshot.files ?? []) {
    const v = f.version;
    if (v.kind === 'broken' || v.oid === '' || versions.some((r) => r[0] === v.oid)) continue;
    const layout = v.kind === 'chunks' ? v.layout : undefined;
    const kind = layout ? 'chunks' : 'parsed';
    versions.push([v.oid, kind, layout?.indent ?? 0, layout?.starts ?? [], layout?.seqEnd ?? 0, v.entries.map((e) => [e.id ?? null, encodeValue(e.fields)])]);
  }
  const json: CacheJson = {
    format: FORMAT, version: VERSION, prefix: state.prefix, backlogPath: state.backlogPath, names: state.names,
    tips: state.tips.filter((t) => state.commits.get(t)?.events !== undefined), fileSets, commits, versions,
  };
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(json));
    fs.renameSync(tmp, file);
    state.dirty = false;
  } catch {
    // read-only git dir, disk full, ...: the next run recomputes
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

function commit(row: unknown, sets: FileRef[][]): CommitRec {
  if (!isArr(row) || row.length !== 10) bad();
  const [hash, parents, at, ct, author, subject, idx, touches, events, warnings] = row;
  if (!isHash(hash) || !isArr(parents) || !parents.every(isHash) || !isNum(at) || !isNum(ct) || !isStr(author) || !isStr(subject)) bad();
  if (!Number.isInteger(idx) || !sets[idx as number] || (touches !== 0 && touches !== 1) || !isArr(events) || !isArr(warnings) || !warnings.every(isStr)) bad();
  const evs = events.map((e): RawEvent => {
    if (!isArr(e) || (e.length !== 2 && e.length !== 3) || !isStr(e[0]) || !isStr(e[1])) bad();
    return { id: e[0], field: e[1], value: e.length === 3 ? decodeValue(e[2]) : undefined };
  });
  return {
    hash, parents: parents as string[], authorTime: at, committerTime: ct, author, subject,
    files: sets[idx as number], touches: touches === 1, events: evs, warnings: warnings.length > 0 ? (warnings as string[]) : undefined,
  };
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

/** Read the cache into `state` (which must be fresh). False, with `state` untouched, when there is no usable cache. */
export function loadCache(file: string, state: EngineState): boolean {
  let json: CacheJson;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheJson;
  } catch {
    return false;
  }
  try {
    if (typeof json !== 'object' || json === null || json.format !== FORMAT || json.version !== VERSION) return false;
    if (json.prefix !== state.prefix || json.backlogPath !== state.backlogPath) return false;
    if (!isArr(json.names) || !json.names.every(isStr) || json.names[0] !== state.backlogPath) bad();
    if (!isArr(json.tips) || !json.tips.every(isHash) || !isArr(json.fileSets) || !isArr(json.commits) || !isArr(json.versions)) bad();
    const sets = json.fileSets.map(fileSet);
    const commits = new Map<string, CommitRec>();
    for (const row of json.commits) {
      const rec = commit(row, sets);
      commits.set(rec.hash, rec);
    }
    // Every tip's ancestry must be complete, or listing "new" commits would miss some.
    for (const tip of json.tips) {
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
    const versions = json.versions.map(version);
    state.names = json.names;
    state.tips = json.tips;
    state.commits = commits;
    for (const v of versions) state.stored.set(v.oid, v);
    return true;
  } catch {
    return false;
  }
}
