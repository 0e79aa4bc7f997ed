// What to complete at the cursor of a backlog YAML file, from the text before it.
// Works on raw lines (not the YAML parser) because the text being typed is
// usually not valid YAML yet.

export type CompletionKind = 'state' | 'sprint' | 'epic' | 'dependency' | 'assignee';

export interface CompletionContext {
  kind: CompletionKind;
  /** What is typed of the value so far (without an opening quote). */
  partial: string;
  /** The opening quote of the value, if any; the completion then must not add one. */
  quote: '' | '"' | "'";
  /** Ids already in the `depends_on` list being edited (offer the others). */
  listed: string[];
}

const VALUE_KEYS: Record<string, CompletionKind> = {
  state: 'state',
  sprint: 'sprint',
  epic: 'epic',
  assignee: 'assignee',
  depends_on: 'dependency',
};

/** A value being typed: optional quote, then characters that can be in an id/state/name. */
const PARTIAL = String.raw`(["']?)([^"'\s,\[\]{}#:]*)`;
/** `  state: in-pr`, `- state: in-pr`, `depends_on: PAY-` (single scalar). */
const BLOCK_VALUE = new RegExp(String.raw`^\s*(?:-\s+)?(state|sprint|epic|assignee|depends_on)\s*:\s+` + PARTIAL + '$');
/** `- {id: PAY-13, state: in-pr` */
const FLOW_VALUE = new RegExp(String.raw`[{,]\s*(state|sprint|epic|assignee|depends_on)\s*:\s*` + PARTIAL + '$');
/** `depends_on: [PAY-9, PAY-` (block or inside a flow map). */
const FLOW_LIST = new RegExp(String.raw`(?:^\s*(?:-\s+)?|[{,]\s*)depends_on\s*:\s*\[([^\]]*)$`);
/** `  - PAY-` under a `depends_on:` key. */
const SEQ_ENTRY = new RegExp(String.raw`^(\s*)-\s+` + PARTIAL + '$');

function unquote(s: string): string {
  return s.trim().replace(/^["']|["']$/g, '');
}

/**
 * @param linePrefix the current line up to the cursor
 * @param above the lines above the cursor line, in document order (a few dozen are plenty)
 */
export function completionContext(linePrefix: string, above: readonly string[] = []): CompletionContext | undefined {
  if (/^\s*#/.test(linePrefix)) return undefined;
  const list = FLOW_LIST.exec(linePrefix);
  if (list) {
    const parts = list[1].split(',');
    const last = parts.pop() ?? '';
    const m = new RegExp('^\\s*' + PARTIAL + '$').exec(last);
    if (!m) return undefined;
    return { kind: 'dependency', quote: m[1] as CompletionContext['quote'], partial: m[2], listed: parts.map(unquote).filter(Boolean) };
  }
  const value = BLOCK_VALUE.exec(linePrefix) ?? FLOW_VALUE.exec(linePrefix);
  if (value) return { kind: VALUE_KEYS[value[1]], quote: value[2] as CompletionContext['quote'], partial: value[3], listed: [] };
  const entry = SEQ_ENTRY.exec(linePrefix);
  if (entry) {
    const listed = dependsOnBlockAbove(above, entry[1].length);
    if (listed) return { kind: 'dependency', quote: entry[2] as CompletionContext['quote'], partial: entry[3], listed };
  }
  return undefined;
}

/**
 * Walks up from a `- ` entry at `indent` over sibling entries; when the list's key is
 * `depends_on:` returns the ids already listed, else undefined.
 */
function dependsOnBlockAbove(above: readonly string[], indent: number): string[] | undefined {
  const listed: string[] = [];
  for (let i = above.length - 1; i >= 0; i--) {
    const line = above[i];
    if (/^\s*(#.*)?$/.test(line)) continue;
    const lead = /^\s*/.exec(line)?.[0].length ?? 0;
    const sibling = /^(\s*)-\s+(.*)$/.exec(line);
    if (sibling && lead === indent) {
      listed.unshift(unquote(sibling[2].replace(/\s+#.*$/, '')));
      continue;
    }
    if (lead > indent) return undefined;
    return /^\s*(?:-\s+)?depends_on\s*:\s*(#.*)?$/.test(line) ? listed.filter(Boolean) : undefined;
  }
  return undefined;
}
