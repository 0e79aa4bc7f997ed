// Review ratings and retrospective notes/actions in backlog/sprints.yaml
// (backlog-format.md: a sprint's `review:` and `retro:`), planned as text edits
// for the edit engine's writer (editWorkspace: lock, validation, atomic write).
// Each plan is checked the engine's way before it is kept: the sprint's new text
// must read back as exactly the intended values, and nothing else of it changed.

import { parse, parseDocument, type YAMLMap } from 'yaml';
import { deepEqual } from '../edit/equal';
import { applyEdits } from '../edit/text';
import { EditError, type EditPlan, type TextEdit } from '../edit/types';
import type { Workspace } from '../model';
import { appendTo, asMap, asSeq, type FlowValue, pairOf, setKey, type Spot } from './splice';

export type SprintEdit =
  | { kind: 'review'; sprint: string; satisfaction?: number; notes?: string }
  | { kind: 'retro-note'; sprint: string; list: 'went_well' | 'to_improve'; text: string }
  | { kind: 'retro-action'; sprint: string; text: string; owner?: string }
  | { kind: 'retro-done'; sprint: string; index: number; done: boolean };

type Js = Record<string, unknown>;

/** The change on the sprint's plain JS value, for the read-back check. */
function expected(before: Js, e: SprintEdit): Js {
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

function edits(spot: Spot, sprint: YAMLMap, e: SprintEdit): TextEdit[] {
  if (e.kind === 'review') {
    const fields: Record<string, FlowValue> = {};
    if (e.satisfaction !== undefined) fields.satisfaction = e.satisfaction;
    if (e.notes !== undefined) fields.notes = e.notes;
    const review = pairOf(sprint, 'review');
    if (!review) return [setKey(spot, sprint, 'review', fields)];
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

export function planSprintEdit(ws: Workspace, e: SprintEdit): EditPlan {
  const log = ws.sprintLog;
  if (!log) throw new EditError(`no sprint log: ${ws.sprintsPath} does not exist.`);
  const doc = parseDocument(log.text, { prettyErrors: false });
  if (doc.errors.length > 0) throw new EditError(`${log.file}: does not parse; fix it first (sprintlog validate).`);
  const sprints = asSeq(asMap(doc.contents) && (doc.contents as YAMLMap).get('sprints', true));
  const k = sprints?.items.findIndex((n) => String(asMap(n)?.get('id')) === e.sprint) ?? -1;
  const sprint = k < 0 ? undefined : asMap(sprints!.items[k]);
  if (!sprint) throw new EditError(`unknown sprint '${e.sprint}' (sprints: ${log.sprints.map((s) => s.id).join(', ') || 'none'}).`);
  const spot: Spot = { file: log.file, text: log.text, eol: log.text.includes('\r\n') ? '\r\n' : '\n' };
  const planned = merged(edits(spot, sprint, e));
  const after = parse(applyEdits(log.text, planned)) as { sprints?: Js[] } | null;
  const before = doc.toJS() as { sprints: Js[] };
  const others = (x: { sprints?: Js[] } | null): unknown => ({ ...x, sprints: x?.sprints?.filter((_, i) => i !== k) });
  if (!deepEqual(after?.sprints?.[k], expected(before.sprints[k], e)) || !deepEqual(others(after), others(before))) {
    throw new EditError(`${log.file}: the edit of ${e.sprint} would not read back as intended; edit it by hand.`);
  }
  return { edits: planned, newIds: [] };
}
