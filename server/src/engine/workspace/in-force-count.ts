// in-force-count (R12, soft, 2021 format): 现行有效件数(N) = 现行有效件数(N−1) + 本年制发件数(N) − 本年废止件数(N).
import Big from 'big.js';
import { finding } from '../checks/check.js';
import type { Finding } from '../findings.js';
import { where, type CrossYearCheck } from './check.js';

const ROWS = ['rules', 'normative'];

export const inForceCount: CrossYearCheck = (current, previous) => {
  const out: Finding[] = [];
  for (const row of ROWS) {
    const cells = current.facts.cells;
    const now = cells[`item-1/${row}/in-force`];
    const issued = cells[`item-1/${row}/issued`];
    const repealed = cells[`item-1/${row}/repealed`];
    const before = previous.facts.cells[`item-1/${row}/in-force`];
    if (!now || !issued || !repealed || !before) continue;
    const expected = new Big(before.value).plus(issued.value).minus(repealed.value);
    if (expected.eq(now.value)) continue;
    const place = where(current.path, previous.path, before.range);
    out.push(finding('in-force-count', now.range, {
      zh: `“${now.row}”的现行有效件数为 ${now.value}，而上年报告（${place}）为 ${before.value}，加本年制发 ${issued.value}、减本年废止 ${repealed.value} 应为 ${expected.toFixed()}（R12）`,
      en: `"${now.row}" in force is ${now.value}, but last year's report (${place}) had ${before.value}; plus ${issued.value} issued minus ${repealed.value} repealed makes ${expected.toFixed()} (R12)`,
    }, {
      related: [
        { uri: previous.path, range: before.range,
          message: { zh: `上年报告 ${place}：“${before.row}”的现行有效件数 ${before.value}`, en: `Last year's report ${place}: "${before.row}" in force ${before.value}` } },
        { range: issued.range, message: { zh: `本年制发件数 ${issued.value}`, en: `Issued this year: ${issued.value}` } },
        { range: repealed.range, message: { zh: `本年废止件数 ${repealed.value}`, en: `Repealed this year: ${repealed.value}` } },
      ],
      subject: { table: 'item-1', row },
    }));
  }
  return out;
};
