// Placeholder until the HTML reader lands: a clear refusal, never an empty report.
import type { ReadResult } from './document.js';

export async function readHtml(_bytes: Uint8Array, _options?: object): Promise<ReadResult> {
  return { error: { zh: '尚不支持导入 HTML 文件', en: 'Importing HTML files is not yet supported' } };
}
