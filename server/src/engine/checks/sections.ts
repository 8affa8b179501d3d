// Shared wording for sections in messages.
import type { SectionSpec } from '../../templates/index.js';
import { toChineseNumeral } from '../text.js';

/** 六、其他需要报告的事项 — or just the title where the format prescribes no ordinal. */
export function sectionName(spec: SectionSpec): string {
  return spec.ordinal ? `${toChineseNumeral(spec.ordinal)}、${spec.title}` : spec.title;
}
