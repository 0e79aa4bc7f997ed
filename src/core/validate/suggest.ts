// "Did you mean …?" for misspelt keys, states, ids and time zones.

/**
 * Edit distance with adjacent transpositions (optimal string alignment), so
 * `asignee`, `assigne` and `assigene` are each one edit from `assignee`.
 * Gives up (returns max + 1) as soon as no alignment can stay within `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const w = b.length + 1;
  let prev2 = new Int32Array(w);
  let prev = new Int32Array(w);
  let row = new Int32Array(w);
  for (let j = 0; j < w; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j < w; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) d = Math.min(d, prev2[j - 2] + 1);
      row[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, row] = [prev, row, prev2];
  }
  return prev[b.length];
}

/** Case, `_`, `-` and spaces ignored: `dependsOn`, `depends-on` and `Depends On` all match `depends_on`. */
function normalise(s: string): string {
  return s.toLowerCase().replace(/[\s_-]+/g, '');
}

function digitsOf(s: string): string {
  let d = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) d += s[i];
  }
  return d;
}

/** How many edits still count as a typo rather than a different word. */
function tolerance(word: string): number {
  return word.length <= 4 ? 1 : word.length <= 8 ? 2 : 3;
}

/**
 * Finds close matches among a fixed set of names, reused for many lookups
 * (one per unknown dependency, against up to 20,000 item ids).
 */
export class Suggester {
  private readonly names: string[];
  /** Normalised names, filled in as they are first compared. */
  private readonly normal: (string | undefined)[];
  /** In id mode: name indexes by their digits, so a lookup only compares ids with the same number. */
  private readonly byDigits?: Map<string, number[]>;
  private lookups = 0;

  /**
   * `budget`: lookups after which it stops suggesting, so 1,000 typos against 20,000 ids stay fast.
   * `ids`: names are ids like PAY-12 / S12, where PAY-9 → PAY-12 or S13 → S12 is a different
   * thing, not a typo: only suggest names with the same digits (PYA-12 → PAY-12, s12 → S12).
   */
  constructor(names: Iterable<string>, private readonly budget = Infinity, ids = false) {
    this.names = [...names];
    this.normal = new Array<string | undefined>(this.names.length);
    if (ids) {
      this.byDigits = new Map();
      this.names.forEach((n, i) => {
        const d = digitsOf(n);
        const list = this.byDigits?.get(d);
        if (list) list.push(i);
        else this.byDigits?.set(d, [i]);
      });
    }
  }

  closest(word: string): string | undefined {
    if (++this.lookups > this.budget) return undefined;
    const norm = normalise(word);
    const max = tolerance(word);
    const candidates = this.byDigits ? this.byDigits.get(digitsOf(word)) ?? [] : this.names.keys();
    let best: string | undefined;
    let bestDistance = max + 1;
    for (const i of candidates) {
      const nc = (this.normal[i] ??= normalise(this.names[i]));
      if (this.names[i] === word || Math.abs(nc.length - norm.length) >= bestDistance) continue;
      if (nc === norm) return this.names[i];
      const d = editDistance(norm, nc, bestDistance - 1);
      if (d < bestDistance) {
        best = this.names[i];
        bestDistance = d;
      }
    }
    return best;
  }

  didYouMean(word: string): string | undefined {
    const c = this.closest(word);
    return c === undefined ? undefined : `Did you mean \`${c}\`?`;
  }
}

/** The candidate closest to `word`, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  return new Suggester(candidates).closest(word);
}

export function didYouMean(word: string, candidates: Iterable<string>, ids = false): string | undefined {
  return new Suggester(candidates, Infinity, ids).didYouMean(word);
}

/** `a, b, c` or `a, b, c and 4 more`, for listing known names in a hint. */
export function listNames(names: readonly string[], limit = 8): string {
  const shown = names.slice(0, limit).map((n) => `\`${n}\``);
  return names.length > limit ? `${shown.join(', ')} and ${names.length - limit} more` : shown.join(', ');
}
