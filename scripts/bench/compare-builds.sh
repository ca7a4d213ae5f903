#!/usr/bin/env bash
# Two trustloop CLI builds side by side (paired, order-alternated: paired.py), plus
# instruction counts (callgrind, when valgrind is installed: exact and immune to a busy
# machine) and syscall counts (strace -c, when installed), on:
#   - .anpkg validate of a generated package with 5,000 behavior trees (also against
#     anolis-validate from <repo>/.venv when present)
#   - ANIP verify of the 1.2 MB gtm bundle and the 54 KB current-runtime-compat bundle
#   - .anpkg export of the imported-profile fixture project
#   - assets-pa pack of a generated project (200 glyph banks × 8 tiles)
# Usage: scripts/bench/compare-builds.sh BEFORE-BINARY AFTER-BINARY [RUNS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TRUSTLOOP_ROOT"
a="$(realpath "${1:?usage: compare-builds.sh BEFORE AFTER [RUNS]}")"
b="$(realpath "${2:?usage: compare-builds.sh BEFORE AFTER [RUNS]}")"
runs="${3:-21}"
bench="$TRUSTLOOP_ROOT/scripts/bench"
fx="$TRUSTLOOP_FIXTURES"
work="$(mktemp -d /tmp/trustloop-compare.XXXXXX)"
trap 'rm -rf "$work"' EXIT
paired() { python3 "$bench/paired.py" --runs "$runs" -- "$@"; }

echo "machine: $(nproc) cores, $(free -h | awk '/Mem:/{print $2}') RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg); date $(date -u +%F)"
echo "A = $a"
echo "B = $b"

python3 "$bench/anpkg-many-behaviors.py" "$fx" "$work/many.anpkg" 5000
gtm="$fx/anip/gtm-pipeline-q2-review-0.4.5.anip-package.json"
small="$fx/anip/derived/current-runtime-compat-0.1.0.anip-package.json"
cp -r "$fx/anpkg/inputs/imported-profile" "$work/project"
# The pack project: the generator of assets-pa-pack-memory.sh, 200 banks.
awk '/^python3 - "\$work" "\$banks" "\$tiles" <<.PY.$/{f=1;next} /^PY$/{if(f){exit}} f' "$bench/assets-pa-pack-memory.sh" > "$work/genpack.py"
python3 "$work/genpack.py" "$work/pack" 200 8

declare -A cmd
cmd[validate-5000]="anpkg validate $work/many.anpkg"
cmd[verify-gtm-1.2MB]="anip verify --package-bundle $gtm --json"
cmd[verify-compat-54KB]="anip verify --package-bundle $small --json"
cmd[export-imported-profile]="anpkg export $work/project $work/out.anpkg"
cmd[pack-200-banks]="assets-pa pack $work/pack --json"
order=(validate-5000 verify-gtm-1.2MB verify-compat-54KB export-imported-profile pack-200-banks)

for name in "${order[@]}"; do
    # shellcheck disable=SC2086
    if [ "$("$a" ${cmd[$name]} 2>&1 | sed "s|$work|W|g" | sha256sum)" != "$("$b" ${cmd[$name]} 2>&1 | sed "s|$work|W|g" | sha256sum)" ]; then
        echo "$name: OUTPUT DIFFERS between A and B"
    fi
done

for name in "${order[@]}"; do
    echo
    echo "== $name: B/A"
    # shellcheck disable=SC2086
    paired "$a" ${cmd[$name]} --vs-- "$b" ${cmd[$name]}
    if command -v valgrind >/dev/null; then
        for x in "$a" "$b"; do
            # shellcheck disable=SC2086
            valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$x" ${cmd[$name]} >/dev/null 2>&1 || true
            printf 'instructions %s: %s\n' "$(basename "$x")" "$(callgrind_annotate "$work/cg.out" 2>/dev/null | awk '/PROGRAM TOTALS/{print $1}')"
        done
    fi
    if command -v strace >/dev/null; then
        for x in "$a" "$b"; do
            # shellcheck disable=SC2086
            strace -c -f -o "$work/strace.txt" "$x" ${cmd[$name]} >/dev/null 2>&1 || true
            count() { awk -v s="$1" '$NF==s{print $4}' "$work/strace.txt"; }
            printf 'syscalls %s: %s (openat %s, fstat %s, newfstatat %s, statx %s, fsync %s)\n' "$(basename "$x")" \
                "$(count total)" "$(count openat)" "$(count fstat)" "$(count newfstatat)" "$(count statx)" "$(count fsync)"
        done
    fi
done

if [ -x "$TRUSTLOOP_ROOT/.venv/bin/anolis-validate" ]; then
    echo
    echo "== validate-5000: anolis-validate (A) vs trustloop B"
    python3 "$bench/paired.py" --runs 5 -- "$TRUSTLOOP_ROOT/.venv/bin/anolis-validate" "$work/many.anpkg" --vs-- "$b" anpkg validate "$work/many.anpkg"
    echo "== validate-5000: anolis-validate (A) vs trustloop A-build"
    python3 "$bench/paired.py" --runs 5 -- "$TRUSTLOOP_ROOT/.venv/bin/anolis-validate" "$work/many.anpkg" --vs-- "$a" anpkg validate "$work/many.anpkg"
fi
