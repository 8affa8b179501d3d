// The checks of a report's own statements about itself: its year and its parts (R21, R22).
import type { Check } from './check.js';
import { yearMismatch } from './year-mismatch.js';
import { partCount } from './part-count.js';

export const DOCUMENT_CHECKS: readonly Check[] = [yearMismatch, partCount];
