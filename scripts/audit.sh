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

tl_log "cargo deny check licenses bans sources"
if $NICE cargo deny --all-features check licenses bans sources; then
    echo "    cargo-deny licenses bans sources: ok"
else
    echo "    cargo-deny licenses bans sources: FAILED"
    failed=1
fi

# Advisories: a local database when given, else a fetch that may be refused here.
if [ -n "${ADVISORY_DB:-}" ]; then
    [ -d "$ADVISORY_DB/crates" ] || tl_die "ADVISORY_DB=$ADVISORY_DB does not look like a rustsec/advisory-db clone"
    tl_log "cargo audit against $ADVISORY_DB ($(git -C "$ADVISORY_DB" log -1 --format=%cs 2>/dev/null || echo 'date unknown'))"
    if $NICE cargo audit --db "$ADVISORY_DB" --no-fetch --deny warnings -q; then
        echo "    cargo-audit: ok"
    else
        echo "    cargo-audit: FAILED"
        failed=1
    fi
else
    tl_log "cargo deny check advisories (fetches the RustSec database)"
    out="$($NICE timeout 180 cargo deny --all-features check advisories 2>&1)"; rc=$?
    printf '%s\n' "$out" | tail -20
    if [ $rc = 0 ]; then
        echo "    cargo-deny advisories: ok"
    elif grep -qiE 'fail(ed)? to (fetch|clone|open|load)|network|resolve|could not|unable to' <<<"$out"; then
        not_run+=("cargo-deny advisories (advisory database not fetchable)")
    else
        echo "    cargo-deny advisories: FAILED"
        failed=1
    fi
    tl_log "cargo audit (fetches the RustSec database)"
    out="$($NICE timeout 180 cargo audit --deny warnings 2>&1)"; rc=$?
    printf '%s\n' "$out" | tail -20
    if [ $rc = 0 ]; then
        echo "    cargo-audit: ok"
    elif grep -qiE 'fetch|clone|network|resolve|couldn.t|could not|unable to|timed out' <<<"$out"; then
        not_run+=("cargo-audit (advisory database not fetchable)")
    else
        echo "    cargo-audit: FAILED"
        failed=1
    fi
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
