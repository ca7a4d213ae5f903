#!/usr/bin/env bash
# THE test command: installs what is missing (scripts/setup.sh), then runs every
# executable scripts/suites/*.sh in name order. A failing suite does not stop the
# others. Ends with a per-suite table and one line "N passed, N failed" (N = suites);
# exits non-zero when setup or any suite failed. Works with CI=true and no stdin.
#
# Usage: scripts/test.sh [suite-name-filter ...]   e.g. scripts/test.sh rust python
# Env:   TRUSTLOOP_SKIP_SETUP=1 skips setup; TRUSTLOOP_FIXTURES points at the fixtures.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TRUSTLOOP_ROOT"
exec </dev/null

log_dir="$TRUSTLOOP_ROOT/build/test-logs"
mkdir -p "$log_dir"
t0=$(date +%s)

names=()
results=()
times=()
failed=0
passed=0

record() { # name result seconds
    names+=("$1"); results+=("$2"); times+=("$3")
    if [ "$2" = "PASS" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

echo "trustloop tests: root $TRUSTLOOP_ROOT, target $CARGO_TARGET_DIR, fixtures $TRUSTLOOP_FIXTURES${CI:+, CI=$CI}"
if [ ! -d "$TRUSTLOOP_FIXTURES" ]; then
    echo "WARNING: fixtures folder missing ($TRUSTLOOP_FIXTURES): fixture cases will NOT RUN${CI:+ and fail under CI}"
fi

if [ "${TRUSTLOOP_SKIP_SETUP:-0}" != "1" ]; then
    s=$(date +%s)
    echo "==================== setup ===================="
    if bash scripts/setup.sh 2>&1 | tee "$log_dir/setup.log"; then
        setup_ok=1
    else
        setup_ok=0
        record "setup" "FAIL" "$(( $(date +%s) - s ))"
    fi
    setup_secs=$(( $(date +%s) - s ))
else
    setup_ok=1
    setup_secs=0
fi

for suite in scripts/suites/*.sh; do
    [ -f "$suite" ] && [ -x "$suite" ] || continue
    name="$(basename "$suite" .sh)"
    if [ "$#" -gt 0 ]; then
        match=0
        for f in "$@"; do case "$name" in *"$f"*) match=1 ;; esac; done
        [ "$match" = 1 ] || continue
    fi
    echo "==================== $name ===================="
    s=$(date +%s)
    if bash "$suite" 2>&1 | tee "$log_dir/$name.log"; then
        record "$name" "PASS" "$(( $(date +%s) - s ))"
    else
        record "$name" "FAIL" "$(( $(date +%s) - s ))"
    fi
done

total=$(( $(date +%s) - t0 ))
echo
echo "==================== summary ===================="
printf '%-28s %-6s %8s\n' "suite" "result" "seconds"
printf '%-28s %-6s %8s\n' "setup" "$([ "$setup_ok" = 1 ] && echo ok || echo FAIL)" "$setup_secs"
for i in "${!names[@]}"; do
    [ "${names[$i]}" = "setup" ] && continue
    printf '%-28s %-6s %8s\n' "${names[$i]}" "${results[$i]}" "${times[$i]}"
done
printf '%-28s %-6s %8s\n' "total" "" "$total"
echo "logs: $log_dir"
if [ "${#names[@]}" -eq 0 ]; then
    echo "ERROR: no suite ran"
    failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
