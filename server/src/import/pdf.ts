// Placeholder until the PDF reader lands: a clear refusal, never an empty report.
import type { ReadResult } from './document.js';

export async function readPdf(_bytes: Uint8Array, _options?: object): Promise<ReadResult> {
  return { error: { zh: '尚不支持导入 PDF 文件', en: 'Importing PDF files is not yet supported' } };
}
