#!/usr/bin/env bash
# Installs what Airlock's build needs; with --test, also what its tests
# need. Idempotent: every step checks first and skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=0
[ "${1:-}" = "--test" ] && with_tests=1

step() { printf '\033[1msetup:\033[0m %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

command -v cargo >/dev/null || {
  echo "setup: cargo not found; install Rust with rustup first" >&2
  exit 1
}
command -v node >/dev/null || {
  echo "setup: node not found; install Node.js 20 or newer first" >&2
  exit 1
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen's CLI must be exactly the version of the crate in Cargo.lock.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  step "installing wasm-bindgen-cli $want (takes a few minutes)"
  cargo install wasm-bindgen-cli --version "$want"
fi

# The package's dev tools: TypeScript, binaryen's wasm-opt, playwright-core.
npm_ci() {
  if [ ! -d "$1/node_modules" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
    step "installing npm packages in $1"
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_ci js-wrapper

if [ "$with_tests" = 1 ]; then
  if ! command -v chromium >/dev/null; then
    step "installing Debian's chromium for the browser tests"
    as_root apt-get update -qq
    as_root apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  for lock in tests/package-lock.json examples/*/package-lock.json; do
    [ -f "$lock" ] && npm_ci "$(dirname "$lock")"
  done
fi
step "ready"
