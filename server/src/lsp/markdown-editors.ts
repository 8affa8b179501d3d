// What a report needs in any editor that keeps it as Markdown: Tally's outline and folding unless the client shows
// its own (VS Code's Markdown support does), the report's outline on request for such a client, and the total rows
// as semantic tokens (a TextMate grammar cannot tell a report from other Markdown; the server can).
import type { SemanticTokensLegend } from 'vscode-languageserver';
import type { Analysis } from '../engine/index.js';
import { isTotalLabel } from '../engine/bind/tables.js';

export const REPORT_LANGUAGE = 'tally-report';

/** `initializationOptions.clientMarkdownOutline`: the client shows its own outline and folding for Markdown. */
export function clientShowsOutline(options: { clientMarkdownOutline?: unknown }): boolean {
  return options.clientMarkdownOutline === true;
}

/**
 * Whether the server answers outline and folding for a document of `languageId`: always for the report language;
 * for Markdown and anything else unless the client has its own for Markdown.
 */
export function answersOutline(languageId: string | undefined, clientOutline: boolean): boolean {
  if (languageId === undefined) return false;
  return languageId === REPORT_LANGUAGE || !(clientOutline && languageId === 'markdown');
}

/** One token type: a table row labelled as a total (合计, 总计, 小计 … in either script). */
export const SEMANTIC_LEGEND: SemanticTokensLegend = { tokenTypes: ['tallyTotal'], tokenModifiers: [] };

/** The total rows of a report's tables, as LSP semantic token data (relative lines and characters, 5 numbers each). */
export function totalRowTokens(analysis: Analysis): number[] {
  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const table of analysis.model.tables) {
    for (const row of table.rows.slice(table.headerRowCount)) {
      if (row.header || !row.label || !isTotalLabel(row.label)) continue;
      const { start, end } = row.range;
      if (end.line !== start.line || end.character <= start.character) continue;
      data.push(start.line - line, start.line === line ? start.character - character : start.character,
        end.character - start.character, 0, 0);
      line = start.line;
      character = start.character;
    }
  }
  return data;
}
