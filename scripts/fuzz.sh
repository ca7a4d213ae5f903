#!/usr/bin/env bash
# Runs the libFuzzer targets of core/fuzz (cargo-fuzz) and writes a report.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     default: 60 s, every target
#
# Not part of scripts/test.sh. Installs what it needs, idempotently: the nightly
# toolchain (rustup) and cargo-fuzz (cargo install --locked). Everything runs under
# `nice -n 19`. Seeds are rebuilt from the vectors, the fixtures and ../shared/hostile
# (scripts/fuzz-seeds.py) into build/fuzz/seeds/<target>; the growing corpus lives in
# build/fuzz/corpus/<target>, crashes/timeouts/OOMs in build/fuzz/artifacts/<target>.
# A crash, timeout or OOM ends one libFuzzer process; the script counts it, keeps the
# artifact and resumes fuzzing the same corpus until the target's time is used, so one
# known finding does not stop the run. Every artifact is listed in the report.
#
# Report: build/fuzz-report.md (this run). docs/fuzzing.md holds the committed summary.
# Environment: FUZZ_TIMEOUT (per input, s, default 20), FUZZ_RSS_MB (default 2048),
# FUZZ_SEED_MAX_BYTES (default 131072), FUZZ_NICE (default 19), FUZZ_NO_BUILD=1 (use the
# binaries already in target/fuzz).
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TRUSTLOOP_ROOT"

ALL_TARGETS=(canonical_json verify_bundle lock_check definition ref_check tree_digest
    anpkg_zip anpkg_struct yaml_roundtrip assets_pa glyph_png)

SECONDS_PER_TARGET="${1:-60}"
shift || true
case "$SECONDS_PER_TARGET" in ''|*[!0-9]*) tl_die "SECONDS_PER_TARGET must be a number, got '$SECONDS_PER_TARGET'" ;; esac
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL_TARGETS[@]}")
for t in "${TARGETS[@]}"; do
    printf '%s\n' "${ALL_TARGETS[@]}" | grep -qx "$t" || tl_die "unknown fuzz target '$t' (known: ${ALL_TARGETS[*]})"
done

NICE="nice -n ${FUZZ_NICE:-19}"
FUZZ_DIR="$TRUSTLOOP_ROOT/core/fuzz"
OUT="$TRUSTLOOP_ROOT/build/fuzz"
FUZZ_TARGET_DIR="$CARGO_TARGET_DIR/fuzz"
TRIPLE="$(rustc -vV | sed -n 's/^host: //p')"

# --- tools (idempotent) ---------------------------------------------------------
tl_have rustup || tl_die "rustup not found; install Rust with rustup first"
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    tl_log "installing the nightly toolchain"
    $NICE rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    tl_log "installing cargo-fuzz"
    $NICE cargo install --locked cargo-fuzz
fi

# --- seeds ----------------------------------------------------------------------
rm -rf "$OUT/seeds"
mkdir -p "$OUT/seeds" "$OUT/corpus" "$OUT/artifacts" "$OUT/logs"
python3 scripts/fuzz-seeds.py "$OUT/seeds" --max-bytes "${FUZZ_SEED_MAX_BYTES:-131072}" | sed 's/^/    /'

# --- build ----------------------------------------------------------------------
if [ "${FUZZ_NO_BUILD:-0}" = 1 ]; then
    tl_log "FUZZ_NO_BUILD=1: using the fuzz binaries already built"
elif [ ${#TARGETS[@]} = ${#ALL_TARGETS[@]} ]; then
    tl_log "building the fuzz targets (nightly, ASan, release + debug assertions)"
    $NICE cargo +nightly fuzz build --fuzz-dir "$FUZZ_DIR" --target-dir "$FUZZ_TARGET_DIR" -O
else
    tl_log "building ${#TARGETS[@]} fuzz target(s) (nightly, ASan, release + debug assertions)"
    for t in "${TARGETS[@]}"; do
        $NICE cargo +nightly fuzz build --fuzz-dir "$FUZZ_DIR" --target-dir "$FUZZ_TARGET_DIR" -O "$t"
    done
fi
BIN_DIR="$FUZZ_TARGET_DIR/$TRIPLE/release"

# --- run ------------------------------------------------------------------------
REPORT="$TRUSTLOOP_ROOT/build/fuzz-report.md"
COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
{
    echo "# Fuzz run $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo
    echo "Commit $COMMIT, $SECONDS_PER_TARGET s per target, $(nproc) CPU(s), load $(cut -d' ' -f1-3 /proc/loadavg), one libFuzzer process at a time, restarted after each finding, -timeout=${FUZZ_TIMEOUT:-20} -rss_limit_mb=${FUZZ_RSS_MB:-2048}."
    echo
    echo "| target | seconds | executions | exec/s | corpus | coverage (edges) | crashes | timeouts | OOMs | artifacts |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
} >"$REPORT"

failures=0
for t in "${TARGETS[@]}"; do
    corpus="$OUT/corpus/$t"
    seeds="$OUT/seeds/$t"
    artifacts="$OUT/artifacts/$t"
    aside="$OUT/crashing-seeds/$t"
    log="$OUT/logs/$t.log"
    mkdir -p "$corpus" "$seeds" "$artifacts"
    : >"$log"
    tl_log "fuzzing $t for ${SECONDS_PER_TARGET}s"
    start=$(date +%s)
    execs=0 crashes=0 timeouts=0 ooms=0 runs=0 cov="" corp="" listed=""
    # One libFuzzer process at a time; a crash, timeout or OOM ends it, is counted,
    # and fuzzing resumes (same corpus) until the time is used up. A seed that itself
    # fails is moved to build/fuzz/crashing-seeds/<target> so it cannot stop every run.
    while :; do
        left=$(( SECONDS_PER_TARGET - ($(date +%s) - start) ))
        [ "$left" -ge 5 ] || break
        runs=$((runs + 1))
        run_log="$OUT/logs/$t.run$runs.log"
        set +e
        $NICE "$BIN_DIR/$t" "$corpus" "$seeds" \
            -max_total_time="$left" -timeout="${FUZZ_TIMEOUT:-20}" \
            -rss_limit_mb="${FUZZ_RSS_MB:-2048}" -malloc_limit_mb="${FUZZ_RSS_MB:-2048}" \
            -artifact_prefix="$artifacts/" -print_final_stats=1 >"$run_log" 2>&1
        rc=$?
        set -e
        cat "$run_log" >>"$log"
        # Status lines: "#N<TAB>NEW|REDUCE|pulse|INITED|DONE cov: C ft: F corp: K/… exec/s: E …"
        last="$(grep -E '^#[0-9]+' "$run_log" | grep ' cov: ' | tail -1 || true)"
        n="$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$last")"
        execs=$(( execs + ${n:-0} ))
        c="$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")"; [ -z "$c" ] || cov="$c"
        k="$(sed -nE 's/.* corp: ([0-9]+).*/\1/p' <<<"$last")"; [ -z "$k" ] || corp="$k"
        art="$(sed -nE 's/.*(Test unit written to|Artifact written to) (\S+).*/\2/p' "$run_log" | tail -1)"
        [ -n "$art" ] || art="$(find "$artifacts" -type f -newer "$run_log" 2>/dev/null | head -1)"
        if [ "$rc" = 0 ]; then
            break
        fi
        case "$(basename "${art:-none}")" in
            crash-*|leak-*) crashes=$((crashes + 1)) ;;
            timeout-*|slow-unit-*) timeouts=$((timeouts + 1)) ;;
            oom-*) ooms=$((ooms + 1)) ;;
            *) crashes=$((crashes + 1)); echo "    $t: libFuzzer exited $rc without an artifact (see $run_log)" >&2 ;;
        esac
        listed="$listed $(basename "${art:-"(exit $rc)"}")"
        echo "    $t: run $runs ended with $(basename "${art:-"exit $rc"}")"
        if [ -n "$art" ] && [ -f "$art" ]; then
            sum="$(sha1sum "$art" | cut -c1-16)"
            if [ -f "$seeds/$sum" ]; then
                mkdir -p "$aside"
                mv "$seeds/$sum" "$aside/"
                echo "    $t: seed $sum fails by itself; moved to $aside"
            fi
            full="$(sha1sum "$art" | cut -d' ' -f1)"
            rm -f "$corpus/$full"
        fi
        [ "$runs" -lt 50 ] || { echo "    $t: 50 runs ended in findings; stopping" >&2; break; }
    done
    secs=$(( $(date +%s) - start ))
    eps=$(( execs / (secs > 0 ? secs : 1) ))
    if [ "$crashes" != 0 ] || [ "$timeouts" != 0 ] || [ "$ooms" != 0 ]; then
        failures=$((failures + 1))
    fi
    echo "| $t | $secs | $execs | $eps | ${corp:-?} | ${cov:-?} | $crashes | $timeouts | $ooms | ${listed:- none} |" >>"$REPORT"
    echo "    $t: $execs executions in ${secs}s ($runs run(s)), crash/timeout/oom $crashes/$timeouts/$ooms"
done

{
    echo
    echo "Artifacts: \`build/fuzz/artifacts/<target>/\`; reproduce one with"
    echo "\`$FUZZ_TARGET_DIR/$TRIPLE/release/<target> <artifact>\` (or \`cargo +nightly fuzz run --fuzz-dir core/fuzz <target> <artifact>\`)."
    echo "Logs: \`build/fuzz/logs/<target>.log\`."
} >>"$REPORT"

tl_log "report: $REPORT"
cat "$REPORT"
if [ "$failures" -gt 0 ]; then
    echo "fuzz: $failures target(s) with findings or without a status line" >&2
    exit 1
fi
