// not-a-report: a document that claims to be an annual report but has none of its sections (one finding, not six).
import { finding, documentRange, type Check } from './check.js';

export const notAReport: Check = {
  codes: ['not-a-report'],
  run(context) {
    const { binding } = context;
    if (!binding.claimsReport) return [];
    const matched = binding.sections?.matches.length ?? 0;
    if (matched > 0 || binding.tables.length > 0) return [];
    return [finding('not-a-report', documentRange(context), {
      zh: '本文档不含政府信息公开工作年度报告的任何部分（总体情况、主动公开、收到和处理申请、行政复议和诉讼……），不像一份年度报告',
      en: 'This document has none of the sections of an annual report on government information disclosure (总体情况, 主动公开, 申请, 复议/诉讼 …): it does not read as an annual report',
    })];
  },
};
