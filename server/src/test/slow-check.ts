// Loaded with `node --import` before the CLI (and inherited by its worker threads): a check that takes its time on
// the documents that ask for it, so that the workers' batches come back in another order than they were sent.
import { CHECKS } from '../engine/checks/index.js';
import type { Check } from '../engine/checks/check.js';

const pause = new Int32Array(new SharedArrayBuffer(4));

export const SLOW_CHECK: Check = {
  codes: [],
  run({ model }) {
    if (model.doc.text.includes('<!-- slow -->')) Atomics.wait(pause, 0, 0, 500);
    return [];
  },
};

(CHECKS as Check[]).push(SLOW_CHECK);
