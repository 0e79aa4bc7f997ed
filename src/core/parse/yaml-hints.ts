// `yaml`'s error messages say what the parser saw ("Nested mappings are not
// allowed in compact mappings"); for the mistakes people make most in a
// backlog file they are replaced by what happened and what to do, at the place
// the mistake is (an unclosed quote is reported where it opens, not at the end
// of the file).

import { type Document, isScalar, visit, type YAMLError } from 'yaml';
import type { LineIndex } from './source';

export interface Explained {
  offset: number;
  message: string;
  hint: string;
}

const GENERIC_HINT = 'Fix the YAML syntax at this position; nothing is written while the file does not parse.';
const TAB_HINT = 'YAML does not allow tabs for indentation: indent with spaces.';

export function explainYamlError(e: YAMLError, text: string, lines: LineIndex, doc: Document.Parsed): Explained {
  const at = Math.min(e.pos[0], text.length);
  const line = text.slice(lines.lineStart(lines.position(at).line), lines.lineEnd(at));
  if (e.code === 'MISSING_CHAR' && /quote/i.test(e.message)) {
    const open = openingQuote(doc, at);
    if (open !== undefined) {
      const q = text[open];
      return {
        offset: open,
        message: `This ${q === '"' ? 'double' : 'single'} quote is never closed: YAML reads everything after it, to the end of the file, as one value.`,
        hint: `Add the closing ${q} at the end of the value, or remove the opening one.`,
      };
    }
  }
  if (e.code === 'BLOCK_AS_IMPLICIT_KEY') {
    // `title: Fix: login fails`: the second `: ` makes YAML read a mapping inside the value.
    const m = /^(\s*(?:-\s+)?)([^\s#:"'][^:#]*?)\s*:[ \t]+(.*?:(?:[ \t].*)?)\s*$/.exec(line);
    if (m) {
      const [, , key, value] = m;
      const clean = value.replace(/\s+#.*$/, '');
      return {
        offset: lines.lineStart(lines.position(at).line) + line.indexOf(value, m[1].length + key.length),
        message: `The value of \`${key}\` contains \`: \` (a colon and a space), which YAML reads as the start of a mapping inside the value.`,
        hint: `Quote the ${key === 'title' ? 'title' : 'value'}: \`${key}: ${JSON.stringify(clean)}\`.`,
      };
    }
  }
  if (e.code === 'RESOURCE_EXHAUSTION' || /call stack/i.test(e.message)) {
    return { offset: at, message: 'The YAML nests too deeply here to be read.', hint: 'Flatten this value: a backlog file needs only a few levels of nesting.' };
  }
  const tab = /tab/i.test(e.message) || text.slice(lines.lineStart(lines.position(at).line), at + 1).includes('\t');
  return { offset: at, message: firstLine(e.message), hint: tab ? TAB_HINT : GENERIC_HINT };
}

/** Start of the quoted scalar that runs into offset `at` (where `yaml` noticed the missing quote). */
function openingQuote(doc: Document.Parsed, at: number): number | undefined {
  let best: number | undefined;
  visit(doc, {
    Scalar(_k, n) {
      if (!isScalar(n) || (n.type !== 'QUOTE_DOUBLE' && n.type !== 'QUOTE_SINGLE') || !n.range) return;
      if (n.range[0] < at && n.range[1] >= at - 1 && (best === undefined || n.range[0] > best)) best = n.range[0];
    },
  });
  return best;
}

export function firstLine(message: string): string {
  const line = message.split('\n')[0].trim();
  return line.endsWith('.') ? line : line + '.';
}
