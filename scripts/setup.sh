#!/usr/bin/env bash
# Installs every tool the build and the tests need, at the versions pinned in the repo.
# Idempotent: each step checks first, so a warm machine spends a second here.
# Usage: scripts/setup.sh [build|test]   ("test" also installs Chromium and the npm tools)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-build}"

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock, or the built app fails at load.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock 2>/dev/null || true)
WB_VERSION="${WB_VERSION:-0.2.130}"

log() { printf '[setup] %s\n' "$*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (about 7 minutes cold)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WB_VERSION"; then
  log "installing wasm-bindgen-cli $WB_VERSION (about 2 minutes cold)"
  # Not --locked: its lock file names a crate version the registry here does not serve.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

if ! command -v npm >/dev/null; then
  log "error: npm (Node.js) is needed for wasm-opt and the browser tests; install Node.js 18 or newer"
  exit 1
fi
# node_modules/.package-lock.json is npm's record of what it installed: older than the lock file
# means the lock changed since.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm tools from package-lock.json (binaryen, playwright-core)"
  npm ci --no-audit --no-fund
fi

if [ "$what" = test ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    log "installing Debian's chromium and chromium-driver"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi
log "tools ready"
