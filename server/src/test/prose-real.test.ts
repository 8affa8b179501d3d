// Figures in the text the way published reports write them: sentences taken from real reports (each with the
// address it was read at), put into a sample report whose tables they are checked against. Table-driven: what
// must be found, and — most of these — what must not be.
import { render } from '../messages/render.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type Finding } from '../engine/index.js';
import { sample, setCell } from './support.js';

const clean21 = sample('clean-2021.md');
const clean19 = sample('clean-2019.md');

/** clean-2021 with one more paragraph at the end of section 一 (before section 二). */
const with21 = (paragraph: string, base = clean21) => base.replace('## 二、主动公开政府信息情况', `${paragraph}\n\n## 二、主动公开政府信息情况`);
const with19 = (paragraph: string) => clean19.replace('## 二、主动公开政府信息情况', `${paragraph}\n\n## 二、主动公开政府信息情况`);
/** The same report for another year (front matter, title, period and text). */
const asYear = (text: string, year: number) => text.replace(/2022/g, String(year));
/** clean-2021 with the statistics period written as `sentence`. */
const withPeriod = (sentence: string, base = clean21) => base.replace('本报告所列数据的统计期限自2022年1月1日至2022年12月31日。', sentence);
/** clean-2021 with every figure of the 四 tables 0. */
const noAppeals = (text: string) => text.replace(/^\| \d+ \| \d+ \| \d+ \| \d+ \| \d+ \|$/gm, '| 0 | 0 | 0 | 0 | 0 |');
const lineWith = (text: string, words: string) => text.split('\n').findIndex((l) => l.includes(words)) + 1;

const CODES = new Set(['prose-mismatch', 'breakdown-sum', 'percentage', 'claim-contradiction', 'numbering', 'year-mismatch', 'unit', 'not-a-number']);
const found = (text: string, codes: readonly string[]): Finding[] => analyze(text).findings.filter((f) => CODES.has(f.code) && codes.includes(f.code));

interface Case {
  name: string;
  /** Where the sentence was published; absent for a sentence written for the test. */
  source?: string;
  text: string;
  /** The codes looked at. */
  codes: string[];
  /** "line code" of each finding expected among them. */
  expect: (text: string) => string[];
}
const none = () => [] as string[];
const at = (words: string, ...codes: string[]) => (text: string) => codes.map((c) => `${lineWith(text, words)} ${c}`);
const PROSE = ['prose-mismatch', 'breakdown-sum', 'percentage', 'claim-contradiction'];

const CASES: Case[] = [
  // ── Real sentences that must not be flagged ─────────────────────────────────────────────────────────
  {
    name: 'a complete 其中 list of eleven categories that adds up (141 条)',
    source: 'http://zp.gov.cn/bm/zfb/zfxxgknb/202201/t20220128_1870138.htm',
    text: asYear(with21('2021年，市政府及政府办共主动公开政府信息141条，其中：机构职能类信息16条，政策、规范性文件类信息24条，规划计划类信息10条，行政许可类信息1条，重大建设项目信息23条 ，为民办实事类信息17条，民政扶贫救灾社会保障就业类信息4条 ，国土资源城乡建设环保能源类信息25条，科教文体卫生类信息9条，安全生产、应急管理类信息3条，其他类信息9条。'), 2021),
    codes: PROSE, expect: none,
  },
  {
    name: 'a complete 其中 list ending in 其他信息 (73 条)',
    source: 'http://www.pingwu.gov.cn/public/column/12651?type=3&nav=5&sub=4&timeFrame=2021&hasContent=true',
    text: asYear(with21('2021年通过政府网站主动公开信息73条，其中：统计数据12条，工作动态信息21条，第七次全国人口普查专题专栏信息1条，重要会议信息4条，公示公告信息2条，其他信息33条。'), 2021),
    codes: PROSE, expect: none,
  },
  {
    name: 'a partial 其中 list that makes up its whole (3021 条)',
    source: 'http://www.huli.gov.cn/zwgk/zfxxgkzl/zfxxyjxndbg/201901/t20190111_182924.htm',
    text: asYear(with21('2018年，共制作政府信息3021条，其中主动公开信息1027条，依申请公开信息459条，不予公开信息1535条。'), 2018),
    codes: PROSE, expect: none,
  },
  {
    name: 'a breakdown in brackets (含…) and a 其中 in the next sentence',
    source: 'https://shanghai.gov.cn/nw12344/20230331/4a03b5fa47ae4c73b7ec42801de6be66.html',
    text: with21('2022年，在上海市人民政府网站、《上海市人民政府公报》主动公开市政府规章13件(含新制定5件,修改4件,废止4件)，主动公开市政府和市政府办公厅行政规范性文件42件，人事任免文件106件，其他文件113件。全年共举办191场市政府新闻发布活动，市政府领导出席新闻发布会共计25人次，围绕上海经济社会发展重点领域工作，发布权威信息、解读政策内容。其中，疫情防控新闻发布会累计举行151场。'),
    codes: PROSE, expect: none,
  },
  {
    name: 'figures that name no table figure (Traditional script, 2019 format)',
    source: 'https://newton.com.tw/wiki/2020%E5%B9%B4%E4%B8%8A%E6%B5%B7%E5%B8%82%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C%E8%BE%A6%E5%85%AC%E5%BB%B3%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E9%96%8B%E5%B7%A5%E4%BD%9C%E5%B9%B4%E5%BA%A6%E5%A0%B1%E5%91%8A/62842034',
    text: with19('2020年，通過“中國上海”入口網站、《上海市人民政府公報》等平台主動公開規章12件，行政規範性檔案43件，市政府其他檔案93件，人事任免檔案142件。'),
    codes: PROSE, expect: none,
  },
  {
    name: '未发生…行政复议和行政诉讼 with a 四 table of zeros',
    source: 'http://www.dttz.gov.cn/dttzx/zfzcbm2021/202202/973157410ae049d281a6121607fc4bfd.shtml',
    text: asYear(noAppeals(with21('2021年，我局未发生依申请公开政府信息方面的行政复议和行政诉讼。')), 2021),
    codes: ['claim-contradiction'], expect: none,
  },
  {
    name: '一是…；二是… in one paragraph',
    source: 'https://yangling.gov.cn/zwgk/gknb/bmnb/1619593655548706818.html',
    text: with21('一是把政务公开纳入年度内部目标考核；二是统一安排、部署、检查工作，确保任务、责任到人。'),
    codes: ['numbering'], expect: none,
  },
  {
    name: '一是…二是…三是…四是… over sentences',
    source: 'http://122.137.242.24:8080/pub/ltqxxgkw/cyqzf/ndbg/201803/t20180314_407316.html',
    text: with21('一是明确了各部门政府信息公开的工作职责，落实具体工作人员，并在区政务公开办备案。二是通过网站、大屏幕和公示栏等载体向社会公开政府信息公开工作机构的办公地址和联系方式，服务百姓，便于监督。三是制定了进一步规范和深化政务公开工作的实施意见。四是将政务公开工作纳入年度考核。'),
    codes: ['numbering'], expect: none,
  },
  {
    name: '一是…二是… after a numbered lead (3.聚焦强化监督保障。)',
    source: 'http://zmhd.dsz.gov.cn/pages/xxgk/PublicDetail.aspx?id=100000000000438172&title=',
    text: with21('3.聚焦强化监督保障。一是为切实做好政府信息公开工作，建立健全政府信息公开工作考核制度，将信息公开工作纳入绩效考评体系，发挥好考核评价的“指挥棒”作用。二是根据新形势新要求，不断完善政府信息公开工作机制，加大政府信息公开栏目监督管理力度，确保政府信息公开工作效率。'),
    codes: ['numbering'], expect: none,
  },
  {
    name: 'a period whose end date has no year (自2017年1月1日起至12月31日止)',
    source: 'https://zwinkt.com/zwgk/art/2018/2/28/art_46355_1634538',
    text: asYear(withPeriod('报告所列数据的统计期限自2017年1月1日起至12月31日止，报告电子版可在泰州市政府门户网站下载。'), 2017),
    codes: ['year-mismatch'], expect: none,
  },
  {
    name: 'a period 从…到…止 without the second year, Traditional script',
    source: 'https://newton.com.tw/wiki/2012%E5%B9%B4%E4%B8%8A%E6%B5%B7%E5%B8%82%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E9%96%8B%E5%B7%A5%E4%BD%9C%E5%B9%B4%E5%BA%A6%E5%A0%B1%E5%91%8A',
    text: asYear(withPeriod('本年度報告中所列數據的統計期限從2012年1月1日到12月31日止。'), 2012),
    codes: ['year-mismatch'], expect: none,
  },
  {
    name: 'a period 为…至12月31日 (2022)',
    source: 'https://shanghai.gov.cn/nw12344/20230331/4a03b5fa47ae4c73b7ec42801de6be66.html',
    text: withPeriod('本年度报告中所列数据统计期限为2022年1月1日至12月31日。'),
    codes: ['year-mismatch'], expect: none,
  },
  {
    name: 'a period 统计时限自…至… (2012)',
    source: 'https://www.np.gov.cn/cms/html/npszf/2013-01-25/1779102018.html',
    text: asYear(withPeriod('本报告中所列数据的统计时限自2012年1月1日至2012年12月31日。'), 2012),
    codes: ['year-mismatch'], expect: none,
  },
  {
    name: 'a period 自…起至12月31日止 (2014)',
    source: 'https://www.nanjing.gov.cn/zzb/zfxxgk/zfxxgknb/gqzf_72697/qhqrmzf/201503/t20150313_1053704.html',
    text: asYear(withPeriod('本年报中所列数据的统计期限自2014年1月1日起至12月31日止。'), 2014),
    codes: ['year-mismatch'], expect: none,
  },

  // ── Real sentences that must be flagged ───────────────────────────────────────────────────────────
  {
    name: 'claim-contradiction: 未发生…行政复议和行政诉讼 while the 四 table has 6 and 6',
    source: 'http://www.dttz.gov.cn/dttzx/zfzcbm2021/202202/973157410ae049d281a6121607fc4bfd.shtml',
    text: with21('2022年，我局未发生依申请公开政府信息方面的行政复议和行政诉讼。'),
    codes: ['claim-contradiction'], expect: at('我局未发生依申请公开', 'claim-contradiction'),
  },
  {
    name: 'claim-contradiction: 均获维持 after a list of two counts, while cases are pending (尚未审结)',
    source: 'https://www.shanghai.gov.cn (上海市人民政府办公厅2019年政府信息公开工作年度报告; server/fixtures/real)',
    text: with21('信息公开类行政复议6件，诉讼6件，均获维持。'),
    codes: ['claim-contradiction'], expect: at('均获维持', 'claim-contradiction'),
  },
  {
    name: 'claim-contradiction: the same, when 结果纠正 and 其他结果 are 0 and only 尚未审结 is not',
    source: 'https://www.shanghai.gov.cn (上海市人民政府办公厅2019年政府信息公开工作年度报告; server/fixtures/real)',
    text: with21('信息公开类行政复议6件，诉讼6件，均获维持。', clean21.replace('| 3 | 1 | 1 | 1 | 6 |', '| 5 | 0 | 0 | 1 | 6 |').replace('| 2 | 0 | 1 | 1 | 4 |', '| 3 | 0 | 0 | 1 | 4 |')),
    codes: ['claim-contradiction'], expect: at('均获维持', 'claim-contradiction'),
  },
  {
    name: 'no finding: 均获维持 with nothing pending, corrected or otherwise ended',
    source: 'https://www.shanghai.gov.cn (上海市人民政府办公厅2019年政府信息公开工作年度报告; server/fixtures/real)',
    text: with21('信息公开类行政复议6件，诉讼6件，均获维持。', clean21.replace('| 3 | 1 | 1 | 1 | 6 |', '| 6 | 0 | 0 | 0 | 6 |').replace('| 2 | 0 | 1 | 1 | 4 |', '| 4 | 0 | 0 | 0 | 4 |').replace('| 1 | 0 | 0 | 1 | 2 |', '| 2 | 0 | 0 | 0 | 2 |')),
    codes: ['claim-contradiction'], expect: none,
  },

  // ── The mechanisms, on sentences shaped like the real ones ──────────────────────────────────────────
  { name: 'no finding: 予以公开及部分公开 names （一）+（二） (63 + 12)', text: with21('予以公开及部分公开75件，占48.1%。'), codes: PROSE, expect: none },
  { name: 'prose-mismatch: 予以公开及部分公开 differs from （一）+（二）', text: with21('予以公开及部分公开63件。'), codes: PROSE, expect: at('予以公开及部分公开63件', 'prose-mismatch') },
  { name: 'prose-mismatch: 予以公开和部分公开 too', text: with21('本年度予以公开和部分公开共70件。'), codes: PROSE, expect: at('予以公开和部分公开共70件', 'prose-mismatch') },
  { name: 'no finding: 等原因无法提供 names the group (40 + 5 + 2)', text: with21('因本机关不掌握等原因无法提供47件。'), codes: PROSE, expect: none },
  { name: 'prose-mismatch: 等原因无法提供 with the first reason’s figure alone', text: with21('因本机关不掌握等原因无法提供40件。'), codes: PROSE, expect: at('无法提供40件', 'prose-mismatch') },
  { name: 'no finding: 不予公开 is the sum of （三）', text: with21('不予公开12件。'), codes: PROSE, expect: none },
  {
    name: 'the list ends where it ends: 行政复议 and 行政诉讼 after the ；are not parts of 办结',
    text: with21('全年办结156件，其中：予以公开及部分公开75件；不予公开12件；无法提供47件；不予处理13件；其他处理9件；因政府信息公开引起的行政复议6件、行政诉讼6件。'),
    codes: PROSE, expect: none,
  },
  {
    name: 'the same list with commas',
    text: with21('全年办结156件，其中予以公开63件，部分公开12件，不予公开12件，无法提供47件，不予处理13件，其他处理9件，因政府信息公开引起的行政复议6件、行政诉讼6件。'),
    codes: PROSE, expect: none,
  },
  { name: 'no finding: 收到申请 = 新收 + 上年结转 (153 + 13)', text: with21('全年共收到政府信息公开申请166件，其中自然人138件，法人或其他组织28件。'), codes: PROSE, expect: none },
  { name: 'no finding: 收到申请 = 新收 (153), 自然人 = 新收 (128)', text: with21('全年共收到政府信息公开申请153件，其中自然人128件、法人或其他组织25件。'), codes: PROSE, expect: none },
  { name: 'prose-mismatch: 收到申请 neither 新收 nor 新收 + 上年结转', text: with21('全年共收到政府信息公开申请170件。'), codes: PROSE, expect: at('申请170件', 'prose-mismatch') },
  { name: 'prose-mismatch: 涉及自然人 neither reading', text: with21('全年共收到政府信息公开申请166件，涉及自然人118件。'), codes: PROSE, expect: at('涉及自然人118件', 'prose-mismatch') },
  { name: 'numbering: 一是…二是…三是…三是', text: with21('一是加强学习；二是完善制度；三是强化培训；三是加强考核。'), codes: ['numbering'], expect: at('三是加强考核', 'numbering') },
  { name: 'numbering: 一是…二是…四是', text: with21('一是加强学习。二是完善制度。四是强化培训。'), codes: ['numbering'], expect: at('四是强化培训', 'numbering') },
  { name: 'numbering: an enumeration goes on in the next paragraph', text: with21('一是加强学习。二是完善制度。\n\n二是强化培训。'), codes: ['numbering'], expect: at('二是强化培训', 'numbering') },
  { name: 'no finding: 统一是 and 唯一是 are words', text: with21('统一是基础，唯一是目标，一是加强学习。'), codes: ['numbering'], expect: none },
  { name: 'no finding: a period 为2022年度', text: withPeriod('本报告所列数据的统计期限为2022年度。'), codes: ['year-mismatch'], expect: none },
  { name: 'no finding: a period without a year', text: withPeriod('本报告所列数据的统计期限自1月1日至12月31日。'), codes: ['year-mismatch'], expect: none },
  {
    name: 'no finding: a title naming the year of publication and the year reported',
    text: clean21.replace('# 青岚区人民政府2022年政府信息公开工作年度报告', '# 2023年青岚区人民政府关于2022年度政府信息公开工作年度报告的公告'),
    codes: ['year-mismatch'], expect: none,
  },
  {
    name: 'year-mismatch still: the title says 2021, the period and front matter 2022',
    text: clean21.replace('# 青岚区人民政府2022年政府信息公开工作年度报告', '# 青岚区人民政府2021年政府信息公开工作年度报告'),
    codes: ['year-mismatch'], expect: at('# 青岚区人民政府2021年', 'year-mismatch'),
  },
  { name: 'unit: 386000元 in 本年收费金额 (万元)', text: setCell(clean21, '| 行政事业性收费', 1, '386000元'), codes: ['unit', 'not-a-number'], expect: at('| 行政事业性收费', 'unit') },
  { name: 'unit: 12.5万元 in 本年收费金额', text: setCell(clean21, '| 行政事业性收费', 1, '12.5万元'), codes: ['unit', 'not-a-number'], expect: at('| 行政事业性收费', 'unit') },
  { name: 'not-a-number still: 无 in 采购总金额', text: clean19.replace('| 政府集中采购 | 164 | 8926.35 |', '| 政府集中采购 | 164 | 无 |'), codes: ['unit', 'not-a-number'], expect: at('| 政府集中采购', 'not-a-number') },
];

for (const c of CASES) {
  test(`${c.source ? 'real sentence' : 'sentence'}: ${c.name}`, () => {
    assert.deepEqual(found(c.text, c.codes).map((f) => `${f.range.start.line + 1} ${f.code}`), c.expect(c.text));
  });
}

test('at least ten real sentences must not be flagged', () => {
  assert.ok(CASES.filter((c) => c.source && c.expect(c.text).length === 0).length >= 10);
});

// ── Blank cells: a lower bound, not 0 ─────────────────────────────────────────────────────────────────

/** clean-2021 with the 予以公开 row's 总计 and 科研机构 blank: the row is at least 52 + 6 + 1 + 2 + 1 = 62. */
const blankOpen = setCell(setCell(clean21, '| （一）予以公开', 7, ''), '| （一）予以公开', 3, '');

test('blank cells: a prose figure at or above the written parts is not judged', () => {
  for (const n of [62, 63, 70]) assert.deepEqual(found(with21(`予以公开${n}件。`, blankOpen), PROSE), [], String(n));
});

test('blank cells: a prose figure below the written parts is a prose-mismatch that says “at least”', () => {
  const [f] = found(with21('予以公开60件。', blankOpen), PROSE);
  assert.equal(f.code, 'prose-mismatch');
  assert.match(render(f.message, 'zh-CN'), /至少为 62/);
  assert.match(render(f.message, 'zh-CN'), /空白单元格/);
  assert.match(render(f.message, 'en'), /at least 62/);
  assert.ok(!f.fixes?.length, 'a lower bound is no figure to write');
});

test('blank cells: a combination with a blank total is compared with its lower bound (Shanghai: 258 < 272 + 3)', () => {
  const [f] = found(with21('予以公开及部分公开70件。', blankOpen), PROSE);
  assert.match(render(f.message, 'zh-CN'), /至少为 74/);
});

test('blank cells: 均获维持 against a blank 结果纠正 is not judged; against a written 尚未审结 it is', () => {
  const blanks = clean21.replace('| 3 | 1 | 1 | 1 | 6 |', '| 5 |  |  | 1 | 6 |').replace('| 2 | 0 | 1 | 1 | 4 |', '| 4 |  |  |  | 4 |').replace('| 1 | 0 | 0 | 1 | 2 |', '| 2 |  |  |  | 2 |');
  const [f] = found(with21('信息公开类行政复议6件，诉讼6件，均获维持。', blanks), ['claim-contradiction']);
  assert.match(render(f.message, 'zh-CN'), /行政复议·尚未审结”为 1/);
  assert.doesNotMatch(render(f.message, 'zh-CN'), /结果纠正/);
  const pendingBlank = blanks.replace('| 5 |  |  | 1 | 6 |', '| 5 |  |  |  | 6 |');
  assert.deepEqual(found(with21('信息公开类行政复议6件，诉讼6件，均获维持。', pendingBlank), ['claim-contradiction']), []);
});

test('the message for a figure that fits neither reading gives both', () => {
  const [f] = found(with21('全年共收到政府信息公开申请170件。'), PROSE);
  assert.match(render(f.message, 'zh-CN'), /为 153/);
  assert.match(render(f.message, 'zh-CN'), /166/);
});

test('unit: 采购总金额 in 元 is a warning, a 万元 figure in a 万元 column is information', () => {
  const [w] = found(setCell(clean21, '| 行政事业性收费', 1, '386000元'), ['unit']);
  assert.equal(w.severity, 'warning');
  assert.match(render(w.message, 'zh-CN'), /38\.6/);
  const [i] = found(setCell(clean21, '| 行政事业性收费', 1, '12.5万元'), ['unit']);
  assert.equal(i.severity, 'information');
  assert.equal(i.fixes?.[0].edits[0].newText, '12.5');
  const purchase = clean19.replace('| 政府集中采购 | 164 | 8926.35 |', '| 政府集中采购 | 164 | 251000元 |');
  const [p] = found(purchase, ['unit', 'not-a-number']);
  assert.equal(p.code, 'unit');
  assert.equal(p.severity, 'warning');
  assert.match(render(p.message, 'zh-CN'), /不带单位/);
});
