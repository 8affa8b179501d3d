// import.meta.url in the CLI's CommonJS bundle (out/cli-main.cjs, see bundle.mjs): the bundle's own file URL, so that
// the files found beside it (the worker, OpenCC's dictionaries, out/pdfjs/, ../package.json) are found alike
import { pathToFileURL } from 'node:url';
export const tallyImportMetaUrl = pathToFileURL(__filename).href;
