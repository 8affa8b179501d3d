// project-count (R16, 2019 format): 上一年项目数量(N) = 上一年项目数量(N−1) + 本年增/减(N−1), per row of
// 第二十条第（五）（六）（八）项.
import Big from 'big.js';
import { finding } from '../checks/check.js';
import type { Finding } from '../findings.js';
import { where, type CrossYearCheck } from './check.js';

const TABLES = ['item-5', 'item-6', 'item-8'];

export const projectCount: CrossYearCheck = (current, previous) => {
  const out: Finding[] = [];
  for (const [key, now] of Object.entries(current.facts.cells)) {
    const [table, row, column] = key.split('/');
    if (!TABLES.includes(table) || column !== 'last-year') continue;
    const before = previous.facts.cells[`${table}/${row}/last-year`];
    const change = previous.facts.cells[`${table}/${row}/change`];
    if (!before || !change) continue;
    const expected = new Big(before.value).plus(change.value).toFixed();
    if (new Big(expected).eq(now.value)) continue;
    const place = where(current.path, previous.path, before.range);
    out.push(finding('project-count', now.range, {
      zh: `“${now.row}”的上一年项目数量为 ${now.value}，而上年报告（${place}）的上一年项目数量 ${before.value} 加本年增/减 ${change.value} 为 ${expected}（R16）`,
      en: `"${now.row}" last year's project count is ${now.value}, but last year's report (${place}) gives ${before.value} plus a change of ${change.value}, which is ${expected} (R16)`,
    }, {
      related: [
        { uri: previous.path, range: before.range,
          message: { zh: `上年报告 ${place}：上一年项目数量 ${before.value}`, en: `Last year's report ${place}: last year's count ${before.value}` } },
        { uri: previous.path, range: change.range,
          message: { zh: `上年报告：本年增/减 ${change.value}`, en: `Last year's report: change ${change.value}` } },
      ],
      fixes: [{ title: { zh: `改为 ${expected}`, en: `Change to ${expected}` }, safe: false, edits: [{ range: now.range, newText: expected }] }],
      subject: { table, row },
    }));
  }
  return out;
};
