// too-complex: lines nested deeper than any report needs (block quotes, list items) are left out of the parse,
// so the rest of the document is still checked in reasonable time; each run of them is reported once.
import { MAX_NESTING } from '../nesting.js';
import { finding, type Check } from './check.js';
import { msg, label } from '../message.js';

export const tooComplex: Check = {
  codes: ['too-complex'],
  run({ model }) {
    const lines = model.doc.lines;
    return (model.doc.deep ?? []).map((run) => {
      const range = lines.range(lines.lineStart(run.startLine), lines.lineEnd(run.endLine));
      const count = run.endLine - run.startLine + 1;
      return finding('too-complex', range, msg('too-complex.block-quotes-or-lists-levels', { count, depth: run.depth, MAX_NESTING }));
    });
  },
};
