// Splitting a backlog file's text into its header and one chunk per entry of
// the top-level `items:` block sequence, by a line scan (no YAML parse).
// The parser then parses each chunk on its own and caches it by its text, so
// re-reading a 20,000-item file after a one-line edit parses one item.
// Anything the scan cannot vouch for returns undefined, and the caller parses
// the whole document instead: flow `items: [...]`, tabs in indentation,
// directives, several documents, anchors or aliases (which may cross chunks),
// and any top-level content after the sequence.

export interface ItemChunks {
  /** Text before the first item (`version`, `project`, `states`, `epics`, the `items:` line). */
  headerEnd: number;
  /** Column (0-based) of the entries' `-`. */
  indent: number;
  /** Offset of each item's first line (the line holding its `- `). */
  starts: number[];
  /** Where the last chunk ends (end of text). */
  end: number;
}

const ITEMS_LINE = /^items[ \t]*:[ \t]*(?:#.*)?\r?$/;
const UNSAFE_ANYWHERE = /(?:^|[\s[{,:-])[&*][^\s,\]}]|^(?:%|---|\.\.\.)|^\t|^ *\t/m;

export function splitItems(text: string): ItemChunks | undefined {
  if (UNSAFE_ANYWHERE.test(text)) return undefined;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let itemsAt = -1;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    if (ITEMS_LINE.test(text.slice(pos, lineEnd))) {
      itemsAt = nl === -1 ? text.length : nl + 1;
      break;
    }
    pos = lineEnd + 1;
  }
  if (itemsAt < 0) return undefined;
  // The first non-blank, non-comment line after `items:` must be an entry; it fixes the indent.
  let indent = -1;
  let first = -1;
  for (pos = itemsAt; pos < text.length;) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    const m = /^( *)(\S)/.exec(text.slice(pos, lineEnd));
    if (m && m[2] !== '#') {
      if (m[2] !== '-' || !/^-(?:\s|$)/.test(text.slice(pos + m[1].length, lineEnd + 1))) return undefined;
      indent = m[1].length;
      first = pos;
      break;
    }
    pos = lineEnd + 1;
  }
  if (first < 0) return undefined; // no items: the whole-document parse is cheap
  const starts = scanEntries(text, first, text.length, indent);
  return starts && { headerEnd: first, indent, starts, end: text.length };
}

/** Whether the line-local layouts the scan cannot vouch for (anchors, aliases, directives, tabs) occur in `text`. */
export function hasUnsafeLayout(text: string): boolean {
  return UNSAFE_ANYWHERE.test(text);
}

/**
 * The start offsets of the entries whose `-` is at column `indent`, in the whole lines
 * [from, to) of `text` (`from` at a line start); undefined when a line there is at or
 * left of the dash without being an entry, a blank or a comment (the sequence would end).
 * One rule for the first split and for the incremental one (incremental.ts).
 */
export function scanEntries(text: string, from: number, to: number, indent: number): number[] | undefined {
  const starts: number[] = [];
  const dash = ' '.repeat(indent) + '-';
  for (let pos = from; pos < to;) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    if (text.startsWith(dash, pos)) {
      const after = text.charCodeAt(pos + indent + 1);
      if (Number.isNaN(after) || after === 0x20 || after === 0x0a || after === 0x0d) starts.push(pos);
      else return undefined; // `-foo` at the item indent: not an entry, and not content of one
    } else {
      const m = /^( *)(\S)/.exec(text.slice(pos, lineEnd));
      // A line at or left of the dash that is not blank or a comment ends the sequence: unsupported here.
      if (m && m[2] !== '#' && m[2] !== '\r' && m[1].length <= indent) return undefined;
    }
    pos = lineEnd + 1;
  }
  return starts;
}
