// The tools' inputs as JSON Schemas (the MCP server lists them, package.json's
// languageModelTools repeat them, a unit test keeps the two equal), and a
// checker for exactly the subset they use, so a bad input is refused before
// anything runs with a message that names the field.

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null';

export interface JsonSchema {
  type?: JsonType | JsonType[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  /** false = no other keys; a schema = the schema of every other key. */
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: Array<string | number | boolean | null>;
  minLength?: number;
  minimum?: number;
  maximum?: number;
}

/** A refused tool call: the message says what to change. */
export class AgentInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentInputError';
  }
}

function typeOf(v: unknown): JsonType | 'undefined' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v as JsonType | 'undefined';
}

function fits(t: JsonType, v: unknown): boolean {
  const actual = typeOf(v);
  if (t === 'number') return (actual === 'number' || actual === 'integer') && Number.isFinite(v as number);
  return actual === t;
}

const shown = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v).slice(0, 80));

/** Throws AgentInputError for the first place `value` does not fit `schema`; `at` names the field (`input.fields.points`). */
export function checkInput(schema: JsonSchema, value: unknown, at = 'input'): void {
  const types = schema.type === undefined ? undefined : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types && !types.some((t) => fits(t, value))) {
    throw new AgentInputError(`${at} must be ${types.map((t) => (t === 'integer' ? 'a whole number' : t === 'array' ? 'a list' : t === 'object' ? 'an object' : t === 'null' ? 'null' : `a ${t}`)).join(' or ')}, got ${shown(value)}.`);
  }
  if (schema.enum && !schema.enum.includes(value as string)) throw new AgentInputError(`${at} must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}, got ${shown(value)}.`);
  if (typeof value === 'string' && schema.minLength !== undefined && value.trim().length < schema.minLength) throw new AgentInputError(`${at} must not be empty.`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) throw new AgentInputError(`${at} must be >= ${schema.minimum}, got ${value}.`);
    if (schema.maximum !== undefined && value > schema.maximum) throw new AgentInputError(`${at} must be <= ${schema.maximum}, got ${value}.`);
  }
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => checkInput(schema.items!, v, `${at}[${i}]`));
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (obj[key] === undefined) throw new AgentInputError(`${at}.${key} is required: ${schema.properties?.[key]?.description ?? ''}`.trim());
    for (const [key, v] of Object.entries(obj)) {
      const prop = schema.properties?.[key];
      if (prop) checkInput(prop, v, `${at}.${key}`);
      else if (schema.additionalProperties === false) throw new AgentInputError(`${at}.${key} is not a known field (known: ${Object.keys(schema.properties ?? {}).join(', ') || 'none'}).`);
      else if (typeof schema.additionalProperties === 'object') checkInput(schema.additionalProperties, v, `${at}.${key}`);
    }
  }
}
