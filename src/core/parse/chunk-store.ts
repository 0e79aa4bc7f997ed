// Parsed item chunks kept on disk between processes, under
// <git-dir>/sprintlog-cache/chunks.json. Every CLI run (`validate`, `metrics`)
// parses the same 2,000 items as the run before, and the YAML parse of them is
// most of its time; with this store a run parses only the chunks whose text it
// has not seen. Never trusted: a file of another format or version, or of the
// wrong shape anywhere, is ignored (and rewritten by the next save). The store
// holds the chunks of the last run only, so it stays the size of the files.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../atomic-write';
import { decodeValue, encodeValue } from '../history/values';
import { chunkMemory, type ChunkItem } from './backlog';
import { setOwn } from './yaml-node';

const FORMAT = 'sprintlog-chunks';
const VERSION = 1;

/** The store of the repository at `root` (its `.git` folder), or undefined when there is none to write into. */
export function chunkStoreFile(root: string): string | undefined {
  const gitDir = path.join(root, '.git');
  try {
    if (!fs.statSync(gitDir).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  return path.join(gitDir, 'sprintlog-cache', 'chunks.json');
}

const isRange = (r: unknown): r is [number, number] => Array.isArray(r) && r.length === 2 && Number.isInteger(r[0]) && Number.isInteger(r[1]);

function decodeItem(row: unknown): [string, ChunkItem | 'error'] | undefined {
  if (!Array.isArray(row) || typeof row[0] !== 'string') return undefined;
  if (row.length === 2 && row[1] === 'error') return [row[0], 'error'];
  const [text, raw, fields, source, seqEnd] = row as unknown[];
  if (row.length !== 5 || typeof raw !== 'object' || raw === null || Array.isArray(raw) || !Array.isArray(fields) || !isRange(source) || !Number.isInteger(seqEnd)) return undefined;
  const rel: ChunkItem['fields'] = {};
  for (const f of fields as unknown[]) {
    if (!Array.isArray(f) || f.length !== 3 || typeof f[0] !== 'string' || !isRange(f[1]) || !isRange(f[2])) return undefined;
    setOwn(rel, f[0], { key: f[1], value: f[2] });
  }
  return [text as string, { raw: decodeValue(raw) as Record<string, unknown>, fields: rel, source, seqEnd: seqEnd as number }];
}

/** Seed this process's chunk cache from the store. Returns how many chunks it held (0 when absent or unusable). */
export function loadChunkStore(file: string | undefined): number {
  chunkMemory.reset();
  if (!file) return 0;
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return 0;
  }
  const d = data as { format?: unknown; version?: unknown; chunks?: unknown };
  if (typeof d !== 'object' || d === null || d.format !== FORMAT || d.version !== VERSION || !Array.isArray(d.chunks)) return 0;
  const items: [string, ChunkItem | 'error'][] = [];
  for (const row of d.chunks) {
    const item = decodeItem(row);
    if (!item) return 0;
    items.push(item);
  }
  for (const [text, item] of items) if (!chunkMemory.cache.has(text)) chunkMemory.cache.set(text, item);
  loaded = new Set(items.map(([t]) => t));
  return items.length;
}

let loaded = new Set<string>();

/** Write the chunks used since the load, when they differ from the store's. Failures are ignored (the store is only a cache). */
export function saveChunkStore(file: string | undefined): void {
  if (!file) return;
  const used = chunkMemory.used;
  if (chunkMemory.parsed === 0 && used.size === loaded.size && [...used].every((t) => loaded.has(t))) return;
  const rows: unknown[] = [];
  // Values JSON cannot give back as they were (a Map from a `!!omap`, a Date) keep their chunk out of the store.
  const plain = (v: unknown): boolean =>
    v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number' ||
    (Array.isArray(v) ? v.every(plain) : typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype && Object.values(v as object).every(plain));
  for (const text of used) {
    const item = chunkMemory.cache.get(text);
    if (item === undefined) continue;
    if (item === 'error') rows.push([text, 'error']);
    else if (plain(item.raw)) rows.push([text, encodeValue(item.raw), Object.entries(item.fields).map(([k, f]) => [k, f.key, f.value]), item.source, item.seqEnd]);
  }
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, JSON.stringify({ format: FORMAT, version: VERSION, chunks: rows }));
    loaded = new Set(used);
    chunkMemory.reset();
  } catch {
    // read-only repository, full disk: the next run parses again
  }
}
