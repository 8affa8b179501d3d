// Loaded with `node --import` before the CLI (and inherited by its worker threads): a check that fails on the
// documents that ask for it, to test that one failing file costs no other file its results.
import { isMainThread } from 'node:worker_threads';
import { CHECKS } from '../engine/checks/index.js';
import type { Check } from '../engine/checks/check.js';

export const FAILING_CHECK: Check = {
  codes: [],
  run({ model }) {
    const text = model.doc.text;
    // A worker thread runs out of heap (its analysis would need more than a worker is given); the main thread does not.
    if (text.includes('<!-- tally-test: grow -->') && !isMainThread) {
      const held: number[][] = [];
      for (;;) held.push(new Array<number>(1 << 16).fill(held.length));
    }
    // A worker thread ends with the check; the main thread cannot, so there the check throws as well.
    if (text.includes('<!-- tally-test: exit -->') && !isMainThread) process.exit(70);
    if (text.includes('<!-- tally-test: throw -->') || text.includes('<!-- tally-test: exit -->')) {
      throw new TypeError('cannot read 机密 from the text');
    }
    return [];
  },
};

(CHECKS as Check[]).push(FAILING_CHECK);
