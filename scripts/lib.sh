# shellcheck shell=bash
# Shared environment for every script under scripts/ (source it, don't run it).
#
# Exports:
#   TRUSTLOOP_ROOT      the repository root
#   CARGO_TARGET_DIR    one shared target dir, <repo>/target (override: TRUSTLOOP_TARGET_DIR)
#   TRUSTLOOP_FIXTURES  upstream fixtures, default <repo>/../shared/fixtures
#   TRUSTLOOP_VENV      the Python virtualenv, <repo>/.venv
# and puts ~/.cargo/bin on PATH when it exists.

TRUSTLOOP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export TRUSTLOOP_ROOT

if [ -d "$HOME/.cargo/bin" ]; then
    case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) PATH="$HOME/.cargo/bin:$PATH" ;; esac
fi
export PATH

export CARGO_TARGET_DIR="${TRUSTLOOP_TARGET_DIR:-$TRUSTLOOP_ROOT/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

if [ -z "${TRUSTLOOP_FIXTURES:-}" ]; then
    TRUSTLOOP_FIXTURES="$TRUSTLOOP_ROOT/../shared/fixtures"
fi
if [ -d "$TRUSTLOOP_FIXTURES" ]; then
    TRUSTLOOP_FIXTURES="$(cd "$TRUSTLOOP_FIXTURES" && pwd)"
fi
export TRUSTLOOP_FIXTURES

export TRUSTLOOP_VENV="$TRUSTLOOP_ROOT/.venv"
export DEBIAN_FRONTEND=noninteractive
export PIP_DISABLE_PIP_VERSION_CHECK=1
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

tl_log() { printf '==> %s\n' "$*"; }
tl_warn() { printf 'WARNING: %s\n' "$*" >&2; }
tl_die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# True when CI=true (fixture-less runs must fail there).
tl_is_ci() { [ "${CI:-}" = "true" ] || [ "${CI:-}" = "TRUE" ] || [ "${CI:-}" = "1" ]; }

tl_have() { command -v "$1" >/dev/null 2>&1; }

# Loud notice (and failure under CI) when the fixtures folder is missing.
# Usage: tl_require_fixtures || exit 1
tl_require_fixtures() {
    if [ -d "$TRUSTLOOP_FIXTURES" ]; then
        return 0
    fi
    echo "NOT RUN: fixtures folder missing ($TRUSTLOOP_FIXTURES); set TRUSTLOOP_FIXTURES" >&2
    if tl_is_ci; then
        echo "ERROR: CI=true requires the fixtures folder" >&2
        return 1
    fi
    return 0
}

# apt-get install, with one 'apt-get update' per process and only when needed.
tl_apt_install() {
    tl_have apt-get || tl_die "apt-get not found; install manually: $*"
    if [ -z "${TL_APT_UPDATED:-}" ]; then
        apt-get update -qq || tl_die "apt-get update failed"
        TL_APT_UPDATED=1
    fi
    apt-get install -y -qq --no-install-recommends "$@" </dev/null || tl_die "apt-get install $* failed"
}

# sha256 of the given files' contents (a stamp to skip work already done).
tl_stamp() { cat "$@" 2>/dev/null | sha256sum | cut -d' ' -f1; }

# The virtualenv's python.
tl_venv_python() { echo "$TRUSTLOOP_VENV/bin/python"; }

# A shipped shared library is stripped and links only the C runtime: no `.symtab`
# section, and every DT_NEEDED entry one of libc, libm, libdl, libpthread, librt,
# libgcc_s, ld-linux. Prints what it found; returns non-zero on a violation.
tl_check_elf() { # file
    local file="$1" ok=0 lib
    if readelf -S "$file" | grep -q '\.symtab'; then
        echo "ELF check: $file is not stripped (.symtab present)" >&2
        ok=1
    fi
    for lib in $(readelf -d "$file" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
        case "$lib" in
            libc.so.*|libm.so.*|libdl.so.*|libpthread.so.*|librt.so.*|libgcc_s.so.*|ld-linux*) ;;
            *) echo "ELF check: $file needs unexpected $lib" >&2; ok=1 ;;
        esac
    done
    [ "$ok" = 0 ] && echo "ELF check: $file stripped; needs $(readelf -d "$file" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | tr '\n' ' ')"
    return "$ok"
}
