// The benchmark corpora, each a folder under bench/.data/corpora/<name>/ (bench/.data/corpora/quick/<name>/ in
// quick mode) with a `.stamp` (a hash of its inputs), rebuilt only when an input changes:
//
//   generated       the reports of bench/gen.js (2,000; quick 500).
//   prose-heavy     ~400 reports of 15–20 KB built from real report text: the real reports in the repository are
//                   imported with `tally import`, then their paragraphs, sub-headings and tables are recombined
//                   across reports (long paragraphs joined, some read as lists), body names, years and figures
//                   varied by a seeded PRNG. Figures are scaled by one factor per report (sums still hold) and in
//                   some reports a few are nudged (real defects), so the findings are those of real reports.
//   samples-varied  samples/*.md and samples/quarterly (with its .tally.json and the templates folder), ~300 files,
//                   figures varied.
//   imported        each real report as `tally import` writes it, repeated with varied figures (~200 files).
//
// Quick mode builds a small part of each (200, 60, 100, 80 files). Every corpus has the `.markdownlint-cli2.jsonc`
// of the default rules.
//
// The real texts and where they were published:
//   server/fixtures/real/README.md         (a complete 2019 report as text and HTML; four page beginnings)
//   server/fixtures/import/text/README.md  (the five seed reports as copied from their pages; the same files as
//                                           the project's seed folder, described in samples/README.md)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom, generateReport } from './gen.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.join(ROOT, 'bench/.data/corpora');
const SELF = fileURLToPath(import.meta.url);

const COUNTS = { generated: 2000, 'prose-heavy': 400, 'samples-varied': 300, imported: 200 };
// Small enough that the quick benchmarks (`npm run bench -- --quick`, in CI) run in under a minute, large enough
// that `tally check` uses its worker threads (from 48 files) as on a real folder, not only its start-up.
const QUICK_COUNTS = { generated: 200, 'prose-heavy': 60, 'samples-varied': 100, imported: 80 };

const REAL_TEXTS = [
  'server/fixtures/real/shanghai-gov-office-2019.txt',
  'server/fixtures/real/partial/longgang-2024.txt',
  'server/fixtures/real/partial/xiongxian-township-2019.txt',
  'server/fixtures/real/partial/xuwen-bureau-2021format.txt',
  'server/fixtures/real/partial/yueyang-nanhu-bureau-2019.txt',
  'server/fixtures/import/text/seed-000_23d3643248ac730a.txt',
  'server/fixtures/import/text/seed-001_a2cea8cd49f4b879.txt',
  'server/fixtures/import/text/seed-002_40372296bbc69180.txt',
  'server/fixtures/import/text/seed-003_a1ae499f7f2fe0ec.txt',
  'server/fixtures/import/text/seed-004_3d0e3754e0282e9d.txt',
];
const REAL_HTML = ['server/fixtures/real/shanghai-gov-office-2019.html'];

const MARKDOWNLINT_CONFIG = '{ "config": { "default": true } }\n';

/**
 * Builds (when stale) and lists the corpora: `[{ name, folder, files, bytes }]`, `files` being the Markdown files'
 * paths relative to `folder`. `only` limits it to the named corpora.
 */
export function ensureCorpora({ quick = false, only } = {}) {
  const builders = { generated: buildGenerated, 'prose-heavy': buildProseHeavy, 'samples-varied': buildSamplesVaried, imported: buildImported };
  const result = [];
  for (const [name, build] of Object.entries(builders)) {
    if (only && !only.includes(name)) continue;
    const count = (quick ? QUICK_COUNTS : COUNTS)[name];
    const folder = path.join(DATA, quick ? 'quick' : '', name);
    const inputs = name === 'generated' ? [SELF, 'bench/gen.js'] : name === 'samples-varied' ? [SELF, 'bench/gen.js', ...sampleFiles()] : [SELF, 'bench/gen.js', ...importerFiles()];
    const stamp = `${hashFiles(inputs)} ${count}`;
    const stampFile = path.join(folder, '.stamp');
    if (!(fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp)) {
      fs.rmSync(folder, { recursive: true, force: true });
      fs.mkdirSync(folder, { recursive: true });
      build(folder, count);
      fs.writeFileSync(path.join(folder, '.markdownlint-cli2.jsonc'), MARKDOWNLINT_CONFIG);
      fs.writeFileSync(stampFile, stamp);
    }
    const files = markdownFiles(folder);
    const bytes = files.reduce((n, file) => n + fs.statSync(path.join(folder, file)).size, 0);
    result.push({ name, folder, files, bytes });
  }
  return result;
}

/** The generated corpus alone (its folder), for the benchmarks that measure generated reports only. */
export function ensureReports({ quick = false } = {}) {
  return ensureCorpora({ quick, only: ['generated'] })[0].folder;
}

function markdownFiles(folder, prefix = '') {
  return fs.readdirSync(path.join(folder, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) return markdownFiles(folder, relative);
    return entry.name.endsWith('.md') ? [relative] : [];
  }).sort();
}

function hashFiles(files) {
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update(fs.readFileSync(path.resolve(ROOT, file)));
  return hash.digest('hex');
}

/** The sources of an import: the real texts and the built importer (out/cli.js and its chunks). */
function importerFiles() {
  const built = fs.readdirSync(path.join(ROOT, 'out')).filter((name) => /^cli(-chunk-.*)?\.js$/.test(name)).map((name) => `out/${name}`);
  return [...REAL_TEXTS, ...REAL_HTML, ...built.sort()];
}

function sampleFiles() {
  const list = (dir) => fs.readdirSync(path.join(ROOT, dir)).filter((name) => name.endsWith('.md') && name !== 'README.md').map((name) => `${dir}/${name}`);
  return [...list('samples'), ...list('samples/quarterly'), 'samples/quarterly/.tally.json', 'samples/templates/dept-quarterly-stats.json'];
}

function write(folder, name, text) {
  fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
  fs.writeFileSync(path.join(folder, name), text);
}

const serial = (i, width = 4) => String(i).padStart(width, '0');

// ---------------------------------------------------------------------------------------------- generated

function buildGenerated(folder, count) {
  for (let i = 1; i <= count; i++) write(folder, `report-${serial(i)}.md`, generateReport(i));
}

// ---------------------------------------------------------------------------------------------- import

/** The real reports as `tally import` writes them: `[{ name, text }]`, cached beside the corpora. */
function importedReports() {
  const folder = path.join(DATA, '.import');
  const stamp = hashFiles(importerFiles());
  const stampFile = path.join(folder, '.stamp');
  if (!(fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp)) {
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(path.join(folder, 'html'), { recursive: true });
    const cli = path.join(ROOT, 'out/cli.js');
    const run = (args) => execFileSync(process.execPath, [cli, 'import', ...args, '--force'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    run([...REAL_TEXTS.map((file) => path.join(ROOT, file)), '--out-dir', folder]);
    run([...REAL_HTML.map((file) => path.join(ROOT, file)), '--out-dir', path.join(folder, 'html')]);
    fs.writeFileSync(stampFile, stamp);
  }
  return markdownFiles(folder).map((name) => ({ name: name.replace(/\.md$/, '').replace(/\//g, '-'), text: fs.readFileSync(path.join(folder, name), 'utf8') }));
}

// ---------------------------------------------------------------------------------------------- varying text

// A figure in prose: a number directly followed by a counting unit (not a year, a date, a document number).
const PROSE_FIGURE = /(?<![\d.,〔(（第-])(\d{1,3}(?:,\d{3})+|\d+)(?![\d.,])(?=\s*(?:万|亿)?(?:件|条|次|人次|个|项|场|期|篇|家|名|人|元|份|批|户|所|余|万元|平方米))/g;
const YEAR = /(?<![\d])(199\d|20[0-3]\d)(?=\s*年|〕|）|\))/g;

/**
 * Figures of tables and prose varied: each multiplied by `factor` (so sums and carried figures still agree), and,
 * with `nudge` > 0, that share of them moved by a little (a real defect where a relation names it).
 */
export function varyFigures(text, rng, { factor, nudge = 0 }) {
  const change = (n) => {
    let value = n * factor;
    if (nudge > 0 && rng.next() < nudge) value = Math.max(0, value + (rng.next() < 0.5 ? -1 : 1) * rng.int(1, 3));
    return value;
  };
  let inFrontMatter = false;
  return text.split('\n').map((line, i) => {
    if (line === '---') inFrontMatter = i === 0 ? true : false;
    if (inFrontMatter) return line;
    if (line.startsWith('|')) return line.replace(/(?<=\|)(\s*)(\d+)(\s*)(?=\|)/g, (_, a, n, b) => `${a}${change(Number(n))}${b}`);
    if (line.startsWith('#')) return line;
    return line.replace(PROSE_FIGURE, (match) => {
      const value = change(Number(match.replace(/,/g, '')));
      return match.includes(',') ? value.toLocaleString('en-US') : String(value);
    });
  }).join('\n');
}

/** Years moved by `delta` (front matter, prose, document numbers), so a text reads as another year's. */
function shiftYears(text, delta) {
  if (delta === 0) return text;
  return text.replace(YEAR, (y) => String(Number(y) + delta)).replace(/^year: (\d{4})$/m, (_, y) => `year: ${Number(y) + delta}`);
}

// Places of the real reports, replaced by the place of the report a text goes into. 雄县 is matched whole.
const REAL_PLACES = /上海|湘潭|攀枝花|南江|乌兰察布|高坪|南充|龙岗|深圳|徐闻|岳阳|南湖|雄县/g;
const PLACES = ['青岭', '临川', '石门', '云阳', '白沙', '平江', '安丘', '柳溪', '桐城', '梅岭', '清源', '金川', '凤台', '长汀', '嘉禾', '宁远'];
const SUFFIXES = ['市', '县', '区'];
const BODIES = ['人民政府', '人民政府办公室', '发展和改革局', '教育局', '民政局', '财政局', '人力资源和社会保障局', '自然资源局', '生态环境局', '住房和城乡建设局', '交通运输局', '农业农村局', '卫生健康局', '市场监督管理局', '应急管理局', '司法局'];

function renamePlaces(text, place) {
  return text.replace(REAL_PLACES, (match) => (match === '雄县' ? `${place}县` : place));
}

// ---------------------------------------------------------------------------------------------- real blocks

/** A section's kind from its heading, so a paragraph goes back into the kind of section it came from. */
function sectionKind(heading) {
  if (/概述|总体|總體/.test(heading)) return 'overview';
  if (/复议|诉讼|複議|訴訟/.test(heading)) return 'review';
  if (/依申请|申请|申請/.test(heading)) return 'requests';
  if (/主动公开|主動公開/.test(heading)) return 'active';
  if (/问题|改进|問題|改進/.test(heading)) return 'problems';
  return 'other';
}

/** A report's Markdown as front matter, the blocks before its first section, and its sections of blocks. */
function readReport(text) {
  const front = text.match(/^---\n[\s\S]*?\n---\n/)?.[0] ?? '';
  const year = Number(front.match(/^year: (\d{4})$/m)?.[1] ?? 2019);
  const blocks = text.slice(front.length).split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean);
  const lead = [];
  const sections = [];
  for (const block of blocks) {
    if (block.startsWith('## ')) sections.push({ heading: block, kind: sectionKind(block), blocks: [] });
    else if (sections.length > 0) sections.at(-1).blocks.push(block);
    else lead.push(block);
  }
  return { front, year, lead, sections };
}

const isTable = (block) => block.startsWith('|');
const isHeading = (block) => block.startsWith('#');
const figureCount = (block) => (block.match(PROSE_FIGURE) ?? []).length;
const isTraditional = (text) => /總體|公開|處理/.test(text);

/** The paragraphs and sub-headings of the real reports by kind of section, each with its report's year. */
function paragraphPool(reports) {
  const pool = { intro: [], overview: [], active: [], requests: [], review: [], problems: [], other: [], subheadings: [] };
  for (const report of reports) {
    const { year, lead, sections } = readReport(report.text);
    // A text without the six sections (a work summary) lends its paragraphs to the overview only.
    const leadKind = sections.length === 0 ? 'overview' : 'intro';
    for (const block of lead) if (!isHeading(block) && block.length > 80) pool[leadKind].push({ text: block, year });
    for (const section of sections) {
      for (const block of section.blocks) {
        if (isTable(block)) continue;
        if (block.startsWith('### ')) {
          if (section.kind === 'overview' && !/第二十条|二、/.test(block)) pool.subheadings.push(block.replace(/^###\s*[（(][一二三四五六七八九十]+[)）]\s*/, ''));
          continue;
        }
        if (isHeading(block) || block.length < 40) continue;
        pool[section.kind].push({ text: block, year });
      }
    }
  }
  return pool;
}

/** A paragraph's sentences (ending with 。；！), for joining and for reading as a list. */
function sentences(text) {
  return text.match(/[^。；！]+[。；！]?/g)?.map((s) => s.trim()).filter((s) => s.length > 1) ?? [text];
}

function shuffle(rng, list) {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

// ---------------------------------------------------------------------------------------------- table skeletons

/** Fills the blank figures of a 三 table skeleton (real labels and layout) with figures whose relations hold. */
function fillRequestTable(table, rng) {
  const lines = table.split('\n');
  const numeric = 7;
  const rowOf = (pattern) => lines.findIndex((line) => pattern.test(line));
  const received = rowOf(/^\|\s*一、/);
  const carriedIn = rowOf(/^\|\s*二、/);
  const first = rowOf(/^\|\s*三、/);
  const total = rowOf(/（七）|\(七\)/);
  const carriedOut = rowOf(/^\|\s*四、/);
  if ([received, carriedIn, first, total, carriedOut].some((i) => i < 0)) return table;
  const cells = lines.map((line) => line.split('|').slice(1, -1));
  const set = (row, column, value) => { cells[row][cells[row].length - numeric + column] = ` ${value} `; };
  const columnTotals = { received: 0, carriedIn: 0, carriedOut: 0, total: 0 };
  const leafTotals = new Map();
  const sizes = [40, 8, 1, 1, 2, 3];
  sizes.forEach((size, column) => {
    let handled = 0;
    for (let row = first; row < total; row++) {
      const value = rng.next() < 0.45 ? rng.int(0, Math.round(size * (row === first ? 3 : 0.6))) : 0;
      set(row, column, value);
      handled += value;
      leafTotals.set(row, (leafTotals.get(row) ?? 0) + value);
    }
    const out = rng.int(0, Math.round(handled / 10));
    const carried = rng.int(0, Math.round((handled + out) / 12));
    const fresh = handled + out - carried;
    set(total, column, handled);
    set(carriedOut, column, out);
    set(carriedIn, column, carried);
    set(received, column, fresh);
    columnTotals.received += fresh;
    columnTotals.carriedIn += carried;
    columnTotals.carriedOut += out;
    columnTotals.total += handled;
  });
  for (const [row, value] of leafTotals) set(row, 6, value);
  set(received, 6, columnTotals.received);
  set(carriedIn, 6, columnTotals.carriedIn);
  set(carriedOut, 6, columnTotals.carriedOut);
  set(total, 6, columnTotals.total);
  return cells.map((row, i) => (i === 1 ? lines[1] : `|${row.join('|')}|`)).join('\n');
}

/** Fills a blank 四 table skeleton: each group of five is four outcomes and their 总计. */
function fillReviewTable(table, rng) {
  const lines = table.split('\n');
  const last = lines.at(-1).split('|').slice(1, -1);
  if (last.length !== 15) return table;
  const figures = [0, 1, 2].flatMap(() => {
    const parts = [rng.int(0, 5), rng.next() < 0.7 ? 0 : rng.int(1, 2), rng.next() < 0.8 ? 0 : 1, rng.int(0, 2)];
    return [...parts, parts.reduce((a, b) => a + b, 0)];
  });
  lines[lines.length - 1] = `|${figures.map((n) => ` ${n} `).join('|')}|`;
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------- prose-heavy

const TITLES_2021 = ['## 一、总体情况', '## 二、主动公开政府信息情况', '## 三、收到和处理政府信息公开申请情况', '## 四、政府信息公开行政复议、行政诉讼情况', '## 五、存在的主要问题及改进情况', '## 六、其他需要报告的事项'];

function buildProseHeavy(folder, count) {
  const reports = importedReports().filter((r) => !isTraditional(r.text) && !r.name.startsWith('html-'));
  const byName = (prefix) => readReport(importedReports().find((r) => r.name.startsWith(prefix)).text);
  const pool = paragraphPool(reports);
  const shanghai = byName('shanghai');
  const wulanchabu = byName('seed-002');
  const skeleton2021 = byName('seed-000');
  const reviewSkeleton = byName('xiongxian');
  const active2021 = [byName('longgang'), byName('xuwen')];
  const legacy = [byName('seed-001'), byName('seed-003')];
  const sectionOf = (report, kind) => report.sections.find((s) => s.kind === kind);

  for (let i = 1; i <= count; i++) {
    const rng = createRandom(0x5eed0000 + i);
    const place = rng.pick(PLACES);
    const organ = `${place}${rng.pick(SUFFIXES)}${rng.pick(BODIES)}`;
    const roll = rng.next();
    const format = roll < 0.45 ? '2019' : roll < 0.85 ? '2021' : 'legacy';
    const year = format === '2019' ? rng.int(2019, 2020) : format === '2021' ? rng.int(2021, 2024) : rng.int(2012, 2018);
    const target = rng.int(15_000, 20_000);
    const factor = rng.int(1, 4);
    const nudge = rng.next() < 0.4 ? 0.03 : 0;
    // Real text, moved to this report's year and place.
    const real = (item) => renamePlaces(shiftYears(item.text, year - item.year), place);
    // Each kind drawn as from a shuffled deck, so a report repeats a paragraph only once the deck runs out.
    const decks = {};
    const deal = (kind) => {
      if (!decks[kind]?.length) decks[kind] = shuffle(rng, pool[kind]);
      return decks[kind].pop();
    };
    const draw = (kind) => real(deal(kind));
    const prose = (kind) => {
      const style = rng.next();
      if (style < 0.3) return `${draw(kind)}${draw(kind)}`;
      if (style < 0.45) {
        const items = sentences(draw(kind));
        const marker = rng.pick(['1.', '-', '*']);
        if (items.length >= 3) return items.map((s, n) => `${marker === '1.' ? `${n + 1}.` : marker} ${s}`).join('\n');
      }
      return draw(kind);
    };
    // Figures richest paragraphs twice as likely in the overview.
    const overviewBlock = () => {
      const a = prose('overview');
      const b = prose('overview');
      return figureCount(a) >= figureCount(b) ? a : b;
    };

    let sections;
    if (format === 'legacy') {
      const base = rng.pick(legacy);
      sections = base.sections.map((s) => ({ heading: s.heading, blocks: s.blocks.map((b) => renamePlaces(shiftYears(b, year - base.year), place)) }));
    } else {
      const source = format === '2019' ? (rng.next() < 0.7 ? shanghai : wulanchabu) : null;
      const shift = (report, blocks) => blocks.map((b) => renamePlaces(shiftYears(b, year - report.year), place));
      const titles = format === '2019' ? shanghai.sections.map((s) => s.heading) : TITLES_2021;
      const active = format === '2019' ? shift(source, sectionOf(source, 'active').blocks) : (() => {
        const base = rng.pick(active2021);
        return shift(base, sectionOf(base, 'active').blocks);
      })();
      const requests = format === '2019'
        ? shift(source, sectionOf(source, 'requests').blocks)
        : [fillRequestTable(sectionOf(skeleton2021, 'requests').blocks.find(isTable), rng)];
      const review = format === '2019'
        ? shift(source, sectionOf(source, 'review')?.blocks ?? [])
        : [fillReviewTable(sectionOf(reviewSkeleton, 'review').blocks.find(isTable), rng)];
      sections = [
        { heading: titles[0], blocks: [draw('overview')] },
        { heading: titles[1], blocks: [...active, ...(rng.next() < 0.6 ? [prose('active')] : [])] },
        { heading: titles[2], blocks: [...requests, prose('requests')] },
        { heading: titles[3], blocks: [...review, ...(pool.review.length > 0 && rng.next() < 0.5 ? [draw('review')] : [])] },
        { heading: titles[4], blocks: rng.next() < 0.5 ? ['### （一）主要问题', prose('problems'), '### （二）改进措施', prose('problems')] : [prose('problems'), prose('problems')] },
        { heading: titles[5], blocks: [prose('other')] },
      ];
      // Sub-headed parts of the overview, four to seven to begin with; more are added below up to the size.
      for (let n = rng.int(4, 7); n > 0; n--) sections[0].blocks.push(`### ${deal('subheadings')}`, overviewBlock());
    }

    const head = `---\ntemplate: gov-annual-${format}\nyear: ${year}\norgan: ${organ}\n---\n\n# ${organ}${year}年政府信息公开工作年度报告\n\n${draw('intro')}\n`;
    const render = () => head + sections.map((s) => `\n${s.heading}\n\n${s.blocks.join('\n\n')}\n`).join('');
    let text = render();
    // Down to the size: drop overview paragraphs of a long base; up to it: add sub-headed overview parts.
    while (Buffer.byteLength(text) > target + 2000) {
      const blocks = sections[0].blocks;
      const candidates = blocks.map((b, n) => (isTable(b) || isHeading(b) ? -1 : n)).filter((n) => n >= 0);
      if (candidates.length <= 1) break;
      blocks.splice(rng.pick(candidates), 1);
      text = render();
    }
    while (Buffer.byteLength(text) < target) {
      if (format !== 'legacy' && rng.next() < 0.4) sections[0].blocks.push(`### ${deal('subheadings')}`);
      sections[0].blocks.push(overviewBlock());
      text = render();
    }
    // The overview's sub-headings numbered in order, as a report numbers them.
    let ordinal = 0;
    if (format !== 'legacy') sections[0].blocks = sections[0].blocks.map((b) => (b.startsWith('### ') ? `### （${ORDINALS[ordinal++ % ORDINALS.length]}）${b.slice(4).replace(/^[（(][一二三四五六七八九十]+[)）]\s*/, '')}` : b));
    write(folder, `report-${serial(i)}.md`, varyFigures(render(), rng, { factor, nudge }));
  }
}

// ---------------------------------------------------------------------------------------------- samples-varied

function buildSamplesVaried(folder, count) {
  const plain = sampleFiles().filter((file) => /^samples\/[^/]+\.md$/.test(file));
  const quarterly = sampleFiles().filter((file) => file.startsWith('samples/quarterly/') && file.endsWith('.md'));
  fs.mkdirSync(path.join(folder, 'templates'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'samples/templates/dept-quarterly-stats.json'), path.join(folder, 'templates/dept-quarterly-stats.json'));
  fs.mkdirSync(path.join(folder, 'quarterly'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'samples/quarterly/.tally.json'), path.join(folder, 'quarterly/.tally.json'));
  const all = [...plain, ...quarterly];
  for (let i = 1; i <= count; i++) {
    const rng = createRandom(0x5a3d0000 + i);
    const file = all[(i - 1) % all.length];
    const copy = Math.ceil(i / all.length);
    // One factor per copy, so a copy's reports of consecutive periods still agree with each other (carry-over).
    const factor = createRandom(copy).int(1, 5);
    const varied = varyFigures(fs.readFileSync(path.join(ROOT, file), 'utf8'), rng, { factor, nudge: rng.next() < 0.3 ? 0.03 : 0 });
    // The quarterly reports of one copy stay together, so the checks across quarters see their own set.
    const name = file.startsWith('samples/quarterly/') ? `quarterly/set-${serial(copy, 3)}/${path.basename(file)}` : `${serial(copy, 3)}-${path.basename(file)}`;
    write(folder, name, varied);
  }
}

// ---------------------------------------------------------------------------------------------- imported

function buildImported(folder, count) {
  const reports = importedReports();
  for (let i = 1; i <= count; i++) {
    const rng = createRandom(0x1a9e0000 + i);
    const report = reports[(i - 1) % reports.length];
    const copy = Math.ceil(i / reports.length);
    write(folder, `${serial(copy, 3)}-${report.name}.md`, varyFigures(report.text, rng, { factor: rng.int(1, 5), nudge: rng.next() < 0.3 ? 0.03 : 0 }));
  }
}

if (process.argv[1] === SELF) {
  const quick = process.argv.includes('--quick');
  const start = performance.now();
  for (const corpus of ensureCorpora({ quick })) {
    console.log(`${corpus.name.padEnd(15)} ${String(corpus.files.length).padStart(5)} files ${(corpus.bytes / 1e6).toFixed(1).padStart(6)} MB  ${path.relative(ROOT, corpus.folder)}`);
  }
  console.log(`${((performance.now() - start) / 1000).toFixed(1)} s`);
}
