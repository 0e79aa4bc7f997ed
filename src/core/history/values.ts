// Field values as parsed from YAML: JSON-like data (strings, numbers, booleans,
// null, arrays, plain objects), plus the non-finite numbers YAML can spell
// (`.inf`, `.nan`). Equality is structural; the disk cache stores them as JSON
// with a tag for what JSON cannot hold, so a cached value equals a fresh one.

import { setOwn } from '../parse/yaml-node';

/** Structural equality: map key order does not matter, NaN equals NaN. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  const aArr = Array.isArray(a);
  if (aArr !== Array.isArray(b)) return false;
  if (aArr) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!deepEqual(x[i], y[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) if (!Object.prototype.hasOwnProperty.call(y, k) || !deepEqual(x[k], y[k])) return false;
  return true;
}

const TAG = '$sl';

/** A JSON-safe form of a value: non-finite numbers and objects that happen to use the tag key are wrapped. */
export function encodeValue(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : { [TAG]: String(v) };
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(encodeValue);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) setOwn(out, k, encodeValue(x));
  return Object.prototype.hasOwnProperty.call(out, TAG) ? { [TAG]: 'object', v: out } : out;
}

// Walked over every value read from the disk cache (thousands of entries in a fresh process): plain loops, no per-object arrays.
function tagged(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (tagged(v[i])) return true;
    return false;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k) && (k === TAG || tagged(o[k]))) return true;
  return false;
}

/** Inverse of encodeValue (the value itself when nothing in it is tagged). Throws on a malformed tag (the cache is then rebuilt). */
export function decodeValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || !tagged(v)) return v;
  return decodeTagged(v);
}

function decodeTagged(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(decodeTagged);
  const o = v as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(o, TAG)) {
    const tag = o[TAG];
    if (tag === 'Infinity') return Infinity;
    if (tag === '-Infinity') return -Infinity;
    if (tag === 'NaN') return NaN;
    if (tag === 'object' && typeof o.v === 'object' && o.v !== null && !Array.isArray(o.v)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(o.v)) setOwn(out, k, decodeTagged(x));
      return out;
    }
    throw new Error('bad tagged value');
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) setOwn(out, k, decodeTagged(x));
  return out;
}

// One owner for keys-as-data: the parser's.
export { setOwn };
