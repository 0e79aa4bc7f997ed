// The one tool set, served by `sprintlog mcp` and registered as VS Code
// language-model tools: name, description, input schema, and what it does.
// Answers are compact JSON with ids (never positions that shift).

import type { EditOp } from '../edit';
import type { Workspace } from '../model';
import type { AgentHost } from './host';
import { forecast, getItem, listItems, metricsSummary, sprintStatus, validate } from './read';
import { AgentInputError, checkInput, type JsonSchema } from './schema';
import { addItemOps, blockOps, moveItemOps, retroActionOps, reviewOps, runWrite, setFieldsOps, unblockOps } from './write';

export interface AgentTool {
  /** MCP tool name; VS Code's is `sprintlog_` + name. */
  name: string;
  title: string;
  description: string;
  writes: boolean;
  inputSchema: JsonSchema;
  /** Write tools: the edit ops for a (checked) input on a workspace. */
  ops?(ws: Workspace, input: never): EditOp[];
  run(host: AgentHost, input: never): Promise<unknown>;
}

const str = (description: string): JsonSchema => ({ type: 'string', minLength: 1, description });
const ID = str('Item id, e.g. PAY-12.');
const SPRINT = str('Sprint id from the sprint log, e.g. S12.');
const VALUE: JsonSchema = { type: ['string', 'number', 'boolean', 'array', 'null'], items: { type: ['string', 'number', 'boolean'] } };
const FIELDS: JsonSchema = {
  type: 'object',
  description: 'Item keys to write (docs/spec/backlog-format.md): title, type, state, points, sprint, assignee, epic, depends_on, blocked, tags, value, created, started, finished, description. null removes a key.',
  additionalProperties: VALUE,
};

function object(properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return { type: 'object', properties, required, additionalProperties: false };
}

function writer<I>(t: Omit<AgentTool, 'writes' | 'run' | 'ops'> & { ops: (ws: Workspace, input: I) => EditOp[]; reserve?: boolean }): AgentTool {
  const ops = t.ops;
  return {
    name: t.name, title: t.title, description: t.description, inputSchema: t.inputSchema, writes: true,
    ops: ops as AgentTool['ops'],
    run: (host, input: I) => runWrite(host, (ws) => ops(ws, input), t.reserve === true),
  } as AgentTool;
}

export const AGENT_TOOLS: readonly AgentTool[] = [
  {
    name: 'list_items', title: 'List backlog items', writes: false,
    description: 'Backlog items in rank order (1 = most important) with their keys, filtered by sprint (an id, or "none" for the product backlog), state (a state name or todo/doing/done), assignee, epic, tag, text (in id, title, description) and blocked.',
    inputSchema: object({
      sprint: str('Sprint id, or "none" for items in no sprint.'), state: str('State name, or a category: todo, doing, done.'),
      assignee: str('Assignee as written in the file.'), epic: str('Epic id.'), tag: str('One tag.'), text: str('Case-insensitive text in id, title or description.'),
      blocked: { type: 'boolean', description: 'true: only blocked items; false: only unblocked ones.' },
      limit: { type: 'integer', minimum: 1, description: 'Most items to return (default 200).' },
    }),
    run: async (host, input: Parameters<typeof listItems>[1]) => listItems(await host.workspace(), input),
  },
  {
    name: 'get_item', title: 'Get one backlog item', writes: false,
    description: 'One item: its keys, file:line, its metrics (started, done, cycle time, blocked days) and its history from git: every change of state, sprint, points, assignee and blocked with the time and the commit.',
    inputSchema: object({ id: ID }, ['id']),
    run: async (host, input: { id: string }) => {
      const [ws, m] = await Promise.all([host.workspace(), host.metrics()]);
      return getItem(ws, m.report, m.history, input.id);
    },
  },
  {
    name: 'sprint_status', title: 'Sprint status', writes: false,
    description: 'The active sprint (or the one given): goal, dates, working days left, committed/completed/remaining points against the ideal burndown, scope changes, its items and the health warnings that concern it.',
    inputSchema: object({ sprint: str('Sprint id (default: the active sprint, else the last closed one).') }),
    run: async (host, input: { sprint?: string }) => {
      const [ws, m] = await Promise.all([host.workspace(), host.metrics()]);
      return sprintStatus(ws, m.report, input.sprint);
    },
  },
  {
    name: 'metrics_summary', title: 'Metrics summary', writes: false,
    description: 'Velocity, cycle time, stakeholder satisfaction, every sprint\'s committed and completed points, and the health warnings — the figures of `sprintlog metrics --json`.',
    inputSchema: object({}),
    run: async (host) => metricsSummary((await host.metrics()).report),
  },
  {
    name: 'forecast', title: 'Forecast', writes: false,
    description: 'Monte Carlo forecast from the recent daily throughput: when the open items will be done (50/85/95 %) and how many items will be done by the end of the sprint.',
    inputSchema: object({}),
    run: async (host) => forecast((await host.metrics()).report),
  },
  {
    name: 'validate', title: 'Validate the backlog', writes: false,
    description: 'Every error and warning in the backlog files, each with file, line, column, code, message and hint (as `sprintlog validate --format json`). Writes are refused while a file does not parse.',
    inputSchema: object({}),
    run: async (host) => validate(await host.workspace()),
  },
  writer({
    name: 'set_fields', title: 'Set item fields',
    description: 'Set or remove keys of one item, e.g. {"id": "PAY-12", "fields": {"state": "done"}}; null removes a key. Comments and layout are kept; the answer lists the changed lines.',
    inputSchema: object({ id: ID, fields: FIELDS }, ['id', 'fields']),
    ops: (_ws, input: { id: string; fields: Record<string, unknown> }) => setFieldsOps(input),
  }),
  writer({
    name: 'add_item', title: 'Add a backlog item', reserve: true,
    description: 'Add an item (default: last in the main backlog file) with a new id from the project prefix; the answer gives its id and the added lines.',
    inputSchema: object({ title: str('Title of the new item.'), fields: FIELDS, rank: { type: 'integer', minimum: 1, description: 'Rank of the new item, 1 = top.' } }, ['title']),
    ops: (ws, input: { title: string; fields?: Record<string, unknown>; rank?: number }) => addItemOps(ws, input),
  }),
  writer({
    name: 'move_item', title: 'Move an item',
    description: 'Move an item into a sprint (sprint: id), back to the product backlog (sprint: null), or to a rank (rank: 1 = top). Give exactly one of sprint and rank.',
    inputSchema: object({ id: ID, sprint: { type: ['string', 'null'], description: 'Sprint id, or null for the product backlog.' }, rank: { type: 'integer', minimum: 1, description: 'New rank, 1 = top.' } }, ['id']),
    ops: (ws, input: { id: string; sprint?: string | null; rank?: number }) => moveItemOps(ws, input),
  }),
  writer({
    name: 'block_item', title: 'Block an item',
    description: 'Mark an item blocked with the impediment as the reason (its state stays as it is).',
    inputSchema: object({ id: ID, reason: str('The impediment, e.g. "Waiting for vendor API keys".') }, ['id', 'reason']),
    ops: (_ws, input: { id: string; reason: string }) => blockOps(input),
  }),
  writer({
    name: 'unblock_item', title: 'Unblock an item',
    description: 'Remove the impediment (`blocked`) of an item.',
    inputSchema: object({ id: ID }, ['id']),
    ops: (_ws, input: { id: string }) => unblockOps(input),
  }),
  writer({
    name: 'add_retro_action', title: 'Add a retro action',
    description: 'Add an open action (done: false) to the retro of a sprint in the sprint log.',
    inputSchema: object({ sprint: SPRINT, text: str('What the team will do.'), owner: str('Who follows it up.') }, ['sprint', 'text']),
    ops: (_ws, input: { sprint: string; text: string; owner?: string }) => retroActionOps(input),
  }),
  writer({
    name: 'rate_review', title: 'Record the sprint review',
    description: 'Record the stakeholders\' satisfaction (1..5) and/or notes of a sprint review in the sprint log.',
    inputSchema: object({ sprint: SPRINT, satisfaction: { type: 'number', minimum: 1, maximum: 5, description: 'Stakeholder rating, 1..5.' }, notes: str('Review notes.') }, ['sprint']),
    ops: (_ws, input: { sprint: string; satisfaction?: number; notes?: string }) => reviewOps(input),
  }),
];

export function findTool(name: string): AgentTool {
  const tool = AGENT_TOOLS.find((t) => t.name === name);
  if (!tool) throw new AgentInputError(`unknown tool '${name}'. Tools: ${AGENT_TOOLS.map((t) => t.name).join(', ')}.`);
  return tool;
}

/** Check the input against the tool's schema and run it. */
export async function runTool(host: AgentHost, name: string, input: unknown): Promise<unknown> {
  const tool = findTool(name);
  const given = input ?? {};
  checkInput(tool.inputSchema, given);
  return tool.run(host, given as never);
}

/** A tool's answer as the text an agent reads: one line of JSON. */
export function answerText(value: unknown): string {
  return JSON.stringify(value);
}
