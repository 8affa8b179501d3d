// What a check across years receives: this year's report and the same body's report for the year before.
import type { Finding } from '../findings.js';
import type { Range } from '../source.js';
import { displayPath, type WorkspaceReport } from './match.js';

export type CrossYearCheck = (current: WorkspaceReport, previous: WorkspaceReport) => Finding[];

/** "pair-2021.md:85": the other file, relative to this one, and the 1-based line. */
export function where(from: string, to: string, range: Range): string {
  return `${displayPath(from, to)}:${range.start.line + 1}`;
}
