// A brief run of the protocol fuzzing (fuzz.ts) with a fixed seed, every property put to the test at least once;
// `npm run fuzz` runs it at length.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzz, replayTexts, htmlBlockOverHeadings } from './fuzz.js';

test('random edit sequences over the protocol: incremental = fresh, CLI = server, formatting and fix-all idempotent and adding nothing', async () => {
  const seed = Number(process.env.FUZZ_SEED ?? 20240611);
  const runs = Number(process.env.FUZZ_RUNS ?? 20);
  const exercised = await fuzz({ seed, runs, cliBatch: runs });
  assert.equal(exercised.cases, runs);
  for (const [property, count] of Object.entries(exercised)) assert.ok(count > 0, `${property} put to the test (seed ${seed})`);
});

test('counterexamples found before, over the protocol: an HTML block opened above a heading (seed 2)', async () => {
  await replayTexts(htmlBlockOverHeadings());
});
