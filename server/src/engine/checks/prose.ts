// The checks of figures in the text against the tables and against themselves (R10, R11, R18–R20).
import type { Check } from './check.js';

export const PROSE_CHECKS: readonly Check[] = [];
