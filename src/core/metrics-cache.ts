// The metrics document's result cache: what `sprintlog metrics` or a portfolio row
// computed for a repository, kept in <git-dir>/sprintlog-cache/document-<kind>.json,
// so a run with nothing changed reads one small header and the stored document
// instead of replaying the history and computing the figures again.
//
// The key is everything the figures depend on (spec §6: same commit + same files +
// same as-of ⇒ same figures): the HEAD commit, the shallow boundary, the bytes of
// every backlog file, archive file and the sprint log in the working tree, the
// request (kind, command, sprint, --as-of text, settings) and the code (cache
// version, package version, the running file's size and time). "Now" is not in
// the key; each entry says for which instants it holds:
// - the instant it was computed for, always (a fixed --as-of, SPRINTLOG_NOW);
// - any instant of the same local day (in the report's zone) when every commit of
//   the ref is at or before that instant and the working tree adds no pending
//   change: the figures then use the as-of instant only through its day
//   (asOfDay, day ends capped at as-of, events at or before it), so the document
//   is the same except `asOf` itself, which is rewritten. A pending working-tree
//   change is dated at the as-of instant itself (startedAt, cycle hours), and a
//   commit authored after as-of appears when "now" passes it: then only the exact
//   instant is reused.
// Not cached: another ref than HEAD, the editor's unsaved buffers, a repository
// whose HEAD cannot be read from its files (then git is asked as before).
// A stored document goes through JSON, which is how every caller prints it; the
// test suite checks a cached run prints the same bytes as a fresh one.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { version as PACKAGE_VERSION } from '../../package.json';
import { writeFileAtomic } from './atomic-write';
import { quickProbe, WORKTREE, type History } from './history';
import { metricsDocument, type DocumentRequest, type MetricsDocument } from './metrics-document';
import type { MetricsReport } from './metrics';
import { archiveDir, DEFAULT_BACKLOG_PATH, DEFAULT_SPRINTS_PATH } from './parse/backlog-files';
import { readRegularFile } from './parse/regular-file';
import { dayOf, endOfDay, formatInstant, startOfDay } from './time';

const FORMAT = 'sprintlog-document';
/** Bump when the stored shape or the meaning of an entry changes. */
const VERSION = 1;

/**
 * The code that computed an entry: a rebuilt bundle (or source file) computes afresh. `file` is
 * the caller's own __filename (in the bundle, dist/cli.js or dist/extension.js: the whole build).
 */
export function codeIdentity(file: string): string {
  try {
    const st = fs.statSync(file);
    return `${PACKAGE_VERSION}:${st.size}:${st.mtimeMs}`;
  } catch {
    return PACKAGE_VERSION;
  }
}

const CODE = codeIdentity(__filename);

/** What a caller keeps of the metrics document, cached under `kind`. */
export interface Derived<T> {
  /** One entry per kind in a repository (`metrics`, `portfolio`): lowercase letters and dashes. */
  kind: string;
  /** What to keep of the full document, JSON-safe. It may use the as-of instant only through its day, except what `at` rewrites. */
  derive: (doc: MetricsDocument) => T;
  /** Rewrites what in a stored value names the as-of instant itself, when it is reused for another instant of its day. */
  at?: (value: T, asOf: number) => void;
}

interface Header {
  format: string;
  version: number;
  key: string;
  /** The as-of instant it was computed for (null: a --as-of text, part of the key). */
  exact: number | null;
  /** Other instants it holds for: [from, until). */
  from: number | null;
  until: number | null;
}

interface Body<T> {
  err: string[];
  value: T;
}

interface Key {
  file: string;
  key: string;
}

/** The key of the request, from the repository's files (no git); undefined when it cannot be cached. */
function keyOf(req: DocumentRequest, kind: string): Key | undefined {
  if (req.ref !== 'HEAD' || req.workingTree !== undefined || !/^[a-z][a-z-]*$/.test(kind)) return undefined;
  const probe = quickProbe(req.root);
  if (probe?.kind !== 'repo' || probe.head === undefined) return undefined;
  const h = crypto.createHash('sha256');
  const add = (v: string | Buffer): void => {
    h.update(`${v.length}:`);
    h.update(v);
  };
  add(`${FORMAT}/${VERSION}/${CODE}`);
  add(JSON.stringify([kind, req.command, req.sprint ?? null, req.asOf === undefined ? (req.asOfText ?? null) : null, req.settings ?? null]));
  add(path.resolve(req.root));
  add(probe.head);
  const shallow = readRegularFile(path.join(probe.gitDir, 'shallow'));
  add(shallow.kind === 'ok' ? shallow.data : shallow.kind);
  // Every file the analysis may read: the main file, the sprint log and whatever the archive folder holds.
  let archive: string[] = [];
  try {
    archive = fs.readdirSync(path.join(req.root, archiveDir(DEFAULT_BACKLOG_PATH))).sort();
  } catch {
    // no archive folder
  }
  for (const rel of [DEFAULT_BACKLOG_PATH, DEFAULT_SPRINTS_PATH, ...archive.map((n) => path.posix.join(archiveDir(DEFAULT_BACKLOG_PATH), n))]) {
    const r = readRegularFile(path.join(req.root, rel));
    add(rel);
    add(r.kind === 'ok' ? r.data : r.kind === 'special' ? r.what : r.kind);
  }
  return { file: path.join(probe.gitDir, 'sprintlog-cache', `document-${kind}.json`), key: h.digest('hex') };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** The stored entry when it holds for `asOf` (undefined: a --as-of text, matched by the key); never trusted beyond its shape. */
function readEntry<T>(k: Key, asOf: number | undefined): Body<T> | undefined {
  let text: string;
  try {
    text = fs.readFileSync(k.file, 'utf8');
  } catch {
    return undefined;
  }
  const nl = text.indexOf('\n');
  try {
    const head = JSON.parse(text.slice(0, nl)) as Header;
    if (!isObj(head) || head.format !== FORMAT || head.version !== VERSION || head.key !== k.key) return undefined;
    const holds = asOf === undefined || asOf === head.exact || (typeof head.from === 'number' && typeof head.until === 'number' && head.from <= asOf && asOf < head.until);
    if (!holds) return undefined;
    const body = JSON.parse(text.slice(nl + 1)) as Body<T>;
    if (!isObj(body) || !strings(body.err) || !('value' in body)) return undefined;
    return body;
  } catch {
    return undefined;
  }
}

/**
 * The other instants a fresh document holds for (see the top of this file): the
 * rest of its local day from the latest commit on, when nothing is dated at as-of itself.
 */
function sameDay(history: History, tz: string, asOf: number): { from: number; until: number } | undefined {
  const fixed = Math.max(history.headTime ?? -Infinity, history.lastTime ?? -Infinity);
  if (asOf < fixed || history.events.some((e) => e.commit === WORKTREE)) return undefined;
  const day = dayOf(asOf, tz);
  return { from: Math.max(startOfDay(day, tz), fixed), until: endOfDay(day, tz) + 1 };
}

function writeEntry<T>(k: Key, head: Header, body: Body<T>): void {
  try {
    fs.mkdirSync(path.dirname(k.file), { recursive: true });
    writeFileAtomic(k.file, `${JSON.stringify(head)}\n${JSON.stringify(body)}`);
  } catch {
    // a read-only repository, a full disk: the next run computes again
  }
}

function fromEntry<T>(k: Key, asOf: number | undefined, req: DocumentRequest, d: Derived<T>): { value: T; cached: true } | undefined {
  const hit = readEntry<T>(k, asOf);
  if (!hit) return undefined;
  for (const line of hit.err) req.err(line);
  if (asOf !== undefined) d.at?.(hit.value, asOf);
  return { value: hit.value, cached: true };
}

/** The cached value for `req` when there is one, without analysing anything (a caller that analyses elsewhere, e.g. in a worker thread). */
export function cachedOnly<T>(req: DocumentRequest, d: Derived<T>): { value: T; cached: true } | undefined {
  const k = keyOf(req, d.kind);
  return k && fromEntry(k, req.asOf ?? (req.asOfText === undefined ? req.now() : undefined), req, d);
}

/**
 * What `d` derives from the metrics document of `req`, through the cache of
 * `d.kind`. Warnings and parse problems reach `req.err` either way, and the
 * errors of a request (a bad sprint, ref or day) are thrown as without a cache.
 */
export async function cachedDerived<T>(req: DocumentRequest, d: Derived<T>): Promise<{ value: T; cached: boolean }> {
  const k = keyOf(req, d.kind);
  if (!k) return { value: d.derive(await metricsDocument(req)), cached: false };
  // "Now" is read once, here, and given to the analysis: the entry is checked against that instant.
  const asOf = req.asOf ?? (req.asOfText === undefined ? req.now() : undefined);
  const hit = fromEntry(k, asOf, req, d);
  if (hit) return hit;
  const err: string[] = [];
  const doc = await metricsDocument({ ...req, asOf, err: (line) => (err.push(line), req.err(line)) });
  const value = d.derive(doc);
  // Written only when nothing moved during the analysis (a commit, an edit): the key must describe what was analysed.
  if (keyOf(req, d.kind)?.key === k.key && doc.history.head !== undefined) {
    const day = asOf === undefined ? undefined : sameDay(doc.history, doc.report.timezone, asOf);
    writeEntry(k, { format: FORMAT, version: VERSION, key: k.key, exact: asOf ?? null, from: day?.from ?? null, until: day?.until ?? null }, { err, value });
  }
  return { value, cached: false };
}

/** `sprintlog metrics`: the whole report (its `asOf` rewritten for another instant of the day) and the unparsed files. */
export const METRICS_REPORT: Derived<{ report: MetricsReport; unparsed: string[] }> = {
  kind: 'metrics',
  derive: (doc) => ({ report: doc.report, unparsed: doc.unparsed }),
  at: (v, asOf) => reportAt(v.report, asOf),
};

/** A stored report reused for another instant of its day: its `asOf` names that instant (the only figure that does). */
export function reportAt(report: MetricsReport, asOf: number): void {
  report.asOf = formatInstant(asOf, report.timezone);
}

/** The cache folder of the repository at `root` (<git-dir>/sprintlog-cache), when its git directory is readable without git. */
export function cacheDirOf(root: string): string | undefined {
  const probe = quickProbe(root);
  return probe?.kind === 'repo' ? path.join(probe.gitDir, 'sprintlog-cache') : undefined;
}
