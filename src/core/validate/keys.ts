// unknown-key (a warning: unknown keys are kept untouched by every write, but
// a misspelt `asignee:` silently does nothing, so we say which key was meant).

import type { SourceRange } from '../model';
import { printable } from '../printable';
import type { Context } from './context';
import type { Entry, Label } from './fields';
import { didYouMean, listNames } from './suggest';

export interface KeyOptions {
  /** For nested maps the parser keeps no key ranges: find one (called only for an unknown key). */
  locateKey?: (key: string) => SourceRange | undefined;
  /** Advice for keys that are known elsewhere but wrong here. */
  misplaced?: Record<string, string>;
}

// A key like any other for Sprintlog (never the object's prototype), but JavaScript tools reading the file may not agree.
const PROTO_HINT = 'Keys are data: `__proto__` is kept as an ordinary key and its value is never read as this map\'s fields (e.g. not as its state or points). ' +
  'Other JavaScript tools may treat it specially: rename or remove it.';

const knownSets = new WeakMap<readonly string[], Set<string>>();

/** `label` says where the map is: `item PAY-12`, `the sprint log`, `the retro of sprint S12`. */
export function checkKeys(ctx: Context, e: Entry, known: readonly string[], label: Label, opts: KeyOptions = {}): void {
  let set = knownSets.get(known);
  if (!set) knownSets.set(known, (set = new Set(known)));
  for (const key in e.raw) {
    if (set.has(key)) continue;
    const at = e.fields[key]?.key ?? opts.locateKey?.(key) ?? ctx.entryHead(e.source);
    const hint = key === '__proto__' ? PROTO_HINT : (opts.misplaced?.[key] ?? didYouMean(key, known) ?? `Known keys here: ${listNames(known, 20)}.`);
    ctx.warning(at, 'unknown-key', `Unknown key \`${printable(key)}\` in ${label()}: Sprintlog keeps it but ignores it. Rename or remove it if it is a mistake.`, hint);
  }
}
