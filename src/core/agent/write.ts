// The writing tools as edit-engine ops on the current workspace. The host
// plans and writes them (refusing files that do not parse and results with new
// validation errors); the answer is the diff of what was written.

import { planEdits, type EditOp } from '../edit';
import type { Workspace } from '../model';
import { planDiff } from './diff';
import type { AgentHost } from './host';
import { AgentInputError } from './schema';

type Fields = Record<string, unknown>;

function checkRank(rank: number, max: number, what: string): number {
  if (rank > max) throw new AgentInputError(`input.rank ${rank} is past the end: ${what} 1..${max}.`);
  return rank - 1;
}

export function setFieldsOps(input: { id: string; fields: Fields }): EditOp[] {
  const entries = Object.entries(input.fields);
  if (entries.length === 0) throw new AgentInputError('input.fields is empty: give at least one key, e.g. {"state": "done"} (null removes a key).');
  return entries.map(([field, value]): EditOp => (value === null ? { kind: 'remove', id: input.id, field } : { kind: 'set', id: input.id, field, value }));
}

export function addItemOps(ws: Workspace, input: { title: string; fields?: Fields; rank?: number }): EditOp[] {
  const fields: Fields = { ...(input.fields ?? {}), title: input.title };
  for (const [k, v] of Object.entries(fields)) if (v === null) delete fields[k];
  const rank = input.rank === undefined ? undefined : checkRank(input.rank, ws.items.length + 1, 'use');
  return [{ kind: 'add', fields, rank }];
}

export function moveItemOps(ws: Workspace, input: { id: string; sprint?: string | null; rank?: number }): EditOp[] {
  const hasSprint = 'sprint' in input && input.sprint !== undefined;
  if (hasSprint === (input.rank !== undefined)) throw new AgentInputError('give exactly one of input.sprint (a sprint id, or null for the product backlog) and input.rank (1 = top).');
  if (input.rank !== undefined) return [{ kind: 'move', id: input.id, toRank: checkRank(input.rank, ws.items.length, 'there are items') }];
  const sprint = input.sprint === null || input.sprint === 'none' ? null : input.sprint!;
  if (sprint !== null && ws.sprintLog && !ws.sprintLog.sprints.some((s) => s.id === sprint)) {
    throw new AgentInputError(`input.sprint: unknown sprint '${sprint}'. Known: ${ws.sprintLog.sprints.map((s) => s.id).join(', ') || '(none)'}.`);
  }
  return [{ kind: 'sprint', ids: [input.id], sprint }];
}

export function blockOps(input: { id: string; reason: string }): EditOp[] {
  return [{ kind: 'set', id: input.id, field: 'blocked', value: input.reason }];
}

export function unblockOps(input: { id: string }): EditOp[] {
  return [{ kind: 'remove', id: input.id, field: 'blocked' }];
}

export function retroActionOps(input: { sprint: string; text: string; owner?: string }): EditOp[] {
  return [{ kind: 'retro-action', sprint: input.sprint, text: input.text, ...(input.owner !== undefined ? { owner: input.owner } : {}) }];
}

export function reviewOps(input: { sprint: string; satisfaction?: number; notes?: string }): EditOp[] {
  if (input.satisfaction === undefined && input.notes === undefined) throw new AgentInputError('give input.satisfaction (1..5) and/or input.notes.');
  return [{ kind: 'review', sprint: input.sprint, ...(input.satisfaction !== undefined ? { satisfaction: input.satisfaction } : {}), ...(input.notes !== undefined ? { notes: input.notes } : {}) }];
}

/** Run a write through the host: the answer says what changed, line by line. */
export async function runWrite(host: AgentHost, opsOf: (ws: Workspace) => EditOp[], reserveHistoryIds = false): Promise<Record<string, unknown>> {
  if (!host.write) throw new AgentInputError('this Sprintlog server is read-only (started with --read-only, or the workspace is not trusted): it does not change files.');
  const w = await host.write(opsOf, { reserveHistoryIds });
  return { changed: w.files.length > 0, files: w.files, diff: w.diff, ...(w.newIds.length > 0 ? { ids: w.newIds } : {}) };
}

/** The diff a write would make on `ws` now (for a confirmation before it runs). */
export function previewWrite(ws: Workspace, ops: EditOp[]): string[] {
  return planDiff(ws, planEdits(ws, ops));
}
