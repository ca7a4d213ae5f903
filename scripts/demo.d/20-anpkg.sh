#!/usr/bin/env bash
# Anolis handoff package on the bundled example project: export (deterministic,
# byte-identical to anolis-package) → validate → show that an edited package is caught.
# When the test setup's .venv has anolis-workbench 0.22.0, also compare bytes with it.
# Needs $TL (trustloop CLI) and $DEMO_OUT from scripts/demo.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TRUSTLOOP_ROOT"

project=examples/anpkg/greenhouse-bench
out="$DEMO_OUT/anpkg"
pkg="$out/greenhouse-bench.anpkg"
mkdir -p "$out"

echo "1. export $project → ${pkg#"$TRUSTLOOP_ROOT"/}"
"$TL" anpkg export "$project" "$pkg" >/dev/null
echo "    $(stat -c %s "$pkg") bytes, sha256 $(sha256sum "$pkg" | cut -c1-16)…"

echo "2. validate"
"$TL" anpkg validate "$pkg" | sed 's/^/    /'

oracle="$TRUSTLOOP_ROOT/.venv/bin/anolis-package"
if [ -x "$oracle" ]; then
    echo "3. same project through anolis-package 0.22.0"
    scratch=$(mktemp -d)
    mkdir -p "$scratch/systems" && cp -r "$project" "$scratch/systems/"
    (cd "$scratch" && ANOLIS_DATA_DIR="$scratch/systems" "$oracle" greenhouse-bench "$scratch/ref.anpkg" >/dev/null 2>&1)
    if cmp -s "$pkg" "$scratch/ref.anpkg"; then echo "    byte-identical"; else echo "    DIFFERENT"; rm -rf "$scratch"; exit 1; fi
    rm -rf "$scratch"
else
    echo "3. (anolis-workbench not installed in .venv; run scripts/setup.sh for the byte comparison)"
fi

echo "4. an edited package (runtime config changed after export) must fail"
edited="$out/greenhouse-bench.edited.anpkg"
python3 - "$pkg" "$edited" <<'PY'
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
    for info in zin.infolist():
        data = zin.read(info)
        if info.filename.endswith("anolis-runtime.yaml"):
            data = data.replace(b"interval_ms: 1000", b"interval_ms: 10")
        zout.writestr(info, data)
PY
set +e
"$TL" anpkg validate "$edited" 2>&1 | sed 's/^/    /'
code=${PIPESTATUS[0]}
set -e
echo "    exit code $code"
[ "$code" -eq 1 ] || { echo "    expected exit 1 for the edited package"; exit 1; }
echo "anpkg: exported, validated (exit 0), edit caught (exit $code)"
