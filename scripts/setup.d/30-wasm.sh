#!/usr/bin/env bash
# WebAssembly host (bindings-wasm): the wasm32 Rust target, wasm-bindgen-cli at exactly
# the version of the wasm-bindgen crate in Cargo.lock (the CLI and the crate must
# match), binaryen's wasm-opt, Debian's Chromium + ChromeDriver for the browser tests,
# and the npm dev dependencies (playwright-core, which never downloads a browser, and
# axe-core, the accessibility engine the page test injects).
# Idempotent: every step is skipped when already in place.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# 1. Rust target.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    tl_log "rustup: adding wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli == the wasm-bindgen crate version in Cargo.lock.
want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$TRUSTLOOP_ROOT/Cargo.lock")"
[ -n "$want" ] || tl_die "wasm-bindgen not found in Cargo.lock"
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
have_runner="$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have" != "$want" ] || [ "$have_runner" != "$want" ]; then
    tl_log "cargo install wasm-bindgen-cli $want (have: ${have:-none})"
    cargo install wasm-bindgen-cli --version "$want" --force
fi

# 3. Debian packages: wasm-opt, chromium, chromedriver.
pkgs=()
tl_have wasm-opt || pkgs+=(binaryen)
[ -x /usr/bin/chromium ] || pkgs+=(chromium)
[ -x /usr/bin/chromedriver ] || pkgs+=(chromium-driver)
if [ "${#pkgs[@]}" -gt 0 ]; then
    tl_log "apt: installing ${pkgs[*]}"
    tl_apt_install "${pkgs[@]}"
fi

# 4. npm dev dependencies from the committed package-lock.json.
dir="$TRUSTLOOP_ROOT/bindings-wasm"
stamp_file="$dir/node_modules/.trustloop-lock.sha256"
stamp="$(tl_stamp "$dir/package-lock.json" "$dir/package.json")"
if ! [ -f "$stamp_file" ] || [ "$(cat "$stamp_file")" != "$stamp" ] || ! [ -d "$dir/node_modules/playwright-core" ] || ! [ -d "$dir/node_modules/axe-core" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$stamp" >"$stamp_file"
fi

echo "wasm-bindgen $(wasm-bindgen --version | awk '{print $2}'), $(wasm-opt --version), $(/usr/bin/chromium --version 2>/dev/null), $(/usr/bin/chromedriver --version | cut -d' ' -f1-2), playwright-core $(node -p "require('$dir/node_modules/playwright-core/package.json').version"), axe-core $(node -p "require('$dir/node_modules/axe-core/package.json').version")"
