#!/usr/bin/env bash
# Measures speed and size: native and Wasm-in-Node throughput on the perf
# corpus, 2 KB prompt latency, cold start (without and with the egress
# module), the size of both Wasm modules. Not a test: figures only, all
# from one run so the ratios are comparable.
#   scripts/bench.sh SHARED_DIR      (the folder holding corpus/perf-8mb.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:?usage: bench.sh SHARED_DIR}
file="$shared/corpus/perf-8mb.txt"
[ -f "$file" ] || { echo "bench: no $file" >&2; exit 2; }

scripts/setup.sh
scripts/build.sh
native=$(cargo run --locked --release -q -p airlock-core --example bench -- "$file")
wasm=$(node tests/bench/wasm.mjs "$file")
echo "$native"
echo "$wasm"
node -e '
  const [n, w] = process.argv.slice(1).map(JSON.parse);
  console.log(`wasm/native throughput: whole text ${(w.wholeMBps / n.wholeMBps).toFixed(2)}, 2 KB prompts ${(w.promptMBps / n.promptMBps).toFixed(2)}`);
' "$native" "$wasm"
