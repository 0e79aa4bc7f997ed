// Comment-preserving edits of backlog files: the public API (the VS Code
// extension and the CLI code against exactly these names).
//
// Decisions (see also docs in each file):
// - New keys go after the nearest key that precedes them in the spec's order
//   (ITEM_KEYS: `points` after `state`, ...); unknown keys go after the last key.
// - A moved or deleted item takes the full-line comments directly above it
//   (indented no deeper than its `-`) and those directly below it indented
//   deeper; it takes one blank separator with it, and an inserted item copies
//   its neighbours' blank-line separator.
// - Moves may cross files (main ⇄ archive): at a file boundary the item stays
//   in its own file; its lines are re-indented to the target file's layout.
// - Values: plain when that reads back as the same value (also for YAML 1.1
//   readers: yes/no/on/off, 007 and 1_000 are quoted), else the old value's
//   quote style, else double quotes; multi-line strings become `|` blocks.
//   Lists keep their style (`[a, b]` or `- a` lines); new lists are `[a, b]`.

export { EditError, type EditOp, type EditPlan, type EditValue, type TextEdit } from './types';
export { planEdits } from './plan';
export type { SprintLogOp } from './sprint-log';
export { nextId } from './ids';
export { applyEdits } from './text';
export { applyPlanToFiles } from './apply';
// Writing plans to disk (node:fs, under the lock) lives in ./write (editWorkspace), imported directly by Node callers only,
// so this module stays free of I/O for bundles that have no file system.
