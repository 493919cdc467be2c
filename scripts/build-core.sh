#!/usr/bin/env bash
# Builds one WASM package of wasm-pack.toml (default: core, the extension's) into its output
# folder: leaklens.js (ES module glue) and leaklens_bg.wasm, with the package's cargo features,
# wasm-bindgen target and wasm-opt flags as that file gives them.
# Needs the environment from .tools/wasm-env.sh (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
PACKAGE=${1:-core}
settings=$(python3 tools/wasm_pack_settings.py "$PACKAGE")
eval "$settings"
CARGO_PROFILE_RELEASE_PANIC=$PANIC cargo build --quiet --release --lib --target wasm32-unknown-unknown \
  ${FEATURES:+--features "$FEATURES"}
rm -rf "$OUT" && mkdir -p "$OUT"
wasm-bindgen --target "$TARGET" --no-typescript --out-dir "$OUT" \
  target/wasm32-unknown-unknown/release/leaklens.wasm
wasm-opt "${WASM_OPT[@]}" "$OUT/leaklens_bg.wasm" -o "$OUT/leaklens_bg.wasm"
echo "core: $OUT ($(stat -c %s "$OUT/leaklens_bg.wasm") bytes wasm)"
