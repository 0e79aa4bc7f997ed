// Ids of items, epics and sprints: present, well-formed and unique.

import { type Context, quote } from './context';
import { type Entry, scalarText } from './fields';

const ID = /^[A-Za-z0-9._-]+$/;

/**
 * Checks each entry's id and returns the first entry per valid id. The second
 * occurrence of an id is the one reported, pointing back at the first.
 * `kind` is `item`, `epic` or `sprint`; `suggestId` proposes a free id for the hint.
 */
export function checkIds<T extends Entry>(ctx: Context, entries: readonly T[], kind: string, label: (e: T) => string, suggestId: () => string | undefined): Map<string, T> {
  const first = new Map<string, T>();
  const free = (): string => {
    const s = suggestId();
    return s ? ` (the next free one is \`${s}\`)` : '';
  };
  for (const e of entries) {
    const v = e.raw.id;
    const id = scalarText(v);
    if (v === undefined) {
      ctx.error(ctx.entryHead(e.source), 'missing-id', `${label(e)} has no \`id\`; every ${kind} needs a unique one.`, `Add an \`id:\` line${free()}.`);
      continue;
    }
    const at = e.fields.id?.value ?? ctx.entryHead(e.source);
    if (id === undefined || id.trim() === '') {
      ctx.error(at, 'missing-id', `The \`id\` of ${label(e)} is ${id === '' ? 'empty' : quote(v)}; every ${kind} needs a unique id.`, `Give it an id${free()}.`);
      continue;
    }
    if (!ID.test(id)) {
      ctx.error(at, 'missing-id', `The ${kind} id \`${id}\` is not a valid id: ids may only contain letters, digits, \`.\`, \`_\` and \`-\`.`,
        `Use an id like \`${id.replace(/[^A-Za-z0-9._-]+/g, '-')}\`${free()}.`);
      continue;
    }
    const prev = first.get(id);
    if (prev) {
      ctx.error(at, 'duplicate-id', `The ${kind} id \`${id}\` is already used at ${prev.source.file}:${prev.fields.id?.value.line ?? prev.source.line}; ${kind} ids must be unique${kind === 'item' ? ' across all backlog files' : ''}.`,
        `Give this ${kind} a new id${free()}, or delete it if it is a copy.`);
      continue;
    }
    first.set(id, e);
  }
  return first;
}

/** `PAY-57` when the project is PAY and PAY-56 is the highest item id. */
export function nextFreeId(project: string | undefined, ids: Iterable<string>): string | undefined {
  if (!project) return undefined;
  const prefix = project + '-';
  let max = 0;
  for (const id of ids) {
    if (!id.startsWith(prefix)) continue;
    const n = Number(id.slice(prefix.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return prefix + (max + 1);
}
