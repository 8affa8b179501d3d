// carry-over (R7): this year's 二、上年结转 equals last year's 四、结转下年度继续办理, column by column.
// One fault, one finding: a 总计 that differs only by the differences of the columns it sums is not reported again.
import Big from 'big.js';
import { finding } from '../checks/check.js';
import type { Finding } from '../findings.js';
import type { CrossYearCheck } from './check.js';
import { where } from './check.js';

const PARTS = ['natural', 'business', 'research', 'public-interest', 'legal', 'other'];
const COLUMNS = [...PARTS, 'total'];

export const carryOver: CrossYearCheck = (current, previous) => {
  const out: Finding[] = [];
  const pairs = new Map(COLUMNS.map((column) => [column, {
    here: current.facts.cells[`requests/carried-in/${column}`],
    there: previous.facts.cells[`requests/carried-out/${column}`],
  }]));
  const difference = (column: string): Big | undefined => {
    const { here, there } = pairs.get(column)!;
    return here && there ? new Big(here.value).minus(there.value) : undefined;
  };
  const partDifferences = PARTS.map(difference);
  const totalExplained = partDifferences.every((d) => d !== undefined) && partDifferences.some((d) => !d!.eq(0))
    && partDifferences.reduce((acc, d) => acc.plus(d!), new Big(0)).eq(difference('total') ?? new Big(0));
  for (const column of COLUMNS) {
    const { here, there } = pairs.get(column)!;
    if (!here || !there || new Big(here.value).eq(there.value)) continue;
    if (column === 'total' && totalExplained) continue;
    const place = where(current.path, previous.path, there.range);
    out.push(finding('carry-over', here.range, {
      zh: `“${here.row}”的“${here.column}”为 ${here.value}，上年报告（${place}）“${there.row}”为 ${there.value}，两者应相等（R7）`,
      en: `"${here.row}" / "${here.column}" is ${here.value}, but last year's report (${place}) carried forward ${there.value} ("${there.row}"); they should be equal (R7)`,
    }, {
      related: [{
        uri: previous.path, range: there.range,
        message: { zh: `上年报告 ${place}：“${there.row}”的“${there.column}”为 ${there.value}`, en: `Last year's report ${place}: "${there.row}" / "${there.column}" is ${there.value}` },
      }],
      fixes: [{
        title: { zh: `改为上年结转下年度的 ${there.value}`, en: `Change to last year's carried-forward ${there.value}` }, safe: false,
        edits: [{ range: here.range, newText: there.value }],
      }],
      subject: { table: 'requests', row: 'carried-in' },
    }));
  }
  return out;
};
