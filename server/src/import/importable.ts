// Which files are reports to import (apart from index.ts, so that `tally check` on Markdown does not load the importers).

/** Extensions `tally import` and `tally check` take as reports to import. */
export const IMPORT_EXTENSIONS = ['.html', '.htm', '.pdf', '.docx', '.txt'] as const;

export function isImportable(name: string): boolean {
  const lower = name.toLowerCase();
  return IMPORT_EXTENSIONS.some((e) => lower.endsWith(e)) || /\.(doc|wps)$/.test(lower);
}
