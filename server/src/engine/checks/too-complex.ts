// too-complex: lines nested deeper than any report needs (block quotes, list items) are left out of the parse,
// so the rest of the document is still checked in reasonable time; each run of them is reported once.
import { MAX_NESTING } from '../nesting.js';
import { finding, type Check } from './check.js';

export const tooComplex: Check = {
  codes: ['too-complex'],
  run({ model }) {
    const lines = model.doc.lines;
    return (model.doc.deep ?? []).map((run) => {
      const range = lines.range(lines.lineStart(run.startLine), lines.lineEnd(run.endLine));
      const count = run.endLine - run.startLine + 1;
      return finding('too-complex', range, {
        zh: `${count > 1 ? `这 ${count} 行` : '此行'}的引用或列表嵌套了 ${run.depth} 层（最多 ${MAX_NESTING} 层），未作检查`,
        en: `${count > 1 ? `These ${count} lines nest` : 'This line nests'} block quotes or lists ${run.depth} levels deep (at most ${MAX_NESTING}): not checked`,
      });
    });
  },
};
