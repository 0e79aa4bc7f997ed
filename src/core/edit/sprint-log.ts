// Review ratings and retrospective notes/actions in backlog/sprints.yaml
// (backlog-format.md: a sprint's `review:` and `retro:`): the edit engine's
// sprint-log ops (planEdits runs them like the item ops, so the writer's lock,
// validation and atomic write apply). Each edit is checked the engine's way
// before it is kept: the sprint's new text must read back as exactly the
// intended values, and nothing else of the file changed.

import { parse, parseDocument, type YAMLMap } from 'yaml';
import { lineEnding } from '../parse/source';
import { deepEqual } from './equal';
import { appendTo, asMap, asSeq, type FlowValue, pairOf, setKey, setKeyBefore, type Spot } from './sprint-splice';
import { applyEdits } from './text';
import { EditError, type TextEdit } from './types';

export type SprintLogOp =
  | { kind: 'review'; sprint: string; satisfaction?: number; notes?: string }
  | { kind: 'retro-note'; sprint: string; list: 'went_well' | 'to_improve'; text: string }
  | { kind: 'retro-action'; sprint: string; text: string; owner?: string }
  | { kind: 'retro-done'; sprint: string; index: number; done: boolean };

type Js = Record<string, unknown>;

/** The change on the sprint's plain JS value, for the read-back check. */
function expected(before: Js, e: SprintLogOp): Js {
  const s = structuredClone(before);
  const sub = (k: string): Js => (s[k] ??= {}) as Js;
  if (e.kind === 'review') {
    if (e.satisfaction !== undefined) sub('review').satisfaction = e.satisfaction;
    if (e.notes !== undefined) sub('review').notes = e.notes;
  } else if (e.kind === 'retro-note') ((sub('retro')[e.list] ??= []) as unknown[]).push(e.text);
  else if (e.kind === 'retro-action') ((sub('retro').actions ??= []) as unknown[]).push({ text: e.text, ...(e.owner ? { owner: e.owner } : {}), done: false });
  else ((sub('retro').actions as Js[])[e.index - 1]).done = e.done;
  return s;
}

/** Two new keys of one map land at the same place: one insertion holding both. */
function merged(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits.sort((a, b) => a.offset - b.offset)) {
    const prev = out[out.length - 1];
    if (prev && prev.length === 0 && e.length === 0 && prev.offset === e.offset) prev.newText += e.newText;
    else out.push({ ...e });
  }
  return out;
}

function edits(spot: Spot, sprint: YAMLMap, e: SprintLogOp): TextEdit[] {
  if (e.kind === 'review') {
    const fields: Record<string, FlowValue> = {};
    if (e.satisfaction !== undefined) fields.satisfaction = e.satisfaction;
    if (e.notes !== undefined) fields.notes = e.notes;
    const review = pairOf(sprint, 'review');
    if (!review) {
      // The spec's order puts a sprint's review before its retro.
      const retro = pairOf(sprint, 'retro');
      return [retro ? setKeyBefore(spot, sprint, retro, 'review', fields) : setKey(spot, sprint, 'review', fields)];
    }
    const map = asMap(review.value);
    if (!map) throw new EditError(`${spot.file}: the review of ${e.sprint} is not a mapping; edit it by hand.`);
    return Object.entries(fields).map(([k, v]) => setKey(spot, map, k, v));
  }
  const retroPair = pairOf(sprint, 'retro');
  const retro = retroPair ? asMap(retroPair.value) : undefined;
  if (retroPair && !retro) throw new EditError(`${spot.file}: the retro of ${e.sprint} is not a mapping; edit it by hand.`);
  if (e.kind === 'retro-done') {
    const actions = retro ? asSeq(pairOf(retro, 'actions')?.value) : undefined;
    const action = asMap(actions?.items[e.index - 1]);
    if (!action) throw new EditError(`${e.sprint} has no retro action #${e.index} (it has ${actions?.items.length ?? 0}).`);
    return [setKey(spot, action, 'done', e.done)];
  }
  const list = e.kind === 'retro-note' ? e.list : 'actions';
  const entry: FlowValue = e.kind === 'retro-note' ? e.text : { text: e.text, ...(e.owner ? { owner: e.owner } : {}), done: false };
  if (!retro) return [setKey(spot, sprint, 'retro', { [list]: [entry] })];
  const pair = pairOf(retro, list);
  if (!pair) return [setKey(spot, retro, list, [entry])];
  const seq = asSeq(pair.value);
  if (!seq) throw new EditError(`${spot.file}: ${list} of ${e.sprint}'s retro is not a list; edit it by hand.`);
  return [appendTo(spot, seq, entry)];
}

/** A typed review rating (`4`, `4.5`): the number, or undefined when it is not one from 1 to 5 (the spec's scale). */
export function parseRating(text: string): number | undefined {
  const t = text.trim();
  const n = Number(t);
  return /^\d+(\.\d+)?$/.test(t) && n >= 1 && n <= 5 ? n : undefined;
}

/** Checks what the edit engine cannot leave to the file's validator: a rating in 1..5, a text that says something. */
function checkOp(e: SprintLogOp): void {
  if (e.kind === 'review') {
    if (e.satisfaction === undefined && e.notes === undefined) throw new EditError('give satisfaction and/or notes for the review.');
    if (e.satisfaction !== undefined && (typeof e.satisfaction !== 'number' || !(e.satisfaction >= 1 && e.satisfaction <= 5))) {
      throw new EditError(`satisfaction must be a number from 1 to 5, got ${JSON.stringify(e.satisfaction)}.`);
    }
  } else if (e.kind !== 'retro-done' && (typeof e.text !== 'string' || e.text.trim() === '')) {
    throw new EditError(`a retro ${e.kind === 'retro-note' ? 'note' : 'action'} needs a non-empty text.`);
  }
}

/** The sprint log's text with `e` applied; `file` names it in messages. */
export function editSprintLogText(file: string, text: string, e: SprintLogOp): string {
  checkOp(e);
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) throw new EditError(`${file}: does not parse; nothing is written while the file has errors (sprintlog validate).`);
  const sprints = asSeq(asMap(doc.contents) && (doc.contents as YAMLMap).get('sprints', true));
  const k = sprints?.items.findIndex((n) => String(asMap(n)?.get('id')) === e.sprint) ?? -1;
  const sprint = k < 0 ? undefined : asMap(sprints!.items[k]);
  if (!sprint) {
    const known = (sprints?.items ?? []).map((n) => String(asMap(n)?.get('id') ?? '?')).join(', ') || 'none';
    throw new EditError(`unknown sprint '${e.sprint}' (sprints: ${known}).`);
  }
  const spot: Spot = { file, text, eol: lineEnding(text) };
  const out = applyEdits(text, merged(edits(spot, sprint, e)));
  const after = parse(out) as { sprints?: Js[] } | null;
  const before = doc.toJS() as { sprints: Js[] };
  const others = (x: { sprints?: Js[] } | null): unknown => ({ ...x, sprints: x?.sprints?.filter((_, i) => i !== k) });
  if (!deepEqual(after?.sprints?.[k], expected(before.sprints[k], e)) || !deepEqual(others(after), others(before))) {
    throw new EditError(`${file}: the edit of ${e.sprint} would not read back as intended; edit it by hand.`);
  }
  return out;
}
