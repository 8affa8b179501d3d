// tableSkeleton: the Markdown of one template table, in the simple form, every figure blank.
import type { TableLayout, TableSpec, Template } from '../../templates/index.js';
import { delimiterRow, renderRow } from './markdown.js';

/**
 * Header texts that sit under a wider one in the table's official layout (the 四 table's 行政诉讼 spans
 * 未经复议直接起诉 and 复议后起诉, which the columns name only as their own groups): child → parent.
 */
export function groupParents(layout: TableLayout | undefined): Map<string, string> {
  const parents = new Map<string, string>();
  if (!layout) return parents;
  // The header as a grid: which cell of the layout covers each row and column.
  const grid: Array<Array<{ text: string } | undefined>> = layout.header.map(() => []);
  layout.header.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (grid[r][c]) c++;
      for (let dr = 0; dr < (cell.rowSpan ?? 1) && r + dr < grid.length; dr++) {
        for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) grid[r + dr][c + dc] = cell;
      }
      c += cell.colSpan ?? 1;
    }
  });
  for (let r = 1; r < grid.length; r++) {
    grid[r].forEach((cell, c) => {
      const above = grid[r - 1][c];
      if (cell && above && above !== cell && cell.text !== above.text && !parents.has(cell.text)) parents.set(cell.text, above.text);
    });
  }
  return parents;
}

export interface TableSkeletonOptions {
  /** Depth of the `### 第二十条第（一）项` heading before a captioned table (default 3). */
  headingDepth?: number;
  /** Line break between the lines (default LF). */
  eol?: string;
}

/**
 * The Markdown of template table `tableId`, blank cells throughout:
 * - header `| 项目 | <columns> |` (信息内容 for the 第二十条 blocks; 统计指标 | 单位 for tables whose rows carry units);
 * - grouped columns (the 四 table) get a header row per level, each group label over the first of its columns;
 * - one row per template row, labelled with its ordinal (（一）予以公开), group rows included;
 * - a captioned table (section 二) is preceded by its `### caption` heading and a blank line.
 * No trailing line break. Throws a RangeError for an unknown table id.
 */
export function tableSkeleton(template: Template, tableId: string, options: TableSkeletonOptions = {}): string {
  const spec = template.tables.find((t) => t.id === tableId);
  if (!spec) throw new RangeError(`template ${template.id} has no table "${tableId}"`);
  const eol = options.eol ?? '\n';
  const lines = tableLines(spec);
  if (spec.caption?.length) {
    const depth = Math.min(6, Math.max(1, options.headingDepth ?? 3));
    lines.unshift(`${'#'.repeat(depth)} ${spec.caption[0]}`, '');
  }
  return lines.join(eol);
}

/** Table lines only (no caption heading). */
export function tableLines(spec: TableSpec): string[] {
  const withUnits = spec.rows.some((r) => r.unit);
  const labelHeads = withUnits ? ['统计指标', '单位'] : [spec.caption?.length ? '信息内容' : '项目'];
  const parents = groupParents(spec.layout);
  const paths = spec.columns.map((c) => [...groupPath(c.group ?? [], parents), c.unit ? `${c.label}（单位：${c.unit}）` : c.label]);
  const height = Math.max(1, ...paths.map((p) => p.length));
  const width = labelHeads.length + paths.length;

  const header: string[][] = [];
  for (let r = 0; r < height; r++) {
    const cells = labelHeads.map((h) => (r === 0 ? h : ''));
    paths.forEach((path, c) => {
      // A label spans the columns after it that share it: only the first of them carries the text.
      const starts = c === 0 || paths[c - 1].slice(0, r + 1).join('\u0000') !== path.slice(0, r + 1).join('\u0000');
      cells.push(r < path.length && starts ? path[r] : '');
    });
    header.push(cells);
  }

  const lines = [renderRow(header[0]), delimiterRow(width), ...header.slice(1).map((cells) => renderRow(cells))];
  for (const row of spec.rows) {
    const cells = [(row.ordinal ?? '') + row.label];
    if (withUnits) cells.push(row.unit ?? '');
    for (let i = 0; i < paths.length; i++) cells.push('');
    lines.push(renderRow(cells));
  }
  return lines;
}

function groupPath(group: string[], parents: Map<string, string>): string[] {
  const out: string[] = [];
  for (const g of group) {
    const ancestors: string[] = [];
    for (let p = parents.get(g); p && !ancestors.includes(p) && !group.includes(p); p = parents.get(p)) ancestors.unshift(p);
    out.push(...ancestors, g);
  }
  return out;
}
