// The configuration file's schema, compiled by ajv on first use: a module of its own, which config.ts imports only
// when there is a configuration file, so that a check without one does not load ajv.
import { Ajv } from 'ajv';
import { CONFIG_SCHEMA } from './config.js';

let validator: ReturnType<Ajv['compile']> | undefined;

export function configValidator(): ReturnType<Ajv['compile']> {
  return (validator ??= new Ajv({ allErrors: true, strictTypes: false }).compile(CONFIG_SCHEMA));
}
