// `tally import` and `tally check` on a folder of 1,000 published report pages (run `npm run build` first).
// The pages are made from the HTML fixtures (server/fixtures/import/html/: a real page and two CMS layouts) and the
// samples rendered to HTML, each varied: its figures, its page chrome (navigation, breadcrumbs, metadata, scripts,
// styles, related links, footers, wrappers) and its charset (UTF-8 with or without a BOM or a declaration,
// GB18030/GBK/GB2312 declared or not). Then `tally check` on the 1,000 pages by name (a folder is searched for
// Markdown only): each imported in memory and checked. Target: each under 60 s on 2 cores. On a shared machine the
// wall time measures the other processes too, so a run also passes when its CPU time over the threads it can use
// is under the limit: `tally import` reads the files one after another (one thread), `tally check` on 2 cores.
//   node bench/import-html.js [--count N]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const COUNT = Number(process.argv[process.argv.indexOf('--count') + 1]) || 1000;
const LIMIT_S = 60;
const CORES = 2;

// iconv-lite (a dependency of the packaging tools) encodes the GB charsets; without it pages stay Unicode
let iconv;
try { iconv = createRequire(import.meta.url)('iconv-lite'); } catch { /* Unicode charsets only */ }

// ---------------------------------------------------------------- the bases

const FIXTURES = path.join(ROOT, 'server/fixtures/import/html');
const decode = (bytes) => (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  ? new TextDecoder('utf-8').decode(bytes.subarray(3))
  : (() => { try { return new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { return new TextDecoder('gb18030').decode(bytes); } })());

function markdownPage(markdown) {
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkRehype).use(rehypeStringify);
  processor.data('micromarkExtensions', [gfmTable()]);
  processor.data('fromMarkdownExtensions', [gfmTableFromMarkdown()]);
  const body = String(processor.processSync(markdown.replace(/^---\n[\s\S]*?\n---\n/, '')));
  const title = /^# (.*)$/m.exec(markdown)?.[1] ?? '年度报告';
  return `<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body>\n<div class="article">\n${body}\n</div>\n</body>\n</html>\n`;
}

const bases = [
  ...fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.html')).map((f) => decode(fs.readFileSync(path.join(FIXTURES, f)))),
  ...fs.readdirSync(path.join(ROOT, 'samples')).filter((f) => f.endsWith('.md') && f !== 'README.md')
    .map((f) => markdownPage(fs.readFileSync(path.join(ROOT, 'samples', f), 'utf8'))),
];

// ---------------------------------------------------------------- the variations

/** A small deterministic generator, so every run builds the same pages. */
function random(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** Figures in the text (not in markup, not years) moved up or down. */
function varyFigures(html, rnd) {
  const shift = Math.floor(rnd() * 9) - 4;
  return html.split(/(<[^>]*>)/).map((part, i) => (i % 2 ? part : part.replace(/\d+/g, (d) => {
    const n = Number(d);
    if (d.length > 6 || (n >= 1990 && n <= 2035) || n === 0) return d;
    return String(Math.max(0, n + shift * (1 + (n % 3))));
  }))).join('');
}

const NAV = ['首页', '政务公开', '政务服务', '互动交流', '走进本区', '专题专栏', '数据开放', '政策文件', '通知公告', '人事信息'];
function chrome(rnd) {
  const pick = (n) => Array.from({ length: n }, () => NAV[Math.floor(rnd() * NAV.length)]);
  const links = (n) => pick(n).map((t, i) => `<li><a href="/p/${i}.html">${t}</a></li>`).join('');
  const before = [
    `<div class="top-bar">欢迎访问本网站 <a href="/en/">English</a> <a href="/wza/">无障碍</a></div>`,
    `<nav class="nav"><ul>${links(4 + Math.floor(rnd() * 6))}</ul></nav>`,
    `<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 年度报告</div>`,
    `<script>var _hmt = _hmt || []; (function(){ var hm = document.createElement("script"); hm.src = "/tj.js?${Math.floor(rnd() * 1e6)}"; })();</script>`,
    `<style>.article{font-size:16px;line-height:${(1.5 + rnd()).toFixed(2)}}</style>`,
  ].filter(() => rnd() < 0.7);
  const after = [
    `<div class="share">分享到：<a>微信</a> <a>微博</a></div><div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>`,
    `<div class="related"><h4>相关文章</h4><ul>${links(3 + Math.floor(rnd() * 5))}</ul></div>`,
    `<footer>主办：本区人民政府办公室 网站标识码：${Math.floor(rnd() * 1e10)} ICP备${Math.floor(rnd() * 1e8)}号 版权所有</footer>`,
    `<!-- ${'page generated by CMS '.repeat(1 + Math.floor(rnd() * 5))}-->`,
  ].filter(() => rnd() < 0.7);
  const depth = Math.floor(rnd() * 4);
  return { before: before.join('\n') + '\n' + '<div class="wrap">'.repeat(depth), after: '</div>'.repeat(depth) + '\n' + after.join('\n') };
}

function withChrome(html, rnd) {
  const { before, after } = chrome(rnd);
  return html.replace(/<body([^>]*)>/i, (m) => `${m}\n${before}`).replace(/<\/body>/i, `${after}\n</body>`);
}

const CHARSETS = ['utf-8', 'utf-8-bom', 'utf-8-undeclared', ...(iconv ? ['gb18030', 'gbk-http-equiv', 'gb2312', 'gb18030-undeclared'] : [])];
const META = /<meta[^>]+charset[^>]*>\s*/gi;

function encode(html, charset) {
  const declare = (decl) => html.replace(META, '').replace(/<head([^>]*)>/i, (m) => `${m}\n${decl}`);
  switch (charset) {
    case 'utf-8': return Buffer.from(declare('<meta charset="utf-8">'));
    case 'utf-8-bom': return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(declare('<meta charset="UTF-8">'))]);
    case 'utf-8-undeclared': return Buffer.from(html.replace(META, ''));
    case 'gb18030': return iconv.encode(declare('<meta charset="gb18030">'), 'gb18030');
    case 'gbk-http-equiv': return iconv.encode(declare('<meta http-equiv="Content-Type" content="text/html; charset=gbk">'), 'gbk');
    case 'gb2312': return iconv.encode(declare('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'), 'gbk');
    case 'gb18030-undeclared': return iconv.encode(html.replace(META, ''), 'gb18030');
  }
  throw new Error(charset);
}

// ---------------------------------------------------------------- the run

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-bench-html-'));
const pages = path.join(work, 'pages');
const out = path.join(work, 'imported');
fs.mkdirSync(pages);
const used = new Map();
for (let i = 0; i < COUNT; i++) {
  const rnd = random(i + 1);
  const charset = CHARSETS[i % CHARSETS.length];
  const html = withChrome(varyFigures(bases[i % bases.length], rnd), rnd);
  fs.writeFileSync(path.join(pages, `report-${String(i).padStart(4, '0')}.html`), encode(html, charset));
  used.set(charset, (used.get(charset) ?? 0) + 1);
}
const megabytes = fs.readdirSync(pages).reduce((n, f) => n + fs.statSync(path.join(pages, f)).size, 0) / 1048576;

/** Runs the CLI; its CPU time (every thread) and peak memory come from a hook that writes them on exit. */
function cli(args) {
  const usage = path.join(work, 'usage.json');
  const t = performance.now();
  const res = spawnSync(process.execPath, ['--import', pathToFileURL(path.join(ROOT, 'bench/usage-hook.mjs')).href, path.join(ROOT, 'out/cli.js'), ...args],
    { cwd: work, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, TALLY_BENCH_USAGE: usage } });
  const wall = (performance.now() - t) / 1000;
  const { cpu, rss } = JSON.parse(fs.readFileSync(usage, 'utf8'));
  return { wall, cpu, rss, status: res.status, stdout: res.stdout, stderr: res.stderr };
}

const verdictOf = (r, threads) => (r.wall < LIMIT_S || r.cpu / threads < LIMIT_S ? 'PASS' : 'FAIL');
const line = (what, r, threads) => `${what}: ${r.wall.toFixed(1)} s wall, ${r.cpu.toFixed(1)} s CPU` +
  (threads > 1 ? ` (${(r.cpu / threads).toFixed(1)} s over ${threads} cores)` : '') + `, peak RSS ${r.rss.toFixed(0)} MB`;
try {
  console.log(`import-html: ${COUNT} pages from ${bases.length} bases, ${megabytes.toFixed(1)} MB; charsets ${[...used].map(([c, n]) => `${c} ${n}`).join(', ')}` +
    (iconv ? '' : ' (iconv-lite missing: no GB charsets)'));
  const imported = cli(['import', pages, '--out-dir', out]);
  const written = fs.existsSync(out) ? fs.readdirSync(out).filter((f) => f.endsWith('.md')).length : 0;
  const failed = COUNT - written;
  const verdict = failed === 0 && imported.status === 0 ? verdictOf(imported, 1) : 'FAIL';
  console.log(`import-html: ${line(`tally import → ${written} reports`, imported, 1)}; limit ${LIMIT_S} s: ${verdict}`);
  if (failed) console.log(imported.stderr.split('\n').slice(0, 5).join('\n'));
  const checked = cli(['check', '--format', 'json', ...fs.readdirSync(pages).sort().map((f) => path.join(pages, f))]);
  let files = 0, findings = 0;
  try { const json = JSON.parse(checked.stdout); files = json.files.length; findings = json.files.reduce((n, f) => n + f.diagnostics.length, 0); } catch { /* counted as none */ }
  const checkVerdict = (checked.status === 0 || checked.status === 1) && files === COUNT ? verdictOf(checked, CORES) : 'FAIL';
  console.log(`import-html: ${line(`tally check → ${files} reports, ${findings} findings`, checked, CORES)}; limit ${LIMIT_S} s: ${checkVerdict}`);
  if (verdict === 'FAIL' || checkVerdict === 'FAIL') process.exitCode = 1;
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
