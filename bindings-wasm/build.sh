#!/usr/bin/env bash
# Builds the JS packages of the WASM host:
#   pkg-web/   wasm-bindgen --target web     (ES module; the page in www/ uses it)
#   pkg-node/  wasm-bindgen --target nodejs  (CommonJS; test/ uses it)
# then shrinks each .wasm with `wasm-opt -Oz` when binaryen is installed, adds the
# package entry (index.js: the wasm-bindgen exports plus the host-side helpers of
# js/helpers.js) and writes the sizes to pkg-sizes.txt.
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
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# wasm-opt runs on rustc's output, *before* wasm-bindgen: wasm-bindgen then adds its
# externref table itself. (Debian's binaryen 108 rewrites an externref table as
# `anyref`, which current engines reject, so it must not touch wasm-bindgen's output.)
# The size "before" is wasm-bindgen's output of the unoptimized module.
wasm-bindgen --target web --out-dir "$work/plain" --out-name trustloop "$WASM"
input="$WASM"
optimized=""
if command -v wasm-opt >/dev/null 2>&1; then
    # The post-MVP features rustc's wasm32 target emits by default; every supported
    # browser and Node >= 16 has them.
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
        --enable-mutable-globals --enable-reference-types --enable-multivalue \
        -o "$work/opt.wasm" "$WASM"
    input="$work/opt.wasm"
    optimized="yes"
fi

for target in web nodejs; do
    case "$target" in web) out="$HERE/pkg-web" ;; nodejs) out="$HERE/pkg-node" ;; esac
    rm -rf "$out"
    wasm-bindgen --target "$target" --out-dir "$out" --out-name trustloop "$input"
done

# The package entry: index.js gives trustloop.js the shape of js/surface.js and adds
# js/helpers.js (fetching registry documents, reading picked folders). pkg-node gets both
# as CommonJS: each one's single `export function` becomes a `module.exports` entry.
cp "$HERE/js/index.web.js" "$HERE/pkg-web/index.js"
cp "$HERE/js/index.d.ts" "$HERE/pkg-web/index.d.ts"
for module in helpers surface; do
    js="$HERE/js/$module.js"
    [ "$(grep -c '^export ' "$js")" = 1 ] || { echo "js/$module.js must have exactly one export" >&2; exit 1; }
    fn="$(sed -n 's/^export function \([A-Za-z]*\)(.*/\1/p' "$js")"
    cp "$js" "$HERE/pkg-web/$module.js"
    {
        echo "'use strict';"
        sed "s/^export function $fn(/function $fn(/" "$js"
        echo "module.exports = { $fn };"
    } >"$HERE/pkg-node/$module.js"
done
cp "$HERE/js/index.node.js" "$HERE/pkg-node/index.js"
sed '/^export { default, initSync } from/d' "$HERE/js/index.d.ts" >"$HERE/pkg-node/index.d.ts"

# Minimal package manifests (wasm-bindgen writes none). pkg-node must say CommonJS:
# it sits below bindings-wasm/package.json, which declares "type": "module".
version="$(awk -F'"' '/^\[workspace.package\]/ { p = 1 } p && /^version *=/ { print $2; exit }' "$ROOT/Cargo.toml")"
manifest() { # dir type description
    cat >"$1/package.json" <<JSON
{
  "name": "trustloop-wasm",
  "version": "$version",
  "description": "$3",
  "license": "Apache-2.0",
  "type": "$2",
  "main": "index.js",
  "types": "index.d.ts",
  "files": ["index.js", "index.d.ts", "helpers.js", "surface.js", "trustloop.js", "trustloop.d.ts", "trustloop_bg.wasm", "trustloop_bg.wasm.d.ts"],
  "sideEffects": false
}
JSON
}
manifest "$HERE/pkg-web" module "trustloop verification core for browsers (WebAssembly, ES module; await the default export init() first)"
manifest "$HERE/pkg-node" commonjs "trustloop verification core for Node.js (WebAssembly, CommonJS)"

{
    echo "profile: $PROFILE"
    echo "rustc output: $(size "$WASM") bytes"
    echo "wasm-bindgen output without wasm-opt: $(size "$work/plain/trustloop_bg.wasm") bytes"
    if [ -n "$optimized" ]; then
        echo "wasm-bindgen output with wasm-opt -Oz: $(size "$HERE/pkg-web/trustloop_bg.wasm") bytes ($(wasm-opt --version))"
    else
        echo "wasm-opt not installed: packages are not size-optimized"
    fi
    echo "gzip -9 of the shipped module: $(gzip -9c "$HERE/pkg-web/trustloop_bg.wasm" | wc -c | tr -d ' ') bytes"
} >"$report"
cat "$report"
