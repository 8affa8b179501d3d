#!/usr/bin/env node
// `tally check --format html` in a browser: the page of samples/ opened in Debian's headless chromium (through
// playwright-core, as run-tests.cjs launches it) with every request intercepted. It renders, marks the failing cells,
// shows a cell's relations on hover and on keyboard focus, and asks for nothing beyond the page itself.
//
// node review-page.cjs [--cli out/cli.js] [--chromium /usr/bin/chromium] [--screenshot FILE.png]
'use strict';
const { execFileSync } = require('child_process');
const assert = require('assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '../../..');
const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? process.argv[i + 1] : def; };
const cli = path.resolve(arg('cli', path.join(root, 'out', 'cli.js')));
const chromiumPath = arg('chromium', '/usr/bin/chromium');
const screenshot = arg('screenshot', '');
const { chromium } = require(require.resolve('playwright-core', { paths: [path.join(root, '.e2e-cache', 'runner', 'node_modules')] }));

(async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-review-page-'));
  const file = path.join(tmp, 'review.html');
  let html;
  try {
    html = execFileSync(process.execPath, [cli, 'check', 'samples', '--format', 'html', '--locale', 'zh-CN'], { cwd: root, maxBuffer: 64 << 20 }).toString();
  } catch (e) {
    if (e.status !== 1) throw e; // 1: the samples have errors, as they should
    html = e.stdout.toString();
  }
  fs.writeFileSync(file, html);
  const page = `file://${file}`;
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-dev-shm-usage'] });
  const results = [];
  const check = async (name, body) => {
    try { await body(); results.push(true); console.log(`  ✔ ${name}`); } catch (e) { results.push(false); console.log(`  ✖ ${name}\n${e.stack}`); }
  };
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const requested = [];
    // every request of the page and of anything it might load: only the page itself may be read
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === page) return route.continue();
      requested.push(url);
      return route.abort();
    });
    const tab = await context.newPage();
    const errors = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    tab.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await tab.goto(page, { waitUntil: 'load' });
    console.log('review page in headless chromium');
    await check('it renders one report per sample', async () => {
      assert.equal(await tab.locator('section.report').count(), 14);
      assert.equal(await tab.title(), 'Tally 审阅');
    });
    await check('the failing cells are marked, and look it', async () => {
      const failing = tab.locator('[data-path$="003-xiangtan-2016.md"] td.cell.fail');
      assert.ok(await failing.count() >= 2);
      const background = (l) => l.evaluate((el) => getComputedStyle(el).backgroundColor);
      const plain = tab.locator('[data-path$="003-xiangtan-2016.md"] td.cell.number:not(.fail)').first();
      assert.notEqual(await background(failing.first()), await background(plain));
    });
    await check('a cell shows its relations on hover and on focus', async () => {
      const cell = tab.locator('[data-path$="003-xiangtan-2016.md"] td.cell.fail', { hasText: '655' }).first();
      const tip = cell.locator('.tip');
      assert.equal(await tip.isVisible(), false);
      await cell.hover();
      assert.equal(await tip.isVisible(), true);
      assert.match(await tip.innerText(), /L11.*687 > .*655 ✗/);
      await tab.mouse.move(0, 0);
      await cell.focus();
      assert.equal(await tip.isVisible(), true);
    });
    await check('nothing is requested beyond the page, and no script runs', async () => {
      assert.deepEqual(requested, []);
      assert.deepEqual(errors, []);
      assert.equal(await tab.locator('script').count(), 0);
    });
    if (screenshot) {
      const cell = tab.locator('[data-path$="003-xiangtan-2016.md"] td.cell.fail', { hasText: '655' }).first();
      // the table from its caption (its state), the failing cell with its relations shown
      await cell.evaluate((el) => el.closest('figure').scrollIntoView({ block: 'start' }));
      await cell.hover();
      await tab.screenshot({ path: path.resolve(screenshot) });
      console.log(`screenshot: ${screenshot}`);
    }
  } finally {
    await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r).length;
  console.log(`review page: ${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(1); });
