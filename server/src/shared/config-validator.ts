// The configuration file's schema, compiled by ajv on first use: a module of its own, which config.ts imports only
// when there is a configuration file, so that a check without one does not load ajv, nor build the schema.
import { Ajv } from 'ajv';
import schema from './tally-config.schema.json' with { type: 'json' };

export const CONFIG_SCHEMA: object = schema;

let validator: ReturnType<Ajv['compile']> | undefined;

export function configValidator(): ReturnType<Ajv['compile']> {
  return (validator ??= new Ajv({ allErrors: true, strictTypes: false }).compile(CONFIG_SCHEMA));
}
