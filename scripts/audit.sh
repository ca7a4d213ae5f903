#!/usr/bin/env bash
# Supply-chain checks: cargo-deny (licenses, bans, sources, advisories) and cargo-audit
# (RustSec advisories) over Cargo.lock and deny.toml. Not part of scripts/test.sh.
#
#   scripts/audit.sh
#
# Installs cargo-audit and cargo-deny idempotently (`cargo install --locked`, niced).
# The RustSec advisory database is a git repository on GitHub; where it cannot be
# fetched (a network that reaches package registries only), the script says so, and
# still runs `cargo deny check licenses bans sources`. Give a local clone of
# rustsec/advisory-db as ADVISORY_DB=/path to check advisories offline against it.
# Exit status: non-zero when a check that ran failed; an advisory check that could not
# run is reported as NOT RUN (and fails only with AUDIT_REQUIRE_ADVISORIES=1).
set -uo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TRUSTLOOP_ROOT" || exit 1

NICE="nice -n ${AUDIT_NICE:-19}"
for tool in cargo-audit cargo-deny; do
    if ! tl_have "$tool"; then
        tl_log "installing $tool"
        $NICE cargo install --locked "$tool" || tl_die "cargo install $tool failed"
    fi
done

failed=0
not_run=()

# check LABEL UNREACHABLE CMD...: runs CMD and reports ok or FAILED; output matching the
# UNREACHABLE pattern (an advisory database that cannot be fetched) is NOT RUN instead.
check() {
    local label=$1 unreachable=$2 out rc
    shift 2
    tl_log "$label"
    out="$("$@" 2>&1)"; rc=$?
    printf '%s\n' "$out" | tail -20
    if [ $rc = 0 ]; then
        echo "    $label: ok"
    elif [ -n "$unreachable" ] && grep -qiE "$unreachable" <<<"$out"; then
        not_run+=("$label (advisory database not fetchable)")
    else
        echo "    $label: FAILED"
        failed=1
    fi
}

check "cargo deny check licenses bans sources" "" $NICE cargo deny --all-features check licenses bans sources
if [ -n "${ADVISORY_DB:-}" ]; then
    # A local database: cargo audit reads it offline (cargo deny only fetches its own).
    [ -d "$ADVISORY_DB/crates" ] || tl_die "ADVISORY_DB=$ADVISORY_DB does not look like a rustsec/advisory-db clone"
    db_date="$(git -C "$ADVISORY_DB" log -1 --format=%cs 2>/dev/null || echo 'date unknown')"
    check "cargo audit against $ADVISORY_DB ($db_date)" "" $NICE cargo audit --db "$ADVISORY_DB" --no-fetch --deny warnings -q
else
    unreachable='fail(ed)? to (fetch|clone|open|load)|network|resolve|couldn.t|could not|unable to|timed out'
    check "cargo deny check advisories" "$unreachable" $NICE timeout 180 cargo deny --all-features check advisories
    check "cargo audit" "$unreachable" $NICE timeout 180 cargo audit --deny warnings
fi

for n in "${not_run[@]}"; do
    echo "NOT RUN: $n; this network reaches package registries only. Set ADVISORY_DB=<clone of rustsec/advisory-db> to check offline." >&2
done
if [ ${#not_run[@]} -gt 0 ] && [ "${AUDIT_REQUIRE_ADVISORIES:-0}" = 1 ]; then
    failed=1
fi
if [ $failed != 0 ]; then
    echo "audit: FAILED"
elif [ ${#not_run[@]} -gt 0 ]; then
    echo "audit: ok (licenses, bans, sources); advisories NOT RUN"
else
    echo "audit: ok"
fi
exit $failed
