// Checks a template against template.schema.json (the built-in ones in the tests, a team's own at load time).
import { Ajv } from 'ajv';
import { TEMPLATE_SCHEMA } from './index.js';

let validator: ReturnType<Ajv['compile']> | undefined;

/** Schema violations as "path message" lines; empty when the template is valid. */
export function validateTemplate(json: unknown): string[] {
  validator ??= new Ajv({ allErrors: true }).compile(TEMPLATE_SCHEMA);
  if (validator(json)) return [];
  return (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
}
