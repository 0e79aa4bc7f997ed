// The report's chart SVGs kept between runs in <git-dir>/sprintlog-cache/report-svg.json:
// ECharts lays out a chart in tens of milliseconds once warm, but a new process
// starts it cold (about half a second for the report's eleven charts). The SVG of a
// chart depends only on its option, its size, its id (the renumbered class names)
// and the code that rendered it (ECharts is inside the bundle), so an entry is keyed
// by a hash of exactly those: same key, same bytes. Each entry carries the hash of
// its SVG, and one that does not match is rendered again (a torn or edited file).
// The file keeps the last run's charts first and a few older ones (another
// sprint, the other format's size), at most MAX_ENTRIES; it is rewritten whole
// only when a chart was rendered.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../../core/atomic-write';
import type { ChartSpec } from '../../core/charts';
import { codeIdentity } from '../../core/metrics-cache';

const FORMAT = 'sprintlog-report-svg';
/** Bump when the renderer's output changes without a rebuild of this file's bundle (never in practice) or the file's shape changes. */
const VERSION = 1;
export const MAX_ENTRIES = 48;
export const SVG_CACHE_FILE = 'report-svg.json';

/** The rendering code: a rebuilt bundle renders afresh. */
export const RENDER_BUILD = codeIdentity(__filename);

const sha256 = (text: string): string => crypto.createHash('sha256').update(text).digest('hex');

/**
 * The option as text for the key: JSON, with what JSON would drop or merge told apart by
 * a NUL-named tag no option holds: a function (tooltip formatters, which the static SVG
 * does not draw, but a key should not guess that) as its source, undefined, NaN and ±Infinity.
 */
function optionText(option: unknown): string {
  return JSON.stringify(option, function (this: unknown, k: string, v: unknown) {
    // `this[k]` is the value before toJSON: a Date is not the string it prints as.
    const raw = k === '' ? v : (this as Record<string, unknown>)[k];
    if (typeof raw === 'function') return { '\u0000fn': String(raw) };
    if (raw === undefined) return { '\u0000undefined': 1 };
    if (typeof raw === 'number' && !Number.isFinite(raw)) return { '\u0000number': String(raw) };
    if (raw instanceof Date) return { '\u0000date': Number.isNaN(raw.getTime()) ? null : raw.getTime() };
    return v;
  });
}

export function chartKey(spec: ChartSpec, width: number, height: number, build: string): string {
  return sha256(JSON.stringify([FORMAT, VERSION, build, spec.id, width, height]) + '\n' + optionText(spec.option));
}

interface Entry {
  svg: string;
  sha: string;
}

export class SvgCache {
  private readonly entries = new Map<string, Entry>();
  private readonly used: string[] = [];
  private changed = false;

  /** `dir` undefined: nothing is read or kept (no git directory). */
  constructor(private readonly dir: string | undefined) {
    if (dir === undefined) return;
    let stored: unknown;
    try {
      stored = JSON.parse(fs.readFileSync(path.join(dir, SVG_CACHE_FILE), 'utf8'));
    } catch {
      return; // absent or damaged: every chart is rendered
    }
    const s = stored as { format?: unknown; version?: unknown; entries?: unknown };
    if (typeof s !== 'object' || s === null || s.format !== FORMAT || s.version !== VERSION || !Array.isArray(s.entries)) return;
    for (const e of s.entries as unknown[]) {
      if (!Array.isArray(e) || e.length !== 3) continue;
      const [key, svg, sha] = e as unknown[];
      if (typeof key === 'string' && typeof svg === 'string' && typeof sha === 'string' && !this.entries.has(key)) this.entries.set(key, { svg, sha });
    }
  }

  /** The stored SVG of `key`, only when it is the one that was stored (its hash matches). */
  get(key: string): string | undefined {
    const e = this.entries.get(key);
    if (e === undefined) return undefined;
    if (sha256(e.svg) !== e.sha) {
      this.entries.delete(key);
      return undefined;
    }
    this.used.push(key);
    return e.svg;
  }

  set(key: string, svg: string): void {
    this.entries.set(key, { svg, sha: sha256(svg) });
    this.used.push(key);
    this.changed = true;
  }

  /** Writes the file when a chart was rendered: this run's entries first, then older ones up to MAX_ENTRIES. */
  save(): void {
    if (this.dir === undefined || !this.changed) return;
    const order = [...new Set([...this.used, ...this.entries.keys()])].slice(0, MAX_ENTRIES);
    const entries = order.map((k) => {
      const e = this.entries.get(k) as Entry;
      return [k, e.svg, e.sha];
    });
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      writeFileAtomic(path.join(this.dir, SVG_CACHE_FILE), JSON.stringify({ format: FORMAT, version: VERSION, entries }));
    } catch {
      // a read-only repository, a full disk: the next run renders again
    }
  }
}
