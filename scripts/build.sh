#!/usr/bin/env bash
# Builds the Wasm engine and the npm package into js-wrapper/{wasm,dist}.
#   AIRLOCK_WASM_OPT=0  skips wasm-opt (faster builds, larger Wasm)
set -euo pipefail
cd "$(dirname "$0")/.."

wasm=target/wasm32-unknown-unknown/release/airlock_wasm.wasm
out=js-wrapper/wasm

cargo build --locked --release --target wasm32-unknown-unknown -p airlock-wasm

# Re-run the (slow) post-processing only when the engine changed.
if [ ! -f "$out/airlock_bg.wasm" ] || [ "$wasm" -nt "$out/airlock_bg.wasm" ]; then
  wasm-bindgen --target web --out-dir "$out" --out-name airlock "$wasm"
  if [ "${AIRLOCK_WASM_OPT:-1}" != 0 ]; then
    # Debian's binaryen miscompiles current wasm-bindgen output; the npm one
    # is current.
    js-wrapper/node_modules/.bin/wasm-opt -O3 \
      --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals \
      "$out/airlock_bg.wasm" -o "$out/airlock_bg.wasm"
  fi
fi

(cd js-wrapper && node_modules/.bin/tsc -p tsconfig.json)
printf 'built: %s (%s bytes, %s gzip)\n' "$out/airlock_bg.wasm" \
  "$(wc -c < "$out/airlock_bg.wasm")" "$(gzip -9c "$out/airlock_bg.wasm" | wc -c)" >&2
