// Writes server/src/shared/tally-config.schema.json's list of check codes from the engine's CODES (out/engine/findings.js,
// so run after `tsc`): the schema is data, generated where it repeats the engine. The tests fail when it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CODES } from '../out/engine/findings.js';
import { render } from '../out/messages/render.js';

const file = fileURLToPath(new URL('../server/src/shared/tally-config.schema.json', import.meta.url));
const schema = JSON.parse(readFileSync(file, 'utf8'));
schema.$defs.checks.properties = Object.fromEntries(Object.entries(CODES).map(([code, info]) =>
  [code, { $ref: '#/$defs/checkSetting', description: `${render(info.title, 'en')} / ${render(info.title, 'zh-CN')} (default: ${info.severity})` }]));
writeFileSync(file, JSON.stringify(schema, null, 2) + '\n');
