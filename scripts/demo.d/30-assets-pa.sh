#!/usr/bin/env bash
# Prometeu assets.pa on the bundled example project (examples/assets-pa): pack it
# (registry + asset.json roots + PNG tiles → build/assets.pa and companions), inspect
# and verify the archive, extract one slice, check determinism, and show that a
# corrupted copy is caught and a broken input leaves the previous build untouched.
# Needs $TL (trustloop CLI) and $DEMO_OUT from scripts/demo.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TRUSTLOOP_ROOT"

project=examples/assets-pa
out="$DEMO_OUT/assets-pa"
build="$out/build"
rm -rf "$out"
mkdir -p "$out"

echo "1. pack $project → ${build#"$TRUSTLOOP_ROOT"/}"
"$TL" assets-pa pack "$project" --out "$build" 2>&1 | sed 's/^/    /'

echo "2. inspect"
"$TL" assets-pa inspect "$build/assets.pa" | sed 's/^/    /'

echo "3. verify"
"$TL" assets-pa verify "$build/assets.pa" | sed 's/^/    /'

echo "4. extract asset 3 (sky)"
"$TL" assets-pa extract "$build/assets.pa" --asset-id 3 -o "$out/sky.slice"
echo "    $(wc -c <"$out/sky.slice") bytes"

echo "5. pack again: identical bytes"
"$TL" assets-pa pack "$project" --out "$out/build2" --json >/dev/null
for f in assets.pa asset_table.json preload.json asset_table_metadata.json packer-artifacts.json; do
    cmp -s "$build/$f" "$out/build2/$f" || { echo "    $f differs"; exit 1; }
done
echo "    all five artifacts identical"

echo "6. a corrupted copy (flags = 1) is rejected"
cp "$build/assets.pa" "$out/corrupt.pa"
printf '\001' | dd of="$out/corrupt.pa" bs=1 seek=24 conv=notrunc status=none
set +e
"$TL" assets-pa verify "$out/corrupt.pa" 2>&1 | sed 's/^/    /'
code=${PIPESTATUS[0]}
set -e
echo "    exit code $code"
[ "$code" -eq 2 ] || { echo "    expected exit 2 (an invalid archive: docs/exit-codes.md)"; exit 1; }

echo "7. a broken input blocks the pack and leaves the build untouched"
broken="$out/broken-project"
cp -r "$project" "$broken"
printf 'not a png' >"$broken/assets/ui/icons/2.png"
before=$(sha256sum "$build"/* | sha256sum)
set +e
"$TL" assets-pa pack "$broken" --out "$build" 2>&1 | sed 's/^/    /'
code=${PIPESTATUS[0]}
set -e
after=$(sha256sum "$build"/* | sha256sum)
echo "    exit code $code; build unchanged: $([ "$before" = "$after" ] && echo yes || echo NO)"
[ "$code" -eq 1 ] && [ "$before" = "$after" ] || exit 1
rm -rf "$broken" "$out/build2"
