// Text from the files (ids, titles, states, retro notes, file names) is
// untrusted: an ESC or CSI byte in a title would reach the user's terminal as
// a command (colours, cursor moves, window title, OSC 8 links, clearing the
// screen). Every human-readable output runs its values through `printable`;
// JSON output does not (JSON.stringify escapes C0 itself, and the data stays
// exactly as written).

/**
 * C0 controls (incl. TAB, CR, LF), DEL, C1 controls (U+0080–U+009F: 8-bit CSI,
 * OSC…), the Unicode line/paragraph separators and the bidi embedding/override/
 * isolate controls ("Trojan Source"): everything that moves the cursor, changes
 * the terminal's state or reorders what the reader sees.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_TEST = new RegExp(UNSAFE.source);

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `s` with every unsafe character written as an escape (`\n`, `\u001b`), so it shows as text on one line. Other text is unchanged. */
export function printable(s: string): string {
  if (!UNSAFE_TEST.test(s)) return s;
  return s.replace(UNSAFE, (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Multi-line output made printable line by line: the line breaks stay, everything else unsafe is escaped. */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}
