#!/usr/bin/env node
// Runs the extension's end-to-end tests (a mocha suite with the `run()` entry point of @vscode/test-electron) inside
// the Node extension host of a real VS Code: code-server (VS Code server + web workbench) on 127.0.0.1, driven by
// Debian's headless chromium through playwright-core. Offline. Adapted from shared/vscode-e2e/runner-src/run-tests.js.
//
// node run-tests.cjs (--vsix FILE | --extensionDevelopmentPath DIR) --extensionTestsPath FILE --workspace DIR
//      [--codeServer PKG_DIR] [--timeout 300] [--chromium /usr/bin/chromium] [--screenshot FILE.png] [--verbose]
//      [--beside FILE.vsix]...
// With --vsix, the package is first installed with `code-server --install-extension`, and the installed folder is
// the extension under test: the tests then prove the .vsix itself. Each --beside package is installed as a user's
// extension beside it (the workbench takes one development extension), such as one that serves `markdown`.
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');
const http = require('http');
const util = require('util');

const root = path.resolve(__dirname, '../../..');
function arg(name, def) {
  const i = process.argv.indexOf('--' + name);
  if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  if (def === undefined) { console.error(`missing --${name}`); process.exit(2); }
  return def;
}
const vsix = arg('vsix', '');
const extTests = path.resolve(arg('extensionTestsPath'));
const workspace = path.resolve(arg('workspace'));
const csPkg = path.resolve(arg('codeServer', path.join(root, '.e2e-cache', 'runner', 'node_modules', 'code-server')));
const { chromium } = require(require.resolve('playwright-core', { paths: [path.dirname(csPkg)] }));
const timeoutS = Number(arg('timeout', '300'));
const chromiumPath = arg('chromium', '/usr/bin/chromium');
const verbose = process.argv.includes('--verbose');
const screenshot = arg('screenshot', '');
const entry = path.join(csPkg, 'out', 'node', 'entry.js');
const beside = process.argv.flatMap((a, i) => (a === '--beside' && i + 1 < process.argv.length ? [path.resolve(process.argv[i + 1])] : []));

function freePort() {
  return new Promise((res, rej) => {
    const s = net.createServer(); s.unref(); s.on('error', rej);
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); });
  });
}
function get(url) {
  return new Promise((res) => { http.get(url, (r) => { r.resume(); res(r.statusCode); }).on('error', () => res(0)); });
}

(async () => {
  const t0 = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-e2e-'));
  const env = { ...process.env, ...(screenshot ? { TALLY_E2E_SCREENSHOT_SIGNAL: path.join(tmp, 'screenshot-taken') } : {}), XDG_DATA_HOME: path.join(tmp, 'xdg-data'), XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    EXTENSIONS_GALLERY: '{}' /* no marketplace: no lookups of open-vsx.org offline */ };

  let extDev = arg('extensionDevelopmentPath', '');
  if (vsix) {
    const installed = path.join(tmp, 'installed');
    const out = execFileSync(process.execPath, [entry, '--extensions-dir', installed, '--user-data-dir', path.join(tmp, 'install-ud'),
      '--config', path.join(tmp, 'config.yaml'), '--install-extension', path.resolve(vsix)], { env }).toString().trim();
    console.log(out.split('\n').filter((l) => !/^\s*$/.test(l)).join('\n'));
    const dir = fs.readdirSync(installed).find((d) => fs.existsSync(path.join(installed, d, 'package.json')));
    if (!dir) { console.error(`the .vsix did not install: nothing in ${installed}`); process.exit(1); }
    extDev = path.join(installed, dir);
    console.log(`installed ${path.basename(vsix)} → ${dir}`);
  }
  if (!extDev) { console.error('missing --vsix or --extensionDevelopmentPath'); process.exit(2); }
  extDev = path.resolve(extDev);

  const port = await freePort();
  const userData = path.join(tmp, 'user-data');
  for (const other of beside) {
    const out = execFileSync(process.execPath, [entry, '--extensions-dir', path.join(tmp, 'extensions'), '--user-data-dir', userData,
      '--config', path.join(tmp, 'config.yaml'), '--install-extension', other], { env }).toString().trim();
    console.log(out.split('\n').filter((l) => !/^\s*$/.test(l)).join('\n'));
  }
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'security.workspace.trust.enabled': false,
    'extensions.autoUpdate': false, 'extensions.autoCheckUpdates': false, 'update.mode': 'none', 'git.enabled': false,
    'workbench.editor.enablePreview': false,
  }));
  const csArgs = [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userData, '--extensions-dir', path.join(tmp, 'extensions'),
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--log', 'info', '--config', path.join(tmp, 'config.yaml')];
  const server = spawn(process.execPath, csArgs, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const serverLog = [];
  const onOut = (d) => { const s = d.toString(); serverLog.push(s); if (verbose) process.stderr.write('[code-server] ' + s); };
  server.stdout.on('data', onOut); server.stderr.on('data', onOut);

  let browser;
  let result = '';
  const cleanup = async () => {
    try { if (browser) await browser.close(); } catch {}
    try { process.kill(-server.pid, 'SIGTERM'); } catch {}
    await new Promise((r) => setTimeout(r, 500));
    try { process.kill(-server.pid, 'SIGKILL'); } catch {}
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  const timer = setTimeout(async () => {
    console.error(`TIMEOUT after ${timeoutS}s`);
    console.error(serverLog.join('').slice(-4000));
    await cleanup(); process.exit(124);
  }, timeoutS * 1000);

  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if ((await get(base + '/healthz')) === 200) break;
    if (server.exitCode !== null || i > 600) { console.error('code-server did not start:\n' + serverLog.join('')); await cleanup(); process.exit(1); }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (verbose) console.error(`code-server up after ${(Date.now() - t0) / 1000}s`);

  browser = await chromium.launch({
    executablePath: chromiumPath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
  page.on('pageerror', (e) => console.error('[page error] ' + e));
  page.on('console', (m) => { if (verbose) console.error(`[browser ${m.type()}] ${m.text()}`); });

  // --screenshot: the suite's last hook logs TALLY-E2E-SCREENSHOT and waits for the signal file (the extension host
  // ends with the tests, and the workbench drops what it showed for it).
  // `TALLY-E2E-SCREENSHOT name` saves FILE-name.png beside FILE.png.
  const takeScreenshot = async (name) => {
    try {
      const file = name ? screenshot.replace(/(\.png)?$/i, `-${name}.png`) : screenshot;
      await page.waitForTimeout(1500); // the workbench renders what the extension host last sent a moment later
      await page.screenshot({ path: path.resolve(file) });
      console.log(`screenshot: ${file}`);
    } catch (e) { console.error('screenshot failed: ' + e); }
    fs.writeFileSync(env.TALLY_E2E_SCREENSHOT_SIGNAL, 'done');
  };
  // A webview keeps more than one frame with its page (the one shown and one being loaded or dropped): each is clicked.
  const clickInFrames = async (selector) => {
    for (let attempt = 0; attempt < 50; attempt++) {
      let clicked = 0;
      for (const frame of page.frames()) {
        try {
          const target = frame.locator(selector).first();
          if (await target.count()) { await target.click({ timeout: 2000 }); clicked++; if (verbose) console.error(`clicked ${selector} in ${frame.url()}`); }
        } catch { /* a frame that went away, or one not shown */ }
      }
      if (clicked) return;
      await page.waitForTimeout(200);
    }
    console.error(`TALLY-E2E-CLICK: nothing matches ${selector}`);
  };
  const done = new Promise((resolve) => {
    // VS Code's web workbench forwards its log (with the extension host's console, i.e. mocha's reporter) to
    // window.codeAutomationLog when it runs tests, and the tests' exit code to window.codeAutomationExit.
    page.exposeFunction('codeAutomationLog', (type, args) => {
      const a = args.slice();
      if (typeof a[0] === 'string' && a[0].startsWith('%c')) { a[0] = a[0].replace(/^%c\s*\S+\s*/, ''); a.splice(1, 1); }
      const line = util.format(...a);
      if (line.includes('TALLY-E2E-SCREENSHOT')) { void takeScreenshot(/TALLY-E2E-SCREENSHOT (\S+)/.exec(line)?.[1]); return; }
      // `TALLY-E2E-CLICK selector`: a click in the frame (a webview's) that holds it, as a user's
      const click = /TALLY-E2E-CLICK (.+)$/.exec(line);
      if (click) { void clickInFrames(click[1]); return; }
      const m = /TALLY-E2E-RESULT (\d+) passed, (\d+) failed/.exec(line);
      if (m) { result = `e2e: ${m[1]} passed, ${m[2]} failed`; return; }
      (type === 'error' ? console.error : console.log)(line);
    });
    page.exposeFunction('codeAutomationExit', (code) => resolve(code));
  });
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(extDev)],
    ['extensionTestsPath', remote(extTests)],
    ['skipWelcome', 'true'],
  ]);
  await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
  const exitCode = await done;
  clearTimeout(timer);

  if (verbose) console.error(serverLog.join(''));
  console.log(`VS Code ${require(path.join(csPkg, 'lib', 'vscode', 'product.json')).version ?? ''} (code-server ${require(path.join(csPkg, 'package.json')).version}): tests finished with exit code ${exitCode} in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  await cleanup();
  if (result) console.log(result);
  process.exit(exitCode);
})().catch(async (e) => { console.error(e); process.exit(1); });
