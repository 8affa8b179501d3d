// The checks of figures in the text against the tables and against themselves (R10, R11, R18–R20).
// They share one reading of the text per report (engine/prose), with its vocabulary in templates/prose.json.
import type { Check } from './check.js';
import { proseMismatch } from './prose-mismatch.js';
import { breakdownSum } from './breakdown-sum.js';
import { percentage } from './percentage.js';
import { claimContradiction } from './claim-contradiction.js';

export const PROSE_CHECKS: readonly Check[] = [proseMismatch, breakdownSum, percentage, claimContradiction];
