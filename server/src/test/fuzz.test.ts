// A brief run of the protocol fuzzing (fuzz.ts) with a fixed seed, after the counterexamples found before, every
// property put to the test at least once; `npm run fuzz` runs it at length.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzz, htmlBlockOverHeadings } from './fuzz.js';

test('counterexamples found before, then random edit sequences over the protocol: incremental = fresh, CLI = server, formatting and fix-all idempotent and adding nothing', async () => {
  const seed = Number(process.env.FUZZ_SEED ?? 20240611);
  const runs = Number(process.env.FUZZ_RUNS ?? 16);
  const before = [htmlBlockOverHeadings()];
  const exercised = await fuzz({ seed, runs, cliBatch: runs + before.length, before });
  assert.equal(exercised.cases, runs + before.length);
  for (const [property, count] of Object.entries(exercised)) assert.ok(count > 0, `${property} put to the test (seed ${seed})`);
});
