#!/usr/bin/env bash
# Whole-process comparison with the reference tools, same inputs, same machine.
#   .anpkg: trustloop anpkg validate/export vs anolis-validate/anolis-package (anolis-workbench 0.22.0, .venv)
#   ANIP:   trustloop anip verify on every upstream fixture bundle, alone (the Go module proxy does
#           not serve anip-protocol/anip@832f709; for the Go CLI side by side, build it outside the
#           repo and give it to scaling.sh --anip)
# Prints median wall time of N runs per command (default 10). Results go into BENCHMARKS.md by hand.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TRUSTLOOP_ROOT"
runs=${RUNS:-10}
cargo build --release -p trustloop-cli --quiet
tl="$CARGO_TARGET_DIR/release/trustloop"
venv="$TRUSTLOOP_ROOT/.venv/bin"
fx="$TRUSTLOOP_FIXTURES"

median() { # median wall seconds of "$@" over $runs runs; exit codes are ignored (failures are timed too)
    python3 - "$runs" "$@" <<'PY'
import statistics, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
times = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append(time.perf_counter() - t)
print(f"{statistics.median(times) * 1000:9.1f} ms")
PY
}

echo "machine: $(nproc) cores, $(free -h | awk '/Mem:/{print $2}') RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); date $(date -u +%F)"
echo
echo "== .anpkg validate (fixture packages)"
for pkg in "$fx"/anpkg/packages/*.anpkg; do
    printf '%-28s trustloop %s   anolis-validate %s\n' "$(basename "$pkg")" "$(median "$tl" anpkg validate "$pkg")" "$(median "$venv/anolis-validate" "$pkg")"
done
echo
echo "== .anpkg export (fixture projects)"
tmp=$(mktemp -d)
for proj in "$fx"/anpkg/inputs/*/; do
    name=$(basename "$proj")
    data="$tmp/data"; mkdir -p "$data/systems"; rm -rf "${data:?}/systems/$name"; cp -r "$proj" "$data/systems/$name"
    t=$(median "$tl" anpkg export "$data/systems/$name" "$tmp/$name.tl.anpkg")
    r=$(cd "$tmp" && ANOLIS_DATA_DIR="$data/systems" median "$venv/anolis-package" "$name" "$tmp/$name.ref.anpkg")
    printf '%-28s trustloop %s   anolis-package %s\n' "$name" "$t" "$r"
done
rm -rf "$tmp"
echo
echo "== ANIP verify (upstream fixture bundles, trustloop only)"
for b in "$fx"/anip/*.anip-package.json "$fx"/anip/derived/*.anip-package.json; do
    printf '%-58s %s  %s\n' "$(basename "$b")" "$(stat -c %s "$b" | numfmt --to=iec)" "$(median "$tl" anip verify --package-bundle "$b" --json)"
done
