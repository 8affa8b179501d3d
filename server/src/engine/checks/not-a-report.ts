// not-a-report: a document that claims to be an annual report but has none of its sections (one finding, not six).
import { finding, documentRange, type Check } from './check.js';
import { msg } from '../message.js';

export const notAReport: Check = {
  codes: ['not-a-report'],
  run(context) {
    const { binding } = context;
    if (!binding.claimsReport) return [];
    const matched = binding.sections?.matches.length ?? 0;
    if (matched > 0 || binding.tables.length > 0) return [];
    return [finding('not-a-report', documentRange(context), msg('not-a-report.this-document-has-none-of'))];
  },
};
