#!/usr/bin/env bash
# Installs a real VS Code for the end-to-end tests, offline except for the npm registry and Debian packages:
# code-server (VS Code server + web workbench) and playwright-core into DEST (default: <repo>/.e2e-cache/runner),
# plus Debian's chromium, ripgrep and the build tools code-server's native modules need.
# Each step is skipped when already done. Adapted from the recipe in shared/vscode-e2e.
# Usage: [CODE_SERVER_VERSION=4.100.3] client/test/e2e/install.sh [DEST]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
DEST="${1:-$ROOT/.e2e-cache/runner}"
mkdir -p "$DEST" && DEST="$(cd "$DEST" && pwd)"
CS_VERSION="${CODE_SERVER_VERSION:-4.100.3}"   # 4.100.3 = VS Code 1.100.3, the newest that runs on Node 20

if [ -f "$DEST/node_modules/code-server/package.json" ] && [ -d "$DEST/node_modules/playwright-core" ] \
   && [ "$(node -p "require('$DEST/node_modules/code-server/package.json').version")" = "$CS_VERSION" ] \
   && command -v chromium >/dev/null; then
  echo "e2e: code-server $CS_VERSION already installed in $DEST"
  exit 0
fi

# 1. Debian packages: chromium (the browser), ripgrep (instead of @vscode/ripgrep's download from GitHub),
#    build tools and libkrb5-dev (native modules of the VS Code server: kerberos, node-pty, spdlog …)
if ! command -v chromium >/dev/null || ! command -v rg >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1 \
   || ! command -v g++ >/dev/null || ! command -v make >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    chromium ripgrep libkrb5-dev build-essential python3 >/dev/null
fi

# 2. code-server pins engines.node to one major; this project runs on Node 20, which 4.100.3 wants.
NEED_MAJOR=$(npm view "code-server@$CS_VERSION" engines.node 2>/dev/null | tr -dc '0-9')
HAVE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
if [ -n "$NEED_MAJOR" ] && [ "$HAVE_MAJOR" != "$NEED_MAJOR" ]; then
  echo "e2e: code-server $CS_VERSION needs Node $NEED_MAJOR, this is Node $HAVE_MAJOR" >&2
  exit 1
fi
# node-gyp must build against this Node's headers
if [ -d /usr/include/node ] && [ "$(command -v node)" = /usr/bin/node ]; then export npm_config_nodedir=/usr
else export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"; fi

# 3. make @vscode/ripgrep's postinstall find a "cached download" instead of calling api.github.com
"$HERE/seed-ripgrep-cache.sh" "$CS_VERSION" >/dev/null

# 4. code-server and playwright-core (playwright-core never downloads browsers; we use Debian's chromium)
cd "$DEST"
[ -f package.json ] || echo '{"name":"tally-e2e-runner","private":true,"allowScripts":{"code-server":true,"argon2":true}}' > package.json
# npm_config_unsafe_perm: code-server's postinstall refuses to run as root without it
# npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which must not prompt
npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --no-audit --no-fund --save-exact "code-server@$CS_VERSION" playwright-core@1.65.1
echo "e2e: installed code-server $(node -p "require('./node_modules/code-server/package.json').version") into $DEST"
