#!/usr/bin/env bash
# Hostile inputs in every host (issue 9): each case of tests/hostile/cases.json runs
# its reproducer from ../shared/hostile (override: TRUSTLOOP_HOSTILE) through the CLI,
# Python, Node and WASM, each as a child process under `prlimit --as` (a memory cap,
# never a timing), and must end with the expected finding code: no crash, no abort,
# no out-of-memory. Builds the hosts it runs (release CLI, the Python module into
# .venv, the Node addon, the WASM package for Node). Without the reproducer folder the
# suite says NOT RUN loudly, and fails under CI=true.
# Env: HOSTILE_FILTER (substring of case ids), HOSTILE_HOSTS (e.g. cli,python).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TRUSTLOOP_ROOT"

TRUSTLOOP_HOSTILE="${TRUSTLOOP_HOSTILE:-$TRUSTLOOP_ROOT/../shared/hostile}"
if [ ! -d "$TRUSTLOOP_HOSTILE" ]; then
    echo "NOT RUN: hostile reproducers missing ($TRUSTLOOP_HOSTILE); set TRUSTLOOP_HOSTILE" >&2
    if tl_is_ci; then
        echo "ERROR: CI=true requires the hostile reproducers" >&2
        exit 1
    fi
    exit 0
fi
export TRUSTLOOP_HOSTILE="$(cd "$TRUSTLOOP_HOSTILE" && pwd)"
tl_have prlimit || tl_die "prlimit (util-linux) not found"
py="$(tl_venv_python)"
[ -x "$py" ] || tl_die "no virtualenv at $TRUSTLOOP_VENV; run scripts/setup.sh"

hosts="${HOSTILE_HOSTS:-cli,python,node,wasm}"
want() { case ",$hosts," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

if want cli; then
    tl_log "cargo build --release -p trustloop-cli"
    cargo build -q --release -p trustloop-cli
fi
if want python; then
    tl_log "maturin develop --release (bindings-python)"
    VIRTUAL_ENV="$TRUSTLOOP_VENV" "$TRUSTLOOP_VENV/bin/maturin" develop --release --quiet \
        -m bindings-python/Cargo.toml
fi
if want node; then
    [ -x bindings-node/node_modules/.bin/napi ] || tl_die "bindings-node/node_modules missing; run scripts/setup.sh"
    tl_log "napi build --platform --release (bindings-node)"
    (cd bindings-node && ./node_modules/.bin/napi build --platform --release --no-js --dts native.d.ts)
fi
if want wasm; then
    tl_log "bindings-wasm/build.sh"
    bash bindings-wasm/build.sh >/dev/null
fi

tl_log "hostile cases (tests/hostile/cases.json) from $TRUSTLOOP_HOSTILE"
TRUSTLOOP_BIN="$CARGO_TARGET_DIR/release/trustloop" HOSTILE_HOSTS="$hosts" \
    "$py" tests/hostile/run.py
