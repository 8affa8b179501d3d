// padRowEdit: a table row that lost cells gets empty ones at its end, up to the header's count.
import type { Analysis } from '../index.js';
import type { Edit } from '../findings.js';
import { emptyCellStyle, hasTrailingPipe } from './markdown.js';

/**
 * For the table row on 0-based `line` with fewer cells than its table's header: appends the missing empty
 * cells after its last one, written as the row (else the table) writes an empty cell. A row without a closing
 * pipe gets one, since GFM cannot write an empty last cell without it. Undefined for a line that is not a
 * short table row.
 */
export function padRowEdit(analysis: Analysis, line: number): Edit | undefined {
  const { lines } = analysis.model.doc;
  for (const table of analysis.model.tables) {
    if (line < table.range.start.line || line > table.range.end.line) continue;
    const row = table.rows.find((r) => r.line === line);
    if (!row || row.index === 0) return undefined;
    const missing = table.width - row.cells.length;
    if (missing <= 0) return undefined;
    const source = lines.lineText(line);
    const content = source.replace(/[ \t]+$/, '');
    const empty = emptyCellStyle([source]) ?? emptyCellStyle(table.rows.map((r) => lines.lineText(r.line))) ?? ' ';
    const newText = (hasTrailingPipe(content) ? '' : ' |') + `${empty}|`.repeat(missing);
    const at = lines.position(lines.lineStart(line) + content.length);
    return { range: { start: at, end: at }, newText };
  }
  return undefined;
}
