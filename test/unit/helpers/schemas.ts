/**
 * The JSON Schemas of schemas/ compiled by ajv in strict mode (unknown keywords
 * or formats in our schemas are mistakes), for tests:
 *
 *   schemaErrors('archive', yamlText)   // ajv errors of the text read as YAML 1.2 (like the YAML extension)
 *   schemaKindOf('backlog/archive/2025.yml')   // 'archive', as package.json's yamlValidation maps it
 *
 * The editor-only keywords the YAML language server reads (hover and messages)
 * are declared to ajv as annotations, so strict mode still rejects typos.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../../..');

export const SCHEMA_FILES = { backlog: 'schemas/backlog.schema.json', archive: 'schemas/archive.schema.json', sprints: 'schemas/sprints.schema.json' } as const;
export type SchemaKind = keyof typeof SCHEMA_FILES;

/** Keywords of the YAML language server (and VS Code's JSON service) that ajv does not know. */
export const EDITOR_KEYWORDS = ['markdownDescription', 'patternErrorMessage', 'deprecationMessage', 'doNotSuggest'];

export function readSchema(kind: SchemaKind): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, SCHEMA_FILES[kind]), 'utf8')) as Record<string, unknown>;
}

// Union types (`id: 12` is allowed) are intended.
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, keywords: EDITOR_KEYWORDS });
// The archive schema refers to the backlog schema's definitions by relative $ref (resolved against $id).
for (const kind of Object.keys(SCHEMA_FILES) as SchemaKind[]) ajv.addSchema(readSchema(kind));
const compiled = new Map<SchemaKind, ValidateFunction>();

export function schemaValidator(kind: SchemaKind): ValidateFunction {
  let v = compiled.get(kind);
  if (!v) compiled.set(kind, (v = ajv.getSchema(readSchema(kind).$id as string)!));
  return v;
}

/** ajv's errors for a YAML text; throws when the text is not YAML (the editor reports that itself). */
export function schemaErrors(kind: SchemaKind, yamlText: string): ErrorObject[] {
  const v = schemaValidator(kind);
  v(parse(yamlText));
  return v.errors ?? [];
}

/** Which schema package.json's `yamlValidation` gives a repo-relative path, or undefined. */
export function schemaKindOf(file: string): SchemaKind | undefined {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { yamlValidation: { fileMatch: string | string[]; url: string }[] } };
  for (const { fileMatch, url } of pkg.contributes.yamlValidation) {
    const patterns = typeof fileMatch === 'string' ? [fileMatch] : fileMatch;
    // The patterns are plain paths with at most one `*` for a file name.
    const hit = patterns.some((p) => new RegExp('(^|/)' + p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace('*', '[^/]*') + '$').test(file));
    if (hit) return (Object.keys(SCHEMA_FILES) as SchemaKind[]).find((k) => path.normalize(SCHEMA_FILES[k]) === path.normalize(url));
  }
  return undefined;
}
