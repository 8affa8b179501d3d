#!/usr/bin/env bash
# `npm run test:e2e`: the extension's end-to-end tests in a real VS Code (code-server 4.100.3 = VS Code 1.100.3),
# offline. Steps: install code-server, playwright-core and Debian's chromium into .e2e-cache/ (skipped when there);
# build and package the extension (npm run package); check the TextMate grammars with VS Code's own tokenizer;
# compile the mocha suite; lay out a fresh workspace from samples/; install the .vsix with
# `code-server --install-extension` and run the suite inside that installed extension's host, with the test extension
# markdown-probe/ (one that serves the `markdown` language) packaged and installed beside it.
# Environment: E2E_TIMEOUT (seconds, default 600), E2E_VERBOSE=1 (code-server and browser logs),
# E2E_SCREENSHOT=file.png (the workbench as the tests leave it: the 002 report, its outline, status bar and Problems;
# beside it file-review-panel.png, the review panel, and file-review-page.png, the page of tally check --format html).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
HERE="$ROOT/client/test/e2e"
CACHE="$ROOT/.e2e-cache"
cd "$ROOT"

"$HERE/install.sh" "$CACHE/runner"
CODE_SERVER="$CACHE/runner/node_modules/code-server"

npm run --silent package
VSIX="$ROOT/tally-$(node -p "require('./package.json').version").vsix"

node "$HERE/grammar-check.cjs" "$CODE_SERVER"
# `tally check --format html` in headless chromium (E2E_SCREENSHOT: also a picture of the page, *-review-page.png)
node "$HERE/review-page.cjs" ${E2E_SCREENSHOT:+--screenshot "${E2E_SCREENSHOT%.png}-review-page.png"}

rm -rf "$CACHE/suite" "$CACHE/workspace"
# each suite file bundled with what it imports of suite/ (support.ts); vscode and mocha come from the host
npx --no-install esbuild "$HERE"/suite/*.ts --bundle --external:vscode --external:mocha --outdir="$CACHE/suite" \
  --out-extension:.js=.cjs --format=cjs --platform=node --target=node20 --log-level=warning
mkdir -p "$CACHE/workspace"
cp samples/clean-2021.md samples/002-wulanchabu-2020.md "$CACHE/workspace/"
cp "$HERE/fixtures/plain.md" "$CACHE/workspace/"
cp server/fixtures/import/html/built-2021-trs-gb18030-nocharset.html "$CACHE/workspace/published-2021.html"

# The test extension for `markdown`, packaged to install beside Tally.
(cd "$HERE/markdown-probe" && npx --no-install vsce package --no-dependencies --allow-missing-repository --skip-license \
  --out "$CACHE/markdown-probe.vsix" >/dev/null)

node "$HERE/run-tests.cjs" --codeServer "$CODE_SERVER" --vsix "$VSIX" \
  --extensionTestsPath "$CACHE/suite/index.cjs" --workspace "$CACHE/workspace" --beside "$CACHE/markdown-probe.vsix" \
  --timeout "${E2E_TIMEOUT:-600}" ${E2E_VERBOSE:+--verbose} ${E2E_SCREENSHOT:+--screenshot "$E2E_SCREENSHOT"}
