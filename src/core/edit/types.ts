// The edit engine's public types (re-exported by ./index.ts, which other
// contributors code against: keep these names and shapes stable).

import type { Problem } from '../model';
import type { SprintLogOp } from './sprint-log';

/** Replace `length` UTF-16 units at `offset` of `file`'s text (the text the model was parsed from) with `newText`. */
export interface TextEdit {
  file: string;
  offset: number;
  length: number;
  newText: string;
}

/** A scalar or list value an edit may write. `null`/`undefined` in a `set` mean "remove the key". */
export type EditValue = string | number | boolean | Array<string | number | boolean>;

export type EditOp =
  /** Sets the key, or adds it (in spec key order) when absent. */
  | { kind: 'set'; id: string; field: string; value: unknown }
  /** Removes the key; no-op when absent. */
  | { kind: 'remove'; id: string; field: string }
  /** New item; id = fields.id ?? nextId(); rank = 0-based global rank (default: end of the main file). */
  | { kind: 'add'; fields: Record<string, unknown>; rank?: number }
  | { kind: 'delete'; id: string }
  /** 0-based global rank the item has after the move (main file first, then archives). */
  | { kind: 'move'; id: string; toRank: number }
  /** `null` = product backlog (removes `sprint`). */
  | { kind: 'sprint'; ids: string[]; sprint: string | null }
  /** Sprint log ops (./sprint-log.ts): a sprint's review rating/notes, a new retro action. */
  | SprintLogOp;

export interface EditPlan {
  /** Non-overlapping edits, sorted by file then offset, in the coordinates of the parsed texts. */
  edits: TextEdit[];
  /** Ids of items created by `add` ops, in op order. */
  newIds: string[];
}

/** A refused edit. The message starts with `file:line:col:` when a place is known; `problem` is set for file errors. */
export class EditError extends Error {
  constructor(message: string, readonly problem?: Problem) {
    super(message);
    this.name = 'EditError';
  }
}
