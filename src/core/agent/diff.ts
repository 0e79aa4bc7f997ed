// What a write changed, as diff lines an agent can repeat to its user:
// `@@ backlog/backlog.yaml:14` (the first removed line's number, else the
// first added line's in the new text) then `-old line` / `+new line`, one hunk per
// group of touched lines (the lines `git diff -U0` would show).

import { applyPlanToFiles, type EditPlan } from '../edit';
import type { Workspace } from '../model';

function lines(text: string): string[] {
  const out = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (out[out.length - 1] === '') out.pop();
  return out;
}

/** The changed lines of one file, hunk by hunk (common lines at both ends of the text skipped). */
export function textDiff(file: string, before: string, after: string): string[] {
  const a = lines(before);
  const b = lines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  if (start === endA && start === endB) return [];
  // Inside the changed span, lines equal in both at the same distance from its start split it into hunks
  // (a move takes lines out in one place and puts them in another).
  return hunks(file, a.slice(start, endA), b.slice(start, endB), start + 1);
}

/** Hunks of a changed span by a longest common subsequence of lines (spans are a few lines; capped for safety). */
function hunks(file: string, a: string[], b: string[], line: number): string[] {
  if (a.length * b.length > 250_000) return [`@@ ${file}:${line}`, ...a.map((l) => '-' + l), ...b.map((l) => '+' + l)];
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: string[] = [];
  let open = false;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      open = false;
      i++;
      j++;
      continue;
    }
    const remove = j >= b.length || (i < a.length && lcs[i + 1][j] >= lcs[i][j + 1]);
    if (!open) {
      // As git numbers a hunk: the first removed line in the old text, else the first added one in the new.
      out.push(`@@ ${file}:${line + (remove ? i : j)}`);
      open = true;
    }
    if (remove) out.push('-' + a[i++]);
    else out.push('+' + b[j++]);
  }
  return out;
}

/** Diff lines of every file `plan` changes, in the workspace's file order. */
export function planDiff(ws: Workspace, plan: EditPlan): string[] {
  const texts = applyPlanToFiles(ws, plan);
  const before = (file: string): string => ws.backlogs.find((b) => b.file === file)?.text ?? (ws.sprintLog?.file === file ? ws.sprintLog.text : '');
  return [...texts].flatMap(([file, text]) => textDiff(file, before(file), text));
}
