#!/usr/bin/env bash
# Installs a real VS Code for the editor tests: the VS Code server and web workbench of the
# code-server package (VS Code 1.100, runs on Node 20), from the npm registry and Debian's packages
# only. code-server's own postinstall downloads ripgrep from the internet, so its steps are run here
# by hand, with ripgrep from Debian.
#
#   usage: scripts/install-code-server.sh [DEST]     (default: .vscode-test/code-server)
#
# Safe to run again: a DEST that already holds this version is left alone.
set -euo pipefail
VERSION=4.100.3
DEST=${1:-.vscode-test/code-server}
mkdir -p "$DEST"
DEST=$(cd "$DEST" && pwd)
if [ -f "$DEST/.installed-$VERSION" ] && [ -f "$DEST/node_modules/code-server/out/node/entry.js" ]; then
  echo "code-server $VERSION is already in $DEST"
  exit 0
fi

missing=()
for package in ripgrep libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cd "$DEST"
[ -f package.json ] || echo '{"name":"code-server-host","private":true}' > package.json
npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION"
npm rebuild argon2

cd "$DEST/node_modules/code-server/lib/vscode"
npm install --no-audit --no-fund --omit=dev --ignore-scripts
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
for module in kerberos @vscode/spdlog native-watchdog @vscode/deviceid; do npm rebuild "$module"; done
# node-pty builds pty.node and then fails on an optional step that needs npx; only the binary matters.
npm rebuild node-pty || true
test -f node_modules/node-pty/build/Release/pty.node
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --no-audit --no-fund --omit=dev)

touch "$DEST/.installed-$VERSION"
echo "code-server $VERSION installed in $DEST"
