// Pure text helpers shared by the language features (no vscode import, unit-tested).

import { LineIndex } from '../../core/parse/source';

/** 0-based line and character, the shape vscode.Position takes. */
export interface Pos {
  line: number;
  character: number;
}

/**
 * The editor position of an offset into the text the model parsed. The model keeps
 * a file's BOM but an editor's document text does not, so on the first line the BOM
 * is not a character the editor counts.
 */
export function positionIn(lines: LineIndex, offset: number): Pos {
  const at = Math.max(0, Math.min(offset, lines.text.length));
  const { line, column } = lines.position(at);
  let character = column - 1;
  if (line === 1 && lines.text.charCodeAt(0) === 0xfeff) character = Math.max(0, character - 1);
  return { line: line - 1, character };
}
