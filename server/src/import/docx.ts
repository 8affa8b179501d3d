// Placeholder until the DOCX reader lands: a clear refusal, never an empty report.
import type { ReadResult } from './document.js';

export async function readDocx(_bytes: Uint8Array, _options?: object): Promise<ReadResult> {
  return { error: { zh: '尚不支持导入 Word（.docx）文件', en: 'Importing Word (.docx) files is not yet supported' } };
}
