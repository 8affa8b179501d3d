// Writes docs/checks/<code>.md, one page per finding code (Chinese, then English), and docs/checks/README.md.
// Each example is a real run: the report excerpt is written to a temporary folder and checked by the built CLI
// (`node out/cli.js check --format json`) in zh-CN and en; the findings shown are its output. Run after a build:
//   npm run build && node scripts/check-docs.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { CODES, ALL_CODES } = await import(path.join(root, 'out/engine/findings.js'));
const { render } = await import(path.join(root, 'out/messages/render.js'));
const sample = (name) => fs.readFileSync(path.join(root, 'samples', name), 'utf8');
const clean = sample('clean-2021.md');
const replace = (text, from, to) => {
  if (!text.includes(from)) throw new Error(`example edit: "${from}" not found`);
  return text.replace(from, to);
};
const cut = (text, from, to) => {
  const a = text.indexOf(from);
  const b = to ? text.indexOf(to, a + from.length) : text.length;
  if (a < 0 || b < 0) throw new Error(`example cut: "${from}" not found`);
  return text.slice(0, a) + text.slice(b);
};

// what it checks, why, how to fix — zh then en; the example: files to check (name → text) and the file shown
const PAGES = {
  'front-matter': {
    zh: ['文件开头 `---` 之间的 YAML 文件头能否读取，`template`、`year`、`organ` 的取值是否有效（模板名存在、年份为四位数字）。', '文件头决定用哪个模板核对、报告属于哪一年；取值无效时 Tally 只能猜测，跨年度核对也会配错。', '改正 YAML 语法或取值；不确定模板时删去 `template`，让 Tally 自动识别。'],
    en: ['Whether the YAML front matter between the leading `---` lines can be read, and whether `template`, `year` and `organ` hold valid values (a known template, a four-digit year).', 'The front matter chooses the template the report is checked against and the year it covers; with an invalid value Tally can only guess, and the checks across years pair the wrong reports.', 'Correct the YAML or the value; if unsure of the template, remove `template` and let Tally detect it.'],
    files: { 'report.md': replace(clean, 'year: 2022', 'year: 二〇二二') },
  },
  'not-a-report': {
    zh: ['文档是否含有年度报告的任何部分（总体情况、主动公开、收到和处理申请、行政复议和诉讼……）。', '对一份不是年度报告的 Markdown 文件套用模板，只会得到一堆无意义的“缺少部分”；Tally 只报告这一条。', '如果这确实是年度报告，按模板写出各部分标题（如 `## 一、总体情况`）；否则无需处理，或在设置中把检查范围限于报告。'],
    en: ['Whether the document has any section of an annual report (general situation, proactive disclosure, requests, reviews and lawsuits …).', 'Holding a document that is not an annual report against the template would give a pile of meaningless "missing section" findings; Tally reports this one instead.', 'If it is an annual report, write its section headings as the template has them (`## 一、总体情况` …); otherwise nothing needs doing.'],
    files: { '004-gaoping-2022.md': sample('004-gaoping-2022.md') },
  },
  'outdated-format': {
    zh: ['报告所用的格式是否是其年度适用的格式：2021 年起（报告 2021 年及以后年度）应使用国办公开办函〔2021〕30号的新格式。', '用旧格式填报的表格缺少新格式要求的行和列，数字也无法与其他机关、其他年度比较。', '按该年度适用的模板重写表格（`tally-report` 代码片段和“插入缺少的表格”快速修复可给出表格骨架）。'],
    en: ['Whether the report uses the format in force for its year: reports on 2021 and later use the format of 国办公开办函〔2021〕30号.', 'Tables in a superseded format lack the rows and columns the current one requires, and their figures cannot be compared with other bodies or years.', 'Rewrite the tables on the template for the year (the `tally-report` snippet and the "Insert the missing table" quick fix give their skeletons).'],
    files: { 'report.md': replace(replace(sample('clean-2019.md'), 'year: 2020', 'year: 2022'), '2020年政府信息公开', '2022年政府信息公开') },
  },
  'missing-section': {
    zh: ['模板规定的部分（一、总体情况 …… 六、其他需要报告的事项）是否都在，缺少的部分报告在它应在的位置。', '《政府信息公开条例》第五十条规定了年度报告的内容，缺少一个部分就是缺少一项法定内容。', '补写缺少的部分；快速修复“插入缺少的部分”会在正确位置插入标题。'],
    en: ['Whether every section the template requires (一、总体情况 … 六、其他需要报告的事项) is there; a missing one is reported where it belongs.', 'Article 50 of the Regulations on Government Information Disclosure sets the contents of the annual report: a missing section is missing content the law requires.', 'Write the missing section; the quick fix "Insert the missing section" inserts its heading in the right place.'],
    files: { 'report.md': cut(clean, '## 六、其他需要报告的事项') },
  },
  'section-order': {
    zh: ['各部分是否按模板的顺序排列。', '读者和上级机关按固定顺序查阅和汇总年度报告，顺序错乱容易漏看。', '把该部分移到提示的位置。'],
    en: ['Whether the sections come in the template order.', 'Readers and supervising bodies read and compile reports in the fixed order; a section out of place is easily missed.', 'Move the section to where the finding says.'],
    files: { 'report.md': (() => { const a = clean.indexOf('## 五、'); const b = clean.indexOf('## 六、'); return clean.slice(0, a) + clean.slice(b) + '\n' + clean.slice(a, b); })() },
  },
  'duplicate-section': {
    zh: ['同一部分是否出现了多次。', '重复的部分通常是复制粘贴留下的旧内容，两处内容可能互相矛盾。', '合并两处内容，删去多余的一处。'],
    en: ['Whether a section appears more than once.', 'A repeated section is usually old text left from copying, and the two may contradict each other.', 'Merge the two and delete the extra one.'],
    files: { 'report.md': clean + '\n## 六、其他需要报告的事项\n\n无。\n' },
  },
  'section-title': {
    zh: ['部分标题是否使用模板的用语（序号和关键词相同即视为同一部分，措辞不同时给出提示）。', '统一的标题便于检索和汇总；常见的旧标题来自已废止的格式。', '把标题改为模板用语（快速修复“改为……”）。'],
    en: ['Whether a section title uses the template wording (a heading with the section\'s ordinal and keywords is the section; other wording gets this note).', 'Uniform titles make reports easy to search and compile; the common older titles come from superseded formats.', 'Use the template wording (quick fix "Use …").'],
    files: { 'report.md': replace(clean, '## 五、存在的主要问题及改进情况', '## 五、存在问题及改进措施') },
  },
  numbering: {
    zh: ['各级序号（一、二、……；（一）（二）……；1. 2. ……）是否连续、不重复。', '跳号或重复的序号说明内容被删改过，读者会怀疑有遗漏。', '按提示改正序号（快速修复“改为……”）。'],
    en: ['Whether enumerators at each level (一、二、…; （一）（二）…; 1. 2. …) run on without gaps or repeats.', 'A gap or a repeat shows the text was cut or edited, and readers suspect something is missing.', 'Renumber as the finding says (quick fix).'],
    files: { 'report.md': replace(clean, '### （三）政府信息管理', '### （四）政府信息管理') },
  },
  'missing-table': {
    zh: ['每个部分是否含有模板规定的表格（按表题和内容识别）。', '表格是年度报告的核心数据，缺少表格即缺少法定统计内容。', '补上表格；快速修复“插入缺少的表格”会插入带表头和行名的空表。'],
    en: ['Whether each section has the tables the template requires (recognised by caption and content).', 'The tables are the report\'s statistics; a missing table is missing figures the template requires.', 'Add the table; the quick fix "Insert the missing table" inserts it with its header and row labels.'],
    files: { 'report.md': cut(clean, '### 第二十条第（五）项', '### 第二十条第（六）项') },
  },
  'empty-table': {
    zh: ['模板表格是否至少填了一个数字。', '只有表头和行名的空表看似完整，实际上没有报告任何数据。', '填写数字；没有发生的事项填 0。'],
    en: ['Whether a template table has at least one figure.', 'A table with only its header and row labels looks complete but reports nothing.', 'Fill in the figures; write 0 for what did not happen.'],
    files: { 'report.md': replace(replace(replace(clean, '| 3 | 1 | 1 | 1 | 6 |', '|  |  |  |  |  |'), '| 2 | 0 | 1 | 1 | 4 |', '|  |  |  |  |  |'), '| 1 | 0 | 0 | 1 | 2 |', '|  |  |  |  |  |') },
  },
  'missing-row': {
    zh: ['模板表格是否含有模板规定的每一行（按行名识别，允许常见的写法差异）。', '缺少一行就缺少一项统计，合计也无法核对。', '补上该行；快速修复“插入缺少的行”会在正确位置插入。'],
    en: ['Whether a template table has every row the template requires (recognised by label, allowing the usual variants).', 'A missing row is a missing figure, and the totals cannot be checked.', 'Add the row; the quick fix "Insert the missing row" puts it in the right place.'],
    files: { 'report.md': replace(clean, '| 2.重复申请 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n', '') },
  },
  'unknown-row': {
    zh: ['模板表格中是否有模板之外的行，或行名与模板不符。', '自行增加的行不属于统计口径，合计关系会因此出错；写错的行名无法与模板对应。', '删去多余的行，或把行名改为模板用语（快速修复“改为……”）。'],
    en: ['Whether a template table has a row outside the template, or a row label that differs from it.', 'A row of one\'s own is outside the statistics, and the totals go wrong; a mistyped label cannot be matched to the template.', 'Remove the extra row, or use the template label (quick fix).'],
    files: { 'report.md': replace(clean, '| 3.其他 | 2 | 0 | 0 | 0 | 1 | 0 | 3 |', '| 3.其他 | 2 | 0 | 0 | 0 | 1 | 0 | 3 |\n| 4.咨询类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |') },
  },
  'row-order': {
    zh: ['模板表格的行是否按模板顺序排列。', '行的顺序错乱时，读者按位置对照模板会读错数字。', '把该行移到提示的位置。'],
    en: ['Whether a template table\'s rows come in the template order.', 'Out of order, a reader comparing by position with the template reads the wrong figures.', 'Move the row to where the finding says.'],
    files: { 'report.md': replace(clean, '| 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n| 2.其他法律行政法规禁止公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |', '| 2.其他法律行政法规禁止公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n| 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |') },
  },
  'missing-column': {
    zh: ['模板表格是否含有模板规定的每一列。', '缺少一列就缺少一类统计，行合计也无法核对。', '补上该列。'],
    en: ['Whether a template table has every column the template requires.', 'A missing column is a missing kind of figure, and the row totals cannot be checked.', 'Add the column.'],
    files: { 'report.md': replace(replace(replace(replace(clean, '| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |', '| 信息内容 | 本年制发件数 | 现行有效件数 |'), '|---|---|---|---|\n| 规章', '|---|---|---|\n| 规章'), '| 规章 | 0 | 0 | 0 |', '| 规章 | 0 | 0 |'), '| 行政规范性文件 | 7 | 3 | 42 |', '| 行政规范性文件 | 7 | 42 |') },
  },
  'row-shape': {
    zh: ['表格每一行的单元格数是否与表头一致（R6）。', '少一个单元格时，其后的数字都会错位到左边一列；Markdown 预览不会提示这种错误。', '补齐缺少的单元格（快速修复“补齐此行的空单元格”），或删去多余的单元格。'],
    en: ['Whether each row of a table has as many cells as its header (R6).', 'With a cell missing, every figure after it shifts one column to the left; the Markdown preview shows nothing wrong.', 'Add the missing cells (quick fix "Add the missing empty cells to this row") or remove the extra ones.'],
    files: { 'report.md': replace(clean, '| 2.重复申请 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |', '| 2.重复申请 | 3 | 0 | 0 | 0 | 0 | 0 |') },
  },
  'empty-cell': {
    zh: ['模板要求填数字的单元格是否为空。空白按“未知、至少为 0”核对；表中关系能算出的值会一并给出。', '空白可能是 0，也可能是漏填；读者无法区分。模板要求没有数字的单元格填 0。', '填写数字，没有的填 0；关系能确定的值可用快速修复“填入按关系算出的数字”。'],
    en: ['Whether a cell the template needs a number in is blank. A blank is read as unknown and at least 0; where the table\'s relations determine it, the figure is given.', 'A blank may be 0 or a figure left out; readers cannot tell which. The template asks for 0 where there is none.', 'Write the figure, or 0 for none; where the relations determine it, the quick fix "Fill in the figures the relations give" writes it.'],
    files: { 'report.md': replace(clean, '| （一）予以公开 | 52 | 6 |', '| （一）予以公开 | 52 |  |') },
  },
  'blank-as-zero': {
    zh: ['整张表没有写出任何 0，而合计关系要求空白为 0：此表以空白代替 0。空白按 0 核对，不能为 0 的空白另行报告（`empty-cell`）。', '以空白代替 0 是常见做法，但读者无法区分“0”和“漏填”；模板要求填 0。', '在这些空白处填 0（快速修复“把这些空白填为 0”）。设置 `--blank-cells zero` / `tally.blankCells: zero` 可把所有空白按 0 读。'],
    en: ['A table writes no 0 at all, and its totals require its blanks to be 0: it leaves 0 blank. Its blanks are checked as 0; blanks that cannot be 0 are reported on their own (`empty-cell`).', 'Leaving 0 blank is common, but readers cannot tell 0 from a figure left out; the template asks for 0.', 'Write 0 in the blanks (quick fix "Write 0 in these blanks"). `--blank-cells zero` / `tally.blankCells: zero` reads every blank as 0.'],
    files: { '005-shanghai-2019.md': sample('005-shanghai-2019.md') },
  },
  'not-a-number': {
    zh: ['模板要求填数字的单元格是否是有效数字：不是文字、不为负数、件数为整数（R5）。', '“—”“/”“无”之类的写法无法参与核对；负数和小数件数通常是录入错误。', '改为数字；没有的填 0。'],
    en: ['Whether a cell that needs a number holds a valid one: not text, not negative, a whole number of items (R5).', 'Marks such as "—", "/" or "无" cannot be checked; negative or fractional counts are usually typing errors.', 'Write a number; 0 for none.'],
    files: { 'report.md': replace(clean, '| 行政处罚 | 1437 |', '| 行政处罚 | 不详 |') },
  },
  unit: {
    zh: ['单元格中的数字是否带有单位（如“2316.48万元”“251000元”；R14）。', '模板在表头规定单位；单元格再写单位，尤其是与表头不同的单位，会让数字无从比较。', '按表头的单位只填数字（快速修复“改为……”会换算元与万元）。'],
    en: ['Whether a figure in a cell is written with a unit ("2316.48万元", "251000元"; R14).', 'The template sets the unit in the header; a unit in the cell, above all another one, makes the figure impossible to compare.', 'Write the number alone, in the header\'s unit (the quick fix converts 元 and 万元).'],
    files: { 'report.md': replace(clean, '| 行政事业性收费 | 2316.48 |', '| 行政事业性收费 | 23164800元 |') },
  },
  'total-mismatch': {
    zh: ['合计、总计是否等于各项之和（模板关系 R1、R3、R4、R9 等，见 DOMAIN 的关系表），精确到小数，不用浮点数。', '合计错误是年度报告中最常见、也最容易被发现的差错。', '改正合计或有误的分项；只有一处能同时满足所有关系时，快速修复会给出该值（并可用于“修复所有”）。'],
    en: ['Whether each total equals the sum of its parts (template relations R1, R3, R4, R9 …), exactly, with decimals, never floating point.', 'A wrong total is the most common and the most noticed error in annual reports.', 'Correct the total or the wrong part; where one value satisfies every relation the cell takes part in, the quick fix offers it (and fix-all applies it).'],
    files: { 'report.md': replace(clean, '| 3 | 1 | 1 | 1 | 6 |', '| 3 | 1 | 1 | 1 | 7 |') },
  },
  reconciliation: {
    zh: ['勾稽关系是否平衡，如 本年新收 + 上年结转 = 办理结果总计 + 结转下年度（R2）。', '勾稽关系不平说明申请的收、办、结数字对不上，是审查年度报告的重点。', '核对各项数字，改正有误的一项。'],
    en: ['Whether the reconciliations balance, e.g. new requests + carried in = results total + carried forward (R2).', 'An unbalanced reconciliation means the requests received, handled and carried do not add up: reviewers look for it first.', 'Check the figures and correct the wrong one.'],
    files: { 'report.md': replace(clean, '| 二、上年结转政府信息公开申请数量 | 10 | 2 | 0 | 0 | 1 | 0 | 13 |', '| 二、上年结转政府信息公开申请数量 | 10 | 2 | 0 | 0 | 1 | 1 | 14 |') },
  },
  bound: {
    zh: ['一个数字是否超过了它的上限，如旧格式中“申请答复数”不应大于“申请办结数”（L11），2021 年格式中 结转下年度 ≤ 本年新收 + 上年结转（R8）。', '超出上限的数字通常是填错了行或列。', '核对两处数字。'],
    en: ['Whether a figure exceeds what bounds it, e.g. in the older format replies should not exceed requests completed (L11); in the 2021 format carried forward ≤ new + carried in (R8).', 'A figure over its bound is usually in the wrong row or column.', 'Check both figures.'],
    files: { '003-xiangtan-2016.md': sample('003-xiangtan-2016.md') },
  },
  'prose-mismatch': {
    zh: ['正文中提到的数字（“主动公开政府信息6312条”“予以公开258件”）是否与表格中对应的数字一致；短语与单元格的对应关系见 `templates/prose.json`（R18）。', '正文与表格矛盾时，读者不知道哪一个是真的。', '改正正文或表格；表格数字确定时，快速修复“按表格改为……”会改正正文。'],
    en: ['Whether a figure in the text ("主动公开政府信息6312条", "予以公开258件") equals the table figure the phrase names (the phrases are in `templates/prose.json`; R18).', 'When text and table disagree, readers cannot know which is true.', 'Correct the text or the table; the quick fix "Change to … as in the table" corrects the text.'],
    files: { '003-xiangtan-2016.md': sample('003-xiangtan-2016.md') },
  },
  'breakdown-sum': {
    zh: ['正文中“共 N……其中……”一类的分项之和是否等于总数（列举完整时），或不超过总数（“其中”部分列举时）（R19）。', '分项之和与总数不符是正文中最常见的数字错误。', '改正总数或分项。'],
    en: ['Whether the parts of a breakdown in the text ("共 N … 其中 …") add up to the whole (when complete) or stay within it (when partial) (R19).', 'Parts that do not add up are the most common error in the text\'s figures.', 'Correct the whole or a part.'],
    files: { '001-nanjiang-2018.md': sample('001-nanjiang-2018.md') },
  },
  percentage: {
    zh: ['正文中的百分比是否等于 分项 ÷ 总数（按写出的位数四舍五入），截断而非四舍五入的给出提示。', '百分比是读者最先看的数字，算错或截断会误导读者。', '按提示改正百分比（快速修复“改为……%”）。'],
    en: ['Whether a percentage in the text equals part ÷ whole, rounded to the digits written; a truncated one gets a note.', 'Percentages are what readers look at first; a wrong or truncated one misleads.', 'Correct the percentage (quick fix "Change to …%").'],
    files: { '001-nanjiang-2018.md': sample('001-nanjiang-2018.md') },
  },
  'year-mismatch': {
    zh: ['标题、文件头的 `year` 与统计期限（“自某年1月1日至12月31日”）所说的年度是否一致，统计期限是否为完整的自然年。', '年度写错的报告会被归入错误的年份，跨年度核对也会配错。', '统一为报告所涵盖的年度（快速修复“改为……”）。'],
    en: ['Whether the title, the front matter `year` and the statistics period ("1 January to 31 December of a year") agree on the year, and the period is one calendar year.', 'A report with the wrong year is filed under the wrong year, and the checks across years pair the wrong reports.', 'Use the year the report covers everywhere (quick fix).'],
    files: { 'report.md': replace(clean, '# 青岚区人民政府2022年', '# 青岚区人民政府2021年') },
  },
  'part-count': {
    zh: ['引言中“本报告由……等N个部分组成”所说的部分数和名称是否与正文一致。', '引言与正文不符说明报告被删改过，读者会寻找不存在的部分。', '改正引言，或补上缺少的部分。'],
    en: ['Whether the introduction\'s "本报告由……N个部分组成" names as many parts, and the same ones, as the document has.', 'An introduction that disagrees with the document shows it was cut, and readers look for parts that are not there.', 'Correct the introduction, or add the missing part.'],
    files: { 'report.md': cut(clean, '## 六、其他需要报告的事项') },
  },
  'claim-contradiction': {
    zh: ['正文中的定性说法是否与表格矛盾：“均获维持”而表中有纠正或未审结，“未收取费用”而表中收费不为 0，“没有行政诉讼”而表中有案件（R11 等）。', '这类说法是读者最容易引用的结论，与表格矛盾会损害报告的可信度。', '改正说法或表格。'],
    en: ['Whether a statement in the text contradicts the table: "all upheld" while the table has corrected or pending cases, "no fees charged" while a fee is shown, "no lawsuits" while the table has some (R11 …).', 'Such statements are what readers quote; contradicting the table undermines the whole report.', 'Correct the statement or the table.'],
    files: { '005-shanghai-2019.md': sample('005-shanghai-2019.md') },
  },
  'carry-over': {
    zh: ['本年“上年结转政府信息公开申请数量”是否等于上年报告“结转下年度继续办理”（R7），按申请人类别逐列核对。需同一机关连续两年的报告在同一文件夹或工作区中。', '结转数是连接两年报告的数字，不一致说明有申请被遗漏或重复统计。', '核对两年的结转数，改正有误的一方。'],
    en: ['Whether this year\'s "carried in from last year" equals last year\'s report\'s "carried forward" (R7), column by column. Needs both years\' reports of one body in one folder or workspace.', 'The carried-over count links the two years; a difference means requests were lost or counted twice.', 'Check both years and correct the wrong one.'],
    files: { 'pair-2021.md': sample('pair-2021.md'), 'pair-2022.md': sample('pair-2022.md') },
    show: 'pair-2022.md',
  },
  'in-force-count': {
    zh: ['本年“现行有效件数”是否等于上年现行有效件数 + 本年制发 − 本年废止（R12）。需同一机关连续两年的报告。', '现行有效件数是累计数，与上年对不上说明制发或废止数有误。', '核对两年的件数。'],
    en: ['Whether this year\'s documents in force equal last year\'s plus those issued minus those repealed (R12). Needs both years\' reports of one body.', 'Documents in force are cumulative; a difference means an issued or repealed count is wrong.', 'Check both years\' counts.'],
    files: { 'pair-2021.md': sample('pair-2021.md'), 'pair-2022.md': sample('pair-2022.md').replace(/(\| 行政规范性文件 \| \d+ \| \d+ \| )(\d+)( \|)/, (m, a, n, b) => `${a}${Number(n) + 5}${b}`) },
    show: 'pair-2022.md',
  },
  'project-count': {
    zh: ['2019 年格式中，本年“上一年项目数量”是否等于上年报告的上一年项目数量加本年增/减（R16）。需同一机关连续两年的报告。', '项目数量是累计数，与上年对不上说明增减数有误。', '核对两年的数字。'],
    en: ['In the 2019 format, whether this year\'s "last year\'s project count" equals last year\'s report\'s count plus its change (R16). Needs both years\' reports of one body.', 'Project counts are cumulative; a difference means a change was recorded wrongly.', 'Check both years\' figures.'],
  },
  import: {
    zh: ['导入网页、PDF、Word 或粘贴文本时无法完整读取的内容：以图片形式发布的表格、扫描件、连在一起无法拆分的数字等。', '读不到的表格无法核对；Tally 不会把读不全的报告当作没有问题。', '对照原文补录提示处的内容。'],
    en: ['What importing a web page, PDF, Word file or pasted text could not fully read: tables published as images, scans, figures run together.', 'A table that cannot be read cannot be checked; Tally never passes a report it could not fully read as clean.', 'Copy the content at the note from the original.'],
    files: { 'pasted.txt': fs.readFileSync(path.join(root, 'server/fixtures/import/text/seed-000_23d3643248ac730a.txt'), 'utf8') },
    excerpt: false,
  },
  'copied-text': {
    zh: ['本年报告中是否有段落与同一机关上年报告的段落完全相同。', '照抄上年的段落（尤其是“存在问题”“改进措施”）说明报告没有如实反映本年工作。', '按本年实际情况重写该段。'],
    en: ['Whether a paragraph is identical to one in the same body\'s report for the year before.', 'Paragraphs copied from last year (above all the problems and improvements) show the report does not describe this year\'s work.', 'Rewrite the paragraph for this year.'],
    files: { 'pair-2021.md': sample('pair-2021.md'), 'pair-2022.md': sample('pair-2022.md') },
    show: 'pair-2022.md',
  },
  'too-complex': {
    zh: ['内容嵌套过深（引用或列表超过 32 层）时不作检查，以免耗尽资源。', '正常的报告不会有这样的嵌套；这通常是转换出错的结果。', '去掉多余的嵌套。'],
    en: ['Content nested too deep (block quotes or lists beyond 32 levels) is not checked, so that it cannot exhaust resources.', 'No real report nests like this; it usually comes from a broken conversion.', 'Remove the extra nesting.'],
    files: { 'report.md': clean.replace('## 六、其他需要报告的事项', `${'> '.repeat(40)}深层引用\n\n## 六、其他需要报告的事项`) },
  },
  'unused-suppression': {
    zh: ['禁用注释（`<!-- tally-disable… -->`）是否确实屏蔽了问题；没有屏蔽任何问题的注释或其中的检查项会被指出。', '问题修正后，过时的禁用注释会留下来，以后同一位置真的出错时也会被悄悄屏蔽。', '删除注释或其中未使用的检查项（快速修复“删除未使用的禁用”）。'],
    en: ['Whether a disable comment (`<!-- tally-disable… -->`) silences anything; a comment, or a code in it, that silences no finding is reported.', 'Once the finding is fixed, a stale comment stays behind and would silently hide a real fault at the same place later.', 'Remove the comment or its unused codes (quick fix "Remove the unused suppression").'],
    files: { 'report.md': clean.replace('## 六、其他需要报告的事项', '<!-- tally-disable-next-line total-mismatch -- 已核对 -->\n## 六、其他需要报告的事项') },
    silence: false,
  },
  'unknown-code': {
    zh: ['禁用注释能否识别：其中的检查项名称是否存在（拼错的名称会给出最接近的检查项）；以 `tally-` 开头的注释，指令是否为 `tally-disable-next-line`、`tally-disable`、`tally-enable`、`tally-disable-file` 之一（拼错的指令会给出最接近的指令）；`row=` 是否只用在 `tally-disable-next-line` 中。无法识别的注释不屏蔽任何问题。', '拼错的名称或指令什么也不会屏蔽，而作者以为问题已被处理；`tally-disable` 或 `tally-disable-file` 不能按行缩小范围，若忽略 `row=` 照常生效，就会屏蔽此后或全文的所有同类问题。', '改为正确的检查项名称或指令（快速修复“改为……”）；要屏蔽表格中的某一行，在表格前写 `<!-- tally-disable-next-line 代码 row=行名 -->`。'],
    en: ['Whether Tally can read a disable comment: whether the codes it names exist (a misspelt code gets the nearest one as a suggestion); whether a comment starting with `tally-` has one of the directives `tally-disable-next-line`, `tally-disable`, `tally-enable`, `tally-disable-file` (a misspelt directive gets the nearest one); whether `row=` stands only in `tally-disable-next-line`. A comment Tally cannot read silences nothing.', 'A misspelt code or directive silences nothing while the writer believes the finding is dealt with; `tally-disable` and `tally-disable-file` cannot be narrowed to rows, and taken without their `row=` they would silence every such finding to the end of the file, or in the whole file.', 'Correct the code or the directive (quick fix "Change to …"); to silence one row of a table, write `<!-- tally-disable-next-line code row=LABEL -->` before the table.'],
    files: { 'report.md': clean.replace('## 六、其他需要报告的事项', '<!-- tally-disable-next-line total-mismach -->\n<!-- tally-disable-nextline unit -->\n<!-- tally-disable-file total-mismatch row=（七）总计 -->\n## 六、其他需要报告的事项') },
    silence: false,
  },
  internal: {
    zh: ['Tally 自身出错，文档未能完整检查。', '出错时 Tally 报告这一条，而不是把文档当作没有问题。', '请报告此问题（附上能重现的文档片段）。'],
    en: ['An error in Tally itself kept the document from being fully checked.', 'Tally reports it rather than passing the document as clean.', 'Please report it, with an excerpt that reproduces it.'],
  },
};

const SILENCE = (code) => `
- 下一行 / the next line: \`<!-- tally-disable-next-line ${code} -- 理由 / the reason -->\`
- 表格中的一行 / one row of the table below: \`<!-- tally-disable-next-line ${code} row=合计 -->\`
- 一段（如整张表格）/ a stretch, such as a whole table: \`<!-- tally-disable ${code} -->\` … \`<!-- tally-enable ${code} -->\`
- 整个文件 / the whole file: \`<!-- tally-disable-file ${code} -->\`
- 配置 / configuration, \`.tally.json\`: \`{ "checks": { "${code}": "off" } }\`
`;

function run(files, locale) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-docs-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  let out;
  try {
    out = execFileSync(process.execPath, [path.join(root, 'out/cli.js'), 'check', '--format', 'json', '--locale', locale, '.'], { cwd: dir, encoding: 'utf8' });
  } catch (e) { out = e.stdout; }
  fs.rmSync(dir, { recursive: true, force: true });
  return JSON.parse(out).files;
}

function excerpt(text, line) {
  const lines = text.split('\n');
  let a = Math.max(0, line - 3);
  let b = Math.min(lines.length, line + 3);
  return lines.slice(a, b).map((l) => (l.length > 160 ? `${l.slice(0, 160)}…` : l)).join('\n');
}

const outDir = path.join(root, 'docs/checks');
fs.mkdirSync(outDir, { recursive: true });
const index = [];
const failed = [];
for (const code of ALL_CODES) {
  const page = PAGES[code];
  if (!page) throw new Error(`no documentation for ${code}`);
  const title = { zh: render(CODES[code].title, 'zh-CN'), en: render(CODES[code].title, 'en') };
  let example = { zh: '（此代码没有可以用一小段报告重现的示例。）\n', en: '(No short excerpt reproduces this code.)\n' };
  if (page.files) {
    const pick = (files) => {
      const f = files.find((x) => path.basename(x.path) === (page.show ?? Object.keys(page.files)[0]) || x.path === (page.show ?? Object.keys(page.files)[0]));
      return f?.diagnostics.filter((d) => d.code === code) ?? [];
    };
    const zh = pick(run(page.files, 'zh-CN'));
    const en = pick(run(page.files, 'en'));
    if (zh.length === 0) { failed.push(code); continue; }
    const name = page.show ?? Object.keys(page.files)[0];
    const first = zh[0].range.start.line;
    const snippet = page.excerpt === false ? '' : `\`\`\`markdown\n${excerpt(page.files[name], first)}\n\`\`\`\n\n`;
    const lines = (ds) => ds.slice(0, 3).map((d) => `${name}:${d.range.start.line + 1}:${d.range.start.character + 1}  ${code}  ${d.message}`).join('\n');
    example = {
      zh: `${snippet}\`tally check\` 给出：\n\n\`\`\`\n${lines(zh)}\n\`\`\`\n`,
      en: `${snippet}\`tally check --locale en\` gives:\n\n\`\`\`\n${lines(en)}\n\`\`\`\n`,
    };
  }
  const severity = { error: ['错误', 'error'], warning: ['警告', 'warning'], information: ['提示', 'information'] }[CODES[code].severity];
  const md = `# \`${code}\`

${title.zh} · ${title.en}

默认级别 / default severity: ${severity[0]} / ${severity[1]}

## 检查什么

${page.zh[0]}

## 为什么

${page.zh[1]}

## 示例

${example.zh}
## 如何修正

${page.zh[2]}

## 如何屏蔽

${page.silence === false ? `注释不能屏蔽此代码（否则过时或拼错的注释无从发现）；可在配置文件 \`.tally.json\` 中关闭：\`{ "checks": { "${code}": "off" } }\`。
` : `在所在行之前加注释（表格中的问题：在表格之前加注释，可用 \`row=行名\` 只屏蔽某一行，或用一对 \`tally-disable\` / \`tally-enable\` 注释包住整张表格，因为 GFM 表格的行之间不能插入注释），或屏蔽整个文件，或在配置文件 \`.tally.json\` 中关闭：
${SILENCE(code)}`}
---

## What it checks

${page.en[0]}

## Why it matters

${page.en[1]}

## Example

${example.en}
## How to fix

${page.en[2]}

## How to silence

${page.silence === false ? `Comments cannot silence this code (a stale or misspelt comment would go unnoticed); turn it off in \`.tally.json\`: \`{ "checks": { "${code}": "off" } }\`.` : `A comment on the line before (for a finding in a table, a comment right before the table — \`row=LABEL\` narrows it to one row — or a \`tally-disable\` / \`tally-enable\` pair around the whole table: a comment cannot stand between the rows of a GFM table), the whole file, or \`.tally.json\`: the forms above.`}
`;
  fs.writeFileSync(path.join(outDir, `${code}.md`), md);
  index.push(`| [\`${code}\`](${code}.md) | ${severity[0]} / ${severity[1]} | ${title.zh} | ${title.en} |`);
  console.log(code);
}
if (failed.length) { console.error(`examples give no finding: ${failed.join(' ')}`); process.exit(1); }
fs.writeFileSync(path.join(outDir, 'README.md'), `# 检查项 · Checks

每个代码一页：检查什么、为什么、示例（由 \`scripts/check-docs.mjs\` 运行 \`tally check\` 得到）、如何修正、如何屏蔽；先中文，后英文。
One page per code: what it checks, why, an example (from running \`tally check\`, by \`scripts/check-docs.mjs\`), how to fix and how to silence it; Chinese first, then English.

| 代码 / code | 默认级别 / severity | 说明 | Description |
|---|---|---|---|
${index.join('\n')}
`);
