#!/usr/bin/env bash
# Tests the Node-RED node against the built llm-airlock package
# (scripts/build.sh first). Idempotent; runs from any directory.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -f ../../js-wrapper/dist/node.js ]; then
  echo "node-red: build the package first (scripts/build.sh)" >&2
  exit 1
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

node --test test/
