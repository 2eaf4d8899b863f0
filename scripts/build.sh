#!/usr/bin/env bash
# Builds the Wasm modules and the npm package into js-wrapper/{wasm,dist}:
# the engine (airlock_bg.wasm) and the egress allowlist
# (airlock_egress_bg.wasm), which the package loads only for policies that
# allow some URL.
#   AIRLOCK_WASM_OPT=0  skips wasm-opt (faster builds, larger Wasm)
set -euo pipefail
cd "$(dirname "$0")/.."

release=target/wasm32-unknown-unknown/release
out=js-wrapper/wasm

# One cargo run per module: built together, cargo would unify airlock-core's
# features and put the egress code (and its URL libraries) in both.
for crate in airlock-wasm airlock-egress-wasm; do
  cargo build --locked --release --target wasm32-unknown-unknown -p "$crate"
done

# Binds and optimises one module; re-runs the (slow) post-processing only
# when it changed.
post_process() {
  local wasm=$1 name=$2
  if [ -f "$out/${name}_bg.wasm" ] && [ ! "$wasm" -nt "$out/${name}_bg.wasm" ]; then
    return
  fi
  wasm-bindgen --target web --out-dir "$out" --out-name "$name" "$wasm"
  if [ "${AIRLOCK_WASM_OPT:-1}" != 0 ]; then
    # Debian's binaryen miscompiles current wasm-bindgen output; the npm one
    # is current.
    js-wrapper/node_modules/.bin/wasm-opt -O3 \
      --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals \
      "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
  fi
}
post_process "$release/airlock_wasm.wasm" airlock
post_process "$release/airlock_egress_wasm.wasm" airlock_egress

# Types and checks from tsc, the JavaScript bundled by esbuild.
(cd js-wrapper && node_modules/.bin/tsc -p tsconfig.json && node build.mjs)
for name in airlock airlock_egress; do
  f="$out/${name}_bg.wasm"
  printf 'built: %s (%s bytes, %s gzip)\n' "$f" \
    "$(wc -c < "$f")" "$(gzip -9c "$f" | wc -c)" >&2
done
