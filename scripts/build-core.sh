#!/usr/bin/env bash
# Builds the WASM core into OUT (default build/core): leaklens.js (ES module glue) and
# leaklens_bg.wasm, with the cargo FEATURES given (the checker page's core: `www`).
# Needs the environment from .tools/wasm-env.sh (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-build/core}
FEATURES=${2:-}
# panic = abort only for the WASM: smaller, and a panic there ends the call anyway; opt-level
# "s": 5% smaller than 3 at about the same speed ("z" is smaller still but twice as slow)
CARGO_PROFILE_RELEASE_PANIC=abort CARGO_PROFILE_RELEASE_OPT_LEVEL=s cargo build --quiet --release --lib --target wasm32-unknown-unknown \
  ${FEATURES:+--features "$FEATURES"}
rm -rf "$OUT" && mkdir -p "$OUT"
# the module with its function names, for bench/size.mjs (where the code's bytes go)
cp target/wasm32-unknown-unknown/release/leaklens.wasm "$OUT.names.wasm"
wasm-bindgen --target web --no-typescript --out-dir "$OUT" \
  target/wasm32-unknown-unknown/release/leaklens.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-reference-types \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue \
  "$OUT/leaklens_bg.wasm" -o "$OUT/leaklens_bg.wasm"
echo "core: $OUT ($(stat -c %s "$OUT/leaklens_bg.wasm") bytes wasm)"
