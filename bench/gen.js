// Deterministic generator of realistic 政府信息公开工作年度报告 (2021 format) in Markdown.
// Every table relation a checker verifies (R1, R2, R3, R8, R9) holds, and the figures the prose
// quotes (R18, R19, R20, R21) agree with the tables, so a correct checker finds no error.

/** Seeded PRNG (mulberry32): the same seed always gives the same report. */
export function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  return { next, int, pick };
}

const PLACES = ['青山市', '临江县', '东湖区', '南屏县', '北川市', '西平县', '安宁市', '永丰县', '长宁区', '清河县', '江北区', '云溪县'];
const BODIES = ['人民政府', '人民政府办公室', '发展和改革委员会', '教育局', '公安局', '民政局', '财政局', '人力资源和社会保障局', '自然资源局', '生态环境局', '住房和城乡建设局', '交通运输局', '农业农村局', '卫生健康委员会', '市场监督管理局', '应急管理局'];

export const SECTION_TITLES = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
];

const OVERVIEW_HEADINGS = ['（一）主动公开', '（二）依申请公开', '（三）政府信息管理', '（四）平台建设', '（五）监督保障'];

// Sentence parts taken from real reports. None of them names a figure of the official tables,
// so padding never contradicts them.
const FRAMES = [
  '坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神',
  '严格落实《中华人民共和国政府信息公开条例》和上级关于政务公开工作的部署要求',
  '坚持以公开为常态、不公开为例外',
  '全面推进决策、执行、管理、服务、结果“五公开”',
  '围绕优化营商环境、乡村振兴、民生保障等重点领域',
  '聚焦人民群众关心关注的热点问题',
  '坚持公开与解读同步部署、同步推进',
  '以提升政务公开质量和实效为目标',
  '对照年度政务公开工作要点',
  '紧扣中心工作和群众需求',
];
// Actions by overview subsection: 主动公开, 依申请公开, 政府信息管理, 平台建设, 监督保障.
const ACTIONS = [
  [
    '持续加大政策解读力度，综合运用图文解读、政策问答、在线访谈等多种形式，提升政策知晓度',
    '按照“谁起草、谁解读”的原则，做到政策文件与解读材料同步组织、同步审签、同步部署',
    '主动回应社会关切，及时发布权威信息，有效引导社会预期',
    '围绕财政预决算、重大建设项目、公共资源配置等重点领域信息，做好集中公开',
    '加大行政执法信息公开力度，及时公开执法主体、执法依据和执法结果',
    '做好稳就业、保民生等政策措施的宣传解读，推动政策红利精准直达',
  ],
  [
    '规范依申请公开办理流程，实行登记、审核、办理、答复、归档全流程管理',
    '加强与申请人的沟通，准确把握申请人的信息需求，提高答复的针对性',
    '严格执行法定答复期限，做到依法依规、规范高效',
    '统一答复文书格式，完善告知事项，确保答复内容准确完整',
    '建立疑难申请会商机制，必要时征求法律顾问意见',
  ],
  [
    '完善政府信息公开保密审查机制，做到应公开尽公开、该保密严保密',
    '加强政府信息全流程管理，建立健全信息公开属性源头认定机制',
    '健全政策文件发布前审查机制，防止泄密和不当公开',
    '扎实推进基层政务公开标准化规范化工作，深化公开事项清单管理',
    '定期开展已公开信息的清理和更新，确保信息的准确性和时效性',
  ],
  [
    '规范政府网站信息发布流程，严格落实信息发布“三审三校”制度',
    '加强政务新媒体日常监管，定期开展内容检查，确保信息发布准确及时',
    '优化政府信息公开专栏设置，按照基层政务公开标准目录动态调整栏目内容',
    '推进政务公开专区建设，为企业群众提供政府信息查询、政策咨询等服务',
    '强化政府公报标准化建设，做好政府公报电子版的编辑和发布工作',
    '畅通政民互动渠道，认真办理网民留言，做到件件有回音',
  ],
  [
    '将政务公开工作纳入年度绩效考核，压实各科室工作责任',
    '组织开展政务公开业务培训，提升工作人员的业务能力',
    '主动接受社会监督，认真听取社会各界对政务公开工作的意见建议',
    '建立政务公开工作台账，定期通报工作进展，督促问题整改',
  ],
];
// Figures quoted in prose, each with its own plausible range; a report quotes each one consistently.
const FIGURES = [
  ['全年通过政府门户网站发布各类信息{n}条', 300, 9000],
  ['组织开展政务公开业务培训{n}场次，培训人员{m}人次', 2, 30, 40, 900],
  ['开展在线访谈{n}期，发布图文解读{m}篇', 2, 24, 10, 300],
  ['政务新媒体全年推送各类信息{n}条', 200, 6000],
  ['全年编辑出版政府公报{n}期', 4, 24],
  ['在政务公开专区接待群众查阅咨询{n}人次', 50, 3000],
  ['全年更新基层政务公开标准目录事项{n}项', 20, 600],
  ['开展网站和政务新媒体检查{n}次，督促整改问题{m}个', 2, 12, 3, 80],
  ['召开新闻发布会{n}场，发布重要信息{m}条', 3, 40, 20, 400],
  ['办理网民留言{n}条', 30, 2500],
];
const RESULTS = [
  '政务公开工作取得了明显成效',
  '群众满意度和获得感进一步提升',
  '政务公开的标准化、规范化水平不断提高',
  '有效保障了人民群众的知情权、参与权、表达权和监督权',
  '为推动经济社会高质量发展营造了良好环境',
];
const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The prose figures of one report, drawn once so that repeated mentions agree. */
function proseFigures(rng) {
  return FIGURES.map(([text, n0, n1, m0, m1]) =>
    text.replace('{n}', String(rng.int(n0, n1))).replace('{m}', String(m0 === undefined ? 0 : rng.int(m0, m1))));
}

/** `count` distinct items of `list`, in random order. */
function pickSome(rng, list, count) {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, count);
}

/** One prose paragraph on `topic` (0–4); some paragraphs list their actions as 一是…二是…. */
function paragraph(rng, topic, figures) {
  const pool = [...ACTIONS[topic], ...pickSome(rng, ACTIONS.flat(), 3)].filter((a, i, all) => all.indexOf(a) === i);
  const steps = rng.next() < 0.5 ? rng.int(2, 4) : 0;
  const [lead, ...actions] = pickSome(rng, pool, 1 + Math.max(steps, 1));
  const [figureA, figureB] = pickSome(rng, figures, 2);
  const sentences = [`${rng.pick(FRAMES)}，${lead}。`];
  if (steps > 0) actions.forEach((action, i) => sentences.push(`${ORDINALS[i]}是${action}。`));
  else sentences.push(`${actions[0]}，${figureA}。`);
  sentences.push(`${figureB}，${rng.pick(RESULTS)}。`);
  return sentences.join('');
}

/** Split `total` into `parts` non-negative integers, the first parts weighted by `weights`. */
function split(rng, total, weights) {
  const raw = weights.map((w) => w * (0.5 + rng.next()));
  const sum = raw.reduce((a, b) => a + b, 0);
  const out = raw.map((w) => Math.floor((total * w) / sum));
  out[0] += total - out.reduce((a, b) => a + b, 0);
  return out;
}

const APPLICANTS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];

// Rows of the 三 table in order: [label, kind] where kind is 'group' (no numbers), or the key of a figure.
const APPLICATION_ROWS = [
  ['一、本年新收政府信息公开申请数量', 'received'],
  ['二、上年结转政府信息公开申请数量', 'carriedIn'],
  ['三、本年度办理结果', 'group'],
  ['（一）予以公开', 'leaf'],
  ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 'leaf'],
  ['（三）不予公开', 'group'],
  ['1.属于国家秘密', 'leaf'],
  ['2.其他法律行政法规禁止公开', 'leaf'],
  ['3.危及“三安全一稳定”', 'leaf'],
  ['4.保护第三方合法权益', 'leaf'],
  ['5.属于三类内部事务信息', 'leaf'],
  ['6.属于四类过程性信息', 'leaf'],
  ['7.属于行政执法案卷', 'leaf'],
  ['8.属于行政查询事项', 'leaf'],
  ['（四）无法提供', 'group'],
  ['1.本机关不掌握相关政府信息', 'leaf'],
  ['2.没有现成信息需要另行制作', 'leaf'],
  ['3.补正后申请内容仍不明确', 'leaf'],
  ['（五）不予处理', 'group'],
  ['1.信访举报投诉类申请', 'leaf'],
  ['2.重复申请', 'leaf'],
  ['3.要求提供公开出版物', 'leaf'],
  ['4.无正当理由大量反复申请', 'leaf'],
  ['5.要求行政机关确认或重新出具已获取信息', 'leaf'],
  ['（六）其他处理', 'group'],
  ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 'leaf'],
  ['2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', 'leaf'],
  ['3.其他', 'leaf'],
  ['（七）总计', 'handled'],
  ['四、结转下年度继续办理', 'carriedOut'],
];
// Leaf weights in order: 予以公开 dominates, then 部分公开 and 无法提供 (不掌握).
const LEAF_WEIGHTS = [40, 8, 0.3, 0.5, 0.3, 1, 0.5, 1.5, 0.3, 1, 12, 3, 1, 2, 2, 0.3, 0.3, 0.5, 2, 0.3, 1];
const GROUPS = { 予以公开: [0, 1], 部分公开: [1, 2], 不予公开: [2, 10], 无法提供: [10, 13], 不予处理: [13, 18], 其他处理: [18, 21] };

/** Figures of the 三 table, one column per applicant plus 总计, with R1, R2, R3 and R8 holding. */
export function applicationFigures(rng, scale = 1) {
  const columnSize = [60, 12, 1, 1, 2, 3];
  const columns = columnSize.map((size) => {
    const received = rng.next() < 0.15 && size < 5 ? 0 : rng.int(0, Math.round(size * 3 * scale));
    const carriedIn = rng.int(0, Math.max(0, Math.round(received / 10)));
    const carriedOut = rng.int(0, Math.round((received + carriedIn) / 12));
    const handled = received + carriedIn - carriedOut;
    return { received, carriedIn, carriedOut, handled, leaves: split(rng, handled, LEAF_WEIGHTS) };
  });
  const total = {
    received: sum(columns.map((c) => c.received)),
    carriedIn: sum(columns.map((c) => c.carriedIn)),
    carriedOut: sum(columns.map((c) => c.carriedOut)),
    handled: sum(columns.map((c) => c.handled)),
    leaves: LEAF_WEIGHTS.map((_, i) => sum(columns.map((c) => c.leaves[i]))),
  };
  return { columns, total };
}

function sum(list) {
  return list.reduce((a, b) => a + b, 0);
}

function groupTotal(figures, name) {
  const [from, to] = GROUPS[name];
  return sum(figures.leaves.slice(from, to));
}

/** A table row; an empty cell is written `| |`. */
function row(cells) {
  return `|${cells.map((c) => (c === '' ? ' ' : ` ${c} `)).join('|')}|`;
}

export function applicationTable(f) {
  const lines = [
    row(['项目', ...APPLICANTS, '总计']),
    row(Array(8).fill('---')),
  ];
  const all = [...f.columns, f.total];
  let leaf = 0;
  for (const [label, kind] of APPLICATION_ROWS) {
    if (kind === 'group') lines.push(row([label, ...Array(7).fill('')]));
    else if (kind === 'leaf') {
      lines.push(row([label, ...all.map((c) => c.leaves[leaf])]));
      leaf += 1;
    } else lines.push(row([label, ...all.map((c) => c[kind])]));
  }
  return lines.join('\n');
}

/** The 四 table: 15 numbers, 总计 = 维持 + 纠正 + 其他 + 尚未审结 in each group (R9). */
export function reviewFigures(rng) {
  return [0, 1, 2].map(() => {
    const parts = [rng.int(0, 6), rng.next() < 0.7 ? 0 : rng.int(1, 2), rng.next() < 0.7 ? 0 : rng.int(1, 2), rng.int(0, 2)];
    return [...parts, sum(parts)];
  });
}

export function reviewTable(groups) {
  const outcomes = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  return [
    row(['行政复议', '', '', '', '', '行政诉讼', ...Array(9).fill('')]),
    row(Array(15).fill('---')),
    row([...Array(5).fill(''), '未经复议直接起诉', '', '', '', '', '复议后起诉', '', '', '', '']),
    row([...outcomes, ...outcomes, ...outcomes]),
    row(groups.flat()),
  ].join('\n');
}

/** Section 二 figures (2021 columns). */
export function disclosureFigures(rng, level) {
  const normsIssued = rng.int(2, 40);
  const normsRepealed = rng.int(0, 10);
  const rulesIssued = level === 'city' ? rng.int(0, 3) : 0;
  return {
    rules: [rulesIssued, level === 'city' ? rng.int(0, 2) : 0, level === 'city' ? rng.int(rulesIssued, 60) : 0],
    norms: [normsIssued, normsRepealed, rng.int(normsIssued, 300)],
    licences: rng.int(0, 20000),
    penalties: rng.int(0, 3000),
    enforcement: rng.int(0, 300),
    fees: (rng.int(0, 500000) / 100).toFixed(2),
  };
}

export function disclosureTables(d) {
  const blocks = [
    ['第二十条第（一）项', ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'], [['规章', ...d.rules], ['行政规范性文件', ...d.norms]]],
    ['第二十条第（五）项', ['信息内容', '本年处理决定数量'], [['行政许可', d.licences]]],
    ['第二十条第（六）项', ['信息内容', '本年处理决定数量'], [['行政处罚', d.penalties], ['行政强制', d.enforcement]]],
    ['第二十条第（八）项', ['信息内容', '本年收费金额（单位：万元）'], [['行政事业性收费', d.fees]]],
  ];
  return blocks.map(([heading, header, rows]) =>
    [`### ${heading}`, '', row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n')).join('\n\n');
}

/** A percentage rounded to two decimals, as reports print it. */
function percent(part, whole) {
  return whole === 0 ? '0' : ((100 * part) / whole).toFixed(2);
}

function applicationProse(f) {
  const t = f.total;
  const natural = f.columns[0].received;
  const opened = groupTotal(t, '予以公开');
  return [
    `全年共收到政府信息公开申请${t.received}件，其中自然人申请${natural}件、法人或其他组织申请${t.received - natural}件；`,
    `上年结转${t.carriedIn}件。全年办结${t.handled}件，其中予以公开${opened}件，占办结总数的${percent(opened, t.handled)}%；`,
    `部分公开${groupTotal(t, '部分公开')}件；不予公开${groupTotal(t, '不予公开')}件；无法提供${groupTotal(t, '无法提供')}件；`,
    `不予处理${groupTotal(t, '不予处理')}件；其他处理${groupTotal(t, '其他处理')}件。结转下年度继续办理${t.carriedOut}件。`,
    '严格按照法定时限和程序办理，答复文书规范，告知救济渠道完整。',
  ].join('');
}

function reviewProse(groups) {
  const [review, direct, afterReview] = groups;
  const lawsuits = direct[4] + afterReview[4];
  const allUpheld = groups.every((g) => g[1] === 0 && g[2] === 0 && g[3] === 0);
  return `全年因政府信息公开工作被申请行政复议${review[4]}件、提起行政诉讼${lawsuits}件` +
    (allUpheld && review[4] + lawsuits > 0 ? '，结果均获维持。' : '。') +
    '针对复议和诉讼中反映出的问题，进一步规范了依申请公开办理流程。';
}

function activeDisclosureProse(rng, d) {
  const web = rng.int(800, 9000);
  const media = rng.int(300, 6000);
  const other = rng.int(20, 800);
  return `全年主动公开政府信息${web + media + other}条，其中：通过政府网站公开${web}条，通过政务新媒体公开${media}条，通过其他渠道公开${other}条。` +
    `全年制发行政规范性文件${d.norms[0]}件，废止${d.norms[1]}件，现行有效${d.norms[2]}件，均已在政府信息公开专栏集中公开。` +
    `${rng.pick(FRAMES)}，${rng.pick(ACTIONS[0])}。`;
}

/**
 * A report as Markdown text of about `targetBytes` bytes (UTF-8). With `appendixTables`, the padding
 * alternates prose with the tables of subordinate bodies (for multi-megabyte documents).
 */
export function generateReport(seed, { targetBytes = 30_000, year = 2022, appendixTables = false } = {}) {
  const rng = createRandom(seed);
  const place = rng.pick(PLACES);
  const organ = place + rng.pick(BODIES);
  const level = organ.endsWith('市人民政府') ? 'city' : 'other';
  const disclosure = disclosureFigures(rng, level);
  const applications = applicationFigures(rng);
  const reviews = reviewFigures(rng);
  const figures = proseFigures(rng);

  const head = [
    '---', 'template: gov-annual-2021', `year: ${year}`, `organ: ${organ}`, '---', '',
    `# ${organ}${year}年政府信息公开工作年度报告`, '',
    `本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告的有关要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告中所列数据的统计期限自${year}年1月1日至${year}年12月31日。`,
    '',
  ];
  const overview = [`## ${SECTION_TITLES[0]}`, '', `${year}年，${organ}${rng.pick(FRAMES)}，${rng.pick(FRAMES)}，${rng.pick(RESULTS)}。`, ''];
  const subsections = OVERVIEW_HEADINGS.map((heading, i) => {
    const first = i === 0 ? activeDisclosureProse(rng, disclosure) : i === 1 ? applicationProse(applications) : paragraph(rng, i, figures);
    return [`### ${heading}`, '', first, ''];
  });
  const rest = [
    `## ${SECTION_TITLES[1]}`, '', disclosureTables(disclosure), '',
    `## ${SECTION_TITLES[2]}`, '', applicationTable(applications), '',
    `## ${SECTION_TITLES[3]}`, '', reviewTable(reviews), '', reviewProse(reviews), '',
    `## ${SECTION_TITLES[4]}`, '',
    `${year}年，本机关政府信息公开工作取得了一定成效，但仍存在一些不足：一是政策解读的形式还不够丰富；二是基层政务公开标准化规范化水平有待提升；三是政务新媒体的互动回应能力仍需加强。`, '',
    `针对上一年度报告中提出的问题，已逐项落实整改：${pickSome(rng, ACTIONS[2], 2).join('；')}。下一步，将${pickSome(rng, ACTIONS[0], 2).join('，')}。`, '',
    `## ${SECTION_TITLES[5]}`, '',
    `本机关${year}年度未收取信息处理费。${rng.pick(FRAMES)}，${rng.pick(ACTIONS[4])}。`, '',
  ];

  const bytes = (lines) => Buffer.byteLength(lines.join('\n'));
  let size = bytes(head) + bytes(overview) + subsections.reduce((n, s) => n + bytes(s), 0) + bytes(rest);
  // Pad the five overview subsections round-robin (or, for big documents, add appendix blocks).
  const appendix = [];
  for (let i = 0, annex = 0; size < targetBytes; i++) {
    let block;
    if (appendixTables && i % 20 === 19) {
      const sub = applicationFigures(rng, 0.3);
      const subReviews = reviewFigures(rng);
      block = [`### 附${++annex}：${rng.pick(PLACES)}${rng.pick(BODIES)}政府信息公开情况`, '',
        applicationTable(sub), '', reviewTable(subReviews), ''];
      appendix.push(...block);
    } else {
      const topic = i % subsections.length;
      block = [paragraph(rng, topic, figures), ''];
      subsections[topic].push(...block);
    }
    size += bytes(block) + 1;
  }
  return [...head, ...overview, ...subsections.flat(), ...rest, ...appendix].join('\n');
}

/** A report-like document with one generic table of `rows` rows plus a 合计 row (column sums). */
export function generateBigTable(rows, { columns = 8, seed = 7 } = {}) {
  const rng = createRandom(seed);
  const totals = Array(columns - 1).fill(0);
  const lines = [row(['项目', ...Array.from({ length: columns - 1 }, (_, i) => `指标${i + 1}`)]), row(Array(columns).fill('---'))];
  for (let r = 0; r < rows; r++) {
    const values = totals.map((_, i) => rng.int(0, 999));
    values.forEach((v, i) => (totals[i] += v));
    lines.push(row([`第${r + 1}项`, ...values]));
  }
  lines.push(row(['合计', ...totals]));
  return ['---', 'template: gov-annual-2021', 'year: 2022', 'organ: 青山市人民政府', '---', '',
    '# 青山市人民政府2022年政府信息公开工作年度报告', '', `## ${SECTION_TITLES[0]}`, '',
    '全年政务公开工作统计情况见下表。', '', ...lines, ''].join('\n');
}
