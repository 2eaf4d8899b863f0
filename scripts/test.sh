#!/usr/bin/env bash
# Runs every test: Rust (fmt, clippy, unit, cases, conformance), the
# package in Node, the package and the examples in headless Chromium.
# Installs what is missing first (scripts/setup.sh --test).
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

scripts/setup.sh --test

section "rust: format, lints"
cargo fmt --all --check
cargo clippy --locked --workspace --all-targets -- -D warnings

section "rust: tests"
cargo test --locked --workspace

section "wasm and package build"
scripts/build.sh

section "package: unit and CLI tests (Node)"
(cd js-wrapper && node --test test/)

# The end-to-end tests import the package as users get it: packed, then
# unpacked into tests/node_modules.
section "package: pack"
pack_dir=$(mktemp -d)
(cd js-wrapper && npm pack --silent --pack-destination "$pack_dir" >/dev/null)
rm -rf tests/node_modules/llm-airlock
mkdir -p tests/node_modules/llm-airlock
tar -xzf "$pack_dir"/llm-airlock-*.tgz -C tests/node_modules/llm-airlock --strip-components=1
rm -rf "$pack_dir"

section "end to end: Node and Chromium"
node --test tests/node/ tests/browser/

section "examples"
for t in examples/*/test.sh; do
  if [ -x "$t" ]; then "$t"; fi
done
