// Where the page documenting each finding code is: docs/checks/<code>.md beside the package (the repository, the
// installed CLI or the .vsix), found upward from the running file. Used by the CLI (links, SARIF helpUri) and the
// language server (codeDescription).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The docs/checks folder above `fromFile` (out/cli.js, out/server.js, out/shared/docs.js …), if any. */
export function checksDocsFolder(fromFile: string): string | undefined {
  for (let dir = path.dirname(fromFile), i = 0; i < 4; dir = path.dirname(dir), i++) {
    const folder = path.join(dir, 'docs', 'checks');
    if (existsSync(path.join(folder, 'README.md'))) return folder;
  }
  return undefined;
}

/** The file: URL of a code's page in `folder`, when the page exists. */
export function checkDocUrl(folder: string | undefined, code: string): string | undefined {
  if (!folder) return undefined;
  const page = path.join(folder, `${code}.md`);
  return existsSync(page) ? pathToFileURL(page).href : undefined;
}
