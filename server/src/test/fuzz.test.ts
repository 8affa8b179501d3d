// A brief run of the protocol fuzzing (fuzz.ts) with a fixed seed, known open defects left out; `npm run fuzz`
// runs it at length.
import { test } from 'node:test';
import { fuzz, KNOWN_OPEN_DEFECTS } from './fuzz.js';

test('random edit sequences over the protocol: incremental = fresh, CLI = server, formatting and fix-all idempotent', async () => {
  const seed = Number(process.env.FUZZ_SEED ?? 20240611);
  const { skipped } = await fuzz({ seed, runs: Number(process.env.FUZZ_RUNS ?? 20), avoidKnown: true });
  if (Object.keys(skipped).length) console.log(`skipped for known open defects (${KNOWN_OPEN_DEFECTS.map((d) => d.id).join(', ')}): ${JSON.stringify(skipped)}`);
});
