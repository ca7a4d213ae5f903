#!/usr/bin/env bash
# Builds the JS packages of the WASM host:
#   pkg-web/   wasm-bindgen --target web     (ES module; the page in www/ uses it)
#   pkg-node/  wasm-bindgen --target nodejs  (CommonJS; test/ uses it)
# then shrinks each .wasm with `wasm-opt -Oz` when binaryen is installed, and
# writes the sizes to pkg-sizes.txt.
#
# Env: CARGO_TARGET_DIR (default <repo>/target), TRUSTLOOP_WASM_PROFILE (default
# `wasm`: opt-level "s", fat LTO, one codegen unit; `release` also works).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PROFILE="${TRUSTLOOP_WASM_PROFILE:-wasm}"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

(cd "$ROOT" && cargo build -p trustloop-wasm --lib --target wasm32-unknown-unknown --profile "$PROFILE")
WASM="$TARGET_DIR/wasm32-unknown-unknown/$PROFILE/trustloop_wasm.wasm"

size() { wc -c <"$1" | tr -d ' '; }
report="$HERE/pkg-sizes.txt"
{
  echo "profile: $PROFILE"
  echo "cargo output: $(size "$WASM") bytes"
} >"$report"

for target in web nodejs; do
  case "$target" in web) out="$HERE/pkg-web" ;; nodejs) out="$HERE/pkg-node" ;; esac
  rm -rf "$out"
  wasm-bindgen --target "$target" --out-dir "$out" --out-name trustloop "$WASM"
  bg="$out/trustloop_bg.wasm"
  before="$(size "$bg")"
  if command -v wasm-opt >/dev/null 2>&1; then
    # Rust's wasm32 target emits these post-MVP features by default; every
    # supported browser and Node >= 16 has them.
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue \
      -o "$bg.opt" "$bg"
    mv "$bg.opt" "$bg"
    echo "$target: wasm-bindgen output $before bytes, after wasm-opt -Oz $(size "$bg") bytes" >>"$report"
  else
    echo "$target: wasm-bindgen output $before bytes (wasm-opt not installed: not optimized)" >>"$report"
  fi
done
cat "$report"
