#!/usr/bin/env bash
# The packed npm artifacts as a user gets them, outside the checkout: `npm pack` of
# trustloop, of this host's platform package @trustloop/<platform> and of
# trustloop-wasm, installed into a fresh project under build/packages-check together
# with typescript, @types/node and vite (pinned, from the npm registry). Then:
#   - the README's Node first example (bindings-node/examples/first_steps.mjs, ESM),
#     the native addon coming from the platform package;
#   - tests/packages/named_imports.cjs (CommonJS, named) and typed.mts (tsc, strict,
#     module nodenext, then run), against trustloop, trustloop-wasm and its verify-only
#     entry trustloop-wasm/verify;
#   - the README's WASM first example (bindings-wasm/examples/vite) built by Vite and
#     loaded in Debian's Chromium (playwright-core), verifying a good and a tampered
#     bundle.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
root="$TRUSTLOOP_ROOT"
node_dir="$root/bindings-node"
wasm_dir="$root/bindings-wasm"
work="$root/build/packages-check"
start=$SECONDS
TYPESCRIPT=typescript@5.9.3 TYPES_NODE=@types/node@20.19.43 VITE=vite@7.3.8

[ -x "$node_dir/node_modules/.bin/napi" ] && [ -d "$wasm_dir/node_modules/playwright-core" ] ||
    tl_die "node_modules missing; run scripts/setup.sh"
expect() { # output text
    case "$1" in *"$2"*) ;; *) tl_die "expected '$2' in:"$'\n'"$1" ;; esac
}

# The artifacts the node and wasm suites built, brought up to date (a no-op after them).
tl_log "packages: the addon and trustloop-wasm, up to date"
(cd "$node_dir" && ./node_modules/.bin/napi build --platform --release --strip --no-js --dts native.d.ts >/dev/null 2>&1) ||
    tl_die "napi build failed (bindings-node)"
if [ ! -f "$wasm_dir/pkg/package.json" ] || [ -n "$(find "$root/core/src" "$wasm_dir/src" "$wasm_dir/js" "$wasm_dir/build.sh" -newer "$wasm_dir/pkg/package.json" | head -1)" ]; then
    bash "$wasm_dir/build.sh" >/dev/null
fi
host="$(cd "$node_dir" && node -p "require('./addon.js').platformName()")"

rm -rf "$work" && mkdir -p "$work/tarballs" "$work/project"
tl_log "packages: npm pack trustloop, @trustloop/$host, trustloop-wasm"
node "$node_dir/npm-dirs.js" --out "$work/npm" "$node_dir" | grep -F "@trustloop/$host:"
(cd "$work/tarballs" && npm pack --silent "$node_dir" "$work/npm/$host" "$wasm_dir/pkg" >/dev/null)
main_tgz="$work/tarballs/trustloop-$(node -p "require('$node_dir/package.json').version").tgz"
for tgz in "$work"/tarballs/*.tgz; do echo "$(basename "$tgz"): $(tar tzf "$tgz" | sed 's#^package/##' | sort | tr '\n' ' ')"; done
! tar tzf "$main_tgz" | grep -q '\.node$' || tl_die "trustloop's tarball carries a .node (they belong in the platform packages)"
tar tzf "$work"/tarballs/trustloop-"$host"-*.tgz | grep -qx "package/trustloop.$host.node" || tl_die "the platform tarball lacks trustloop.$host.node"
[ "$(tar tzf "$work"/tarballs/trustloop-wasm-*.tgz | grep '\.wasm$' | sort | tr '\n' ' ')" = "package/verify/web/trustloop_bg.wasm package/web/trustloop_bg.wasm " ] ||
    tl_die "trustloop-wasm must carry exactly one .wasm per entry (web/ and verify/web/)"

cd "$work/project"
echo '{ "name": "trustloop-packages-check", "private": true }' >package.json
tl_log "packages: npm install the tarballs, $TYPESCRIPT, $TYPES_NODE, $VITE"
npm install --no-audit --no-fund --loglevel=error "$work"/tarballs/*.tgz "$TYPESCRIPT" "$TYPES_NODE" "$VITE"
[ "$(node -p "require.resolve('@trustloop/$host')")" = "$work/project/node_modules/@trustloop/$host/trustloop.$host.node" ] ||
    tl_die "@trustloop/$host does not resolve to its .node"

tl_log "packages: the README's Node first example (ESM)"
cp "$node_dir/examples/first_steps.mjs" .
out="$(node first_steps.mjs "$root/examples/anip/order-desk-service-definition.json")"
echo "$out"
for line in "verify -> ok" "tampered copy fails: " "malformed bundle: JSON_"; do expect "$out" "$line"; done

# A bundle and a tampered copy, made with the installed package, for the other examples.
node -e "
const fs = require('node:fs')
const files = require('trustloop').buildLocal(fs.readFileSync(process.argv[1]), { packageId: 'order-desk', packageVersion: '1.0.0' })
const bundle = files['order-desk-1.0.0.anip-package.json']
fs.writeFileSync('good.anip-package.json', bundle)
const doc = JSON.parse(bundle)
doc.manifest.readme = 'edited after signing'
fs.writeFileSync('tampered.anip-package.json', JSON.stringify(doc))
" "$root/examples/anip/order-desk-service-definition.json"

for pkg in trustloop trustloop-wasm trustloop-wasm/verify; do
    tl_log "packages: $pkg from CommonJS and from strict TypeScript (module nodenext)"
    mkdir -p "$pkg"
    sed "s#require('trustloop')#require('$pkg')#" "$root/tests/packages/named_imports.cjs" >"$pkg/named_imports.cjs"
    sed "s#from 'trustloop'#from '$pkg'#" "$root/tests/packages/typed.mts" >"$pkg/typed.mts"
    grep -q "'$pkg'" "$pkg/named_imports.cjs" && grep -q "'$pkg'" "$pkg/typed.mts" || tl_die "examples not pointed at $pkg"
    out="$(node "$pkg/named_imports.cjs" good.anip-package.json)"
    echo "$out"
    expect "$out" "cjs: sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a ok exit 0"
    expect "$out" "cjs: TrustloopError true JSON_"
    ./node_modules/.bin/tsc --strict --module nodenext --moduleResolution nodenext --target es2022 --types node \
        --noEmitOnError --outDir "$pkg/out" "$pkg/typed.mts"
    out="$(node "$pkg/out/typed.mjs" good.anip-package.json && node "$pkg/out/typed.mjs" tampered.anip-package.json)"
    echo "$out"
    expect "$out" "ts: ok exit 0 failed []"
    expect "$out" "ts: failed exit 2 failed [bundle_"
    expect "$out" "ts: TrustloopError JSON_"
done

tl_log "packages: Vite builds the README's WASM first example; Chromium verifies with it"
cp -r "$wasm_dir/examples/vite" page
./node_modules/.bin/vite build page --outDir "$work/project/page-dist" --emptyOutDir --logLevel warn
ls page-dist/assets | grep -q '\.wasm$' || tl_die "vite emitted no .wasm asset"
PLAYWRIGHT_CORE="$wasm_dir/node_modules/playwright-core" node "$root/tests/packages/vite_page.mjs" \
    "$work/project/page-dist" "$work/project/good.anip-package.json" "$work/project/tampered.anip-package.json"

tl_log "packages: passed in $((SECONDS - start)) s"
