#!/usr/bin/env bash
# Builds the extension and tests it in headless Chromium against the
# built llm-airlock package (scripts/build.sh first). Idempotent; runs
# from any directory.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -f ../../js-wrapper/wasm/airlock_bg.wasm ]; then
  echo "browser-extension: build the package first (scripts/build.sh)" >&2
  exit 1
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

node --test test/
