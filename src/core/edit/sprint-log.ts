// Edits of the sprint log (backlog/sprints.yaml): a sprint's review rating and
// notes, and a new retro action. Same rules as the item edits: one splice of
// the current text (only the lines of the changed key are touched, comments
// and layout kept), and the result must read back as exactly the old log with
// that one change, or the edit is refused ("edit it by hand").

import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { lineEnding } from '../parse/source';
import { deepEqual } from './equal';
import { scalarText } from './scalar';
import { indentAt, lineEndAt, lineStartAt } from './text';
import { EditError } from './types';

export type SprintLogOp =
  /** Sets `review.satisfaction` and/or `review.notes` of a sprint (adding `review:` when absent). */
  | { kind: 'review'; sprint: string; satisfaction?: number; notes?: string }
  /** Appends `{text, owner?, done: false}` to `retro.actions` of a sprint (adding `retro:`/`actions:` when absent). */
  | { kind: 'retro-action'; sprint: string; text: string; owner?: string };

type JsMap = Record<string, unknown>;

/** The sprint log's text with `op` applied; `file` names it in messages. */
export function editSprintLogText(file: string, text: string, op: SprintLogOp): string {
  const eol = lineEnding(text);
  const { sprint, expected, js } = locate(file, text, op.sprint);
  const own = expected(js);
  let out = text;
  if (op.kind === 'review') {
    if (op.satisfaction !== undefined && (typeof op.satisfaction !== 'number' || !(op.satisfaction >= 1 && op.satisfaction <= 5))) {
      throw new EditError(`satisfaction must be a number from 1 to 5, got ${JSON.stringify(op.satisfaction)}.`);
    }
    const review = ((own.review ??= {}) as JsMap);
    const keys = (['satisfaction', 'notes'] as const).filter((k) => op[k] !== undefined);
    if (keys.length === 0) throw new EditError('give satisfaction and/or notes for the review.');
    // One key at a time, each on the text the previous one left (so every offset is current).
    for (const k of keys) {
      review[k] = op[k];
      out = setNested(file, out, k === keys[0] ? sprint : locate(file, out, op.sprint).sprint, 'review', k, op[k]!, eol);
    }
  } else {
    if (typeof op.text !== 'string' || op.text.trim() === '') throw new EditError('a retro action needs a non-empty text.');
    const action: JsMap = { text: op.text, ...(op.owner !== undefined ? { owner: op.owner } : {}), done: false };
    const retro = ((own.retro ??= {}) as JsMap);
    retro.actions = [...((retro.actions as unknown[] | undefined) ?? []), action];
    out = appendAction(file, text, sprint, action, eol);
  }
  const after = parseDocument(out, { prettyErrors: false });
  if (after.errors.length > 0 || !deepEqual(after.toJS(), js)) {
    throw new EditError(`${file}: the ${op.kind === 'review' ? 'review' : 'retro action'} of sprint ${op.sprint} cannot be written so that the file reads back as intended; edit it by hand.`);
  }
  return out;
}

function locate(file: string, text: string, id: string): { sprint: YAMLMap; js: JsMap; expected: (js: JsMap) => JsMap } {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) throw new EditError(`${file}: does not parse (${doc.errors[0].message.split('\n')[0]}); nothing is written while the file has errors.`);
  const sprints = doc.get('sprints', true);
  const list = isSeq(sprints) ? sprints.items : [];
  const k = list.findIndex((s) => isMap(s) && String(s.get('id')) === id);
  if (k === -1) {
    const known = list.map((s) => (isMap(s) ? String(s.get('id')) : '?')).join(', ') || '(none)';
    throw new EditError(`unknown sprint '${id}'. Known: ${known}.`);
  }
  const sprint = list[k] as YAMLMap;
  if (sprint.flow) throw new EditError(`${file}: sprint ${id} is written as a flow mapping ({...}); edit it by hand.`);
  const js = doc.toJS() as JsMap;
  return { sprint, js, expected: (all) => (all.sprints as JsMap[])[k] };
}

/** Offset of the end of the last line of `node` (before its line break). */
function endOfNode(text: string, node: Node): number {
  let end = node.range![1];
  while (end > node.range![0] && /\s/.test(text[end - 1])) end--;
  return lineEndAt(text, end);
}

/** Column of a block mapping's keys. */
function keyCol(text: string, map: YAMLMap): number {
  const key = (map.items[0] as Pair<Node>).key;
  const at = key.range![0];
  return at - lineStartAt(text, at);
}

function line(col: number, content: string): string {
  return ' '.repeat(col) + content;
}

/** Set key `k` of the block mapping `parentKey` of `sprint`, adding either when absent. */
function setNested(file: string, text: string, sprint: YAMLMap, parentKey: string, k: string, v: string | number, eol: string): string {
  const pair = sprint.items.find((p) => isScalar(p.key) && p.key.value === parentKey) as Pair<Node, Node> | undefined;
  const col = keyCol(text, sprint);
  if (!pair || pair.value === null || (isScalar(pair.value) && pair.value.value === null)) {
    if (pair) throw new EditError(`${file}: '${parentKey}:' of the sprint is empty; edit it by hand.`);
    const added = line(col, parentKey + ':') + eol + line(col + 2, `${k}: ${scalarText(v, 'block')}`);
    // The spec's order: `review` before `retro`.
    const retro = sprint.items.find((p) => isScalar(p.key) && p.key.value === 'retro');
    if (parentKey === 'review' && retro) {
      const at = lineStartAt(text, (retro.key as Node).range![0]);
      return text.slice(0, at) + added + eol + text.slice(at);
    }
    const at = endOfNode(text, sprint);
    return text.slice(0, at) + eol + added + text.slice(at);
  }
  const map = pair.value;
  if (!isMap(map) || map.flow || map.items.length === 0) throw new EditError(`${file}: '${parentKey}' of the sprint is not a block mapping; edit it by hand.`);
  const existing = map.items.find((p) => isScalar(p.key) && p.key.value === k) as Pair<Node, Node> | undefined;
  if (existing && isScalar(existing.value) && existing.value.value !== null && existing.value.range) {
    const [s, e] = existing.value.range;
    return text.slice(0, s) + scalarText(v, 'block') + text.slice(e);
  }
  if (existing) throw new EditError(`${file}: '${parentKey}.${k}' of the sprint is not a single value; edit it by hand.`);
  const at = endOfNode(text, map);
  return text.slice(0, at) + eol + line(keyCol(text, map), `${k}: ${scalarText(v, 'block')}`) + text.slice(at);
}

function actionLines(action: JsMap, dashCol: number): string[] {
  const keys = Object.keys(action);
  return keys.map((k, i) => line(i === 0 ? dashCol : dashCol + 2, `${i === 0 ? '- ' : ''}${k}: ${scalarText(action[k] as string | boolean, 'block')}`));
}

function appendAction(file: string, text: string, sprint: YAMLMap, action: JsMap, eol: string): string {
  const retroPair = sprint.items.find((p) => isScalar(p.key) && p.key.value === 'retro') as Pair<Node, Node> | undefined;
  const col = keyCol(text, sprint);
  if (!retroPair) {
    const at = endOfNode(text, sprint);
    return text.slice(0, at) + eol + [line(col, 'retro:'), line(col + 2, 'actions:'), ...actionLines(action, col + 4)].join(eol) + text.slice(at);
  }
  const retro = retroPair.value;
  if (!isMap(retro) || retro.flow || retro.items.length === 0) throw new EditError(`${file}: 'retro' of the sprint is not a block mapping; edit it by hand.`);
  const inner = keyCol(text, retro);
  const actionsPair = retro.items.find((p) => isScalar(p.key) && p.key.value === 'actions') as Pair<Node, Node> | undefined;
  if (!actionsPair) {
    const at = endOfNode(text, retro);
    return text.slice(0, at) + eol + [line(inner, 'actions:'), ...actionLines(action, inner + 2)].join(eol) + text.slice(at);
  }
  const actions = actionsPair.value;
  if (isSeq(actions) && !actions.flow && actions.items.length > 0) {
    const first = (actions.items[0] as Node).range![0];
    const dash = indentAt(text, lineStartAt(text, first));
    const at = endOfNode(text, actions);
    return text.slice(0, at) + eol + actionLines(action, dash).join(eol) + text.slice(at);
  }
  // `actions: []` or `actions:` (empty): the list becomes a block list of one.
  const empty = actions === null || (isScalar(actions) && actions.value === null) || (isSeq(actions) && actions.items.length === 0);
  if (!empty) throw new EditError(`${file}: 'retro.actions' of the sprint is not a block list; edit it by hand.`);
  const keyEnd = (actionsPair.key as Node).range![1];
  const colon = text.indexOf(':', keyEnd) + 1;
  const end = isSeq(actions) && actions.range ? actions.range[1] : colon;
  return text.slice(0, colon) + eol + actionLines(action, inner + 2).join(eol) + text.slice(end);
}
