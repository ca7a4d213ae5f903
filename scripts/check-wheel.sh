#!/usr/bin/env bash
# The release wheel, alone (no checkout on sys.path): installs it into a fresh
# virtualenv of the oldest and the newest supported CPython (pyenv's 3.9 and 3.13),
# type-checks the README's first example (bindings-python/examples/first_steps.py)
# under `mypy --strict` (installed beside it: the newest mypy that runs there) , and runs it (it verifies bundles in a
# ProcessPoolExecutor and catches a worker's TrustloopError), and runs the CLI the wheel
# carries (`python -m trustloop`). A missing interpreter is
# NOT RUN, loudly, and a failure under CI=true.
#
# Usage: scripts/check-wheel.sh WHEEL
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
wheel="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
example="$TRUSTLOOP_ROOT/bindings-python/examples/first_steps.py"
definition="$TRUSTLOOP_ROOT/examples/anip/order-desk-service-definition.json"
work="$TRUSTLOOP_ROOT/build/wheel-check"
code=0

for pair in 3.9:mypy==1.19.1 3.13:mypy==2.4.1; do
    version="${pair%%:*}" mypy="${pair#*:}"
    python="$(ls -d "${PYENV_ROOT:-$HOME/.pyenv}/versions/$version".*/bin/python"$version" 2>/dev/null | sort -V | tail -1)"
    if [ -z "$python" ]; then
        echo "NOT RUN: no CPython $version (pyenv) to install the wheel into" >&2
        tl_is_ci && code=1
        continue
    fi
    venv="$work/py$version"
    rm -rf "$venv" && mkdir -p "$work/run$version"
    cp "$example" "$work/run$version/"
    tl_log "CPython $("$python" -c 'import platform; print(platform.python_version())'): fresh venv, pip install $(basename "$wheel")"
    if ! { "$python" -m venv "$venv" && "$venv/bin/pip" install -q "$wheel" "$mypy"; }; then
        echo "ERROR: the wheel does not install on CPython $version" >&2
        code=1
        continue
    fi
    # Run from a folder outside the checkout, so only the installed wheel is importable.
    (
        cd "$work/run$version" || exit 1
        "$venv/bin/python" -m mypy --strict --no-incremental --cache-dir "$work/mypy-cache$version" first_steps.py || exit 1
        out="$("$venv/bin/python" first_steps.py "$definition")" || { echo "$out"; exit 1; }
        echo "$out"
        for expected in "verify -> ok" "tampered copy fails: " "malformed bundle: "; do
            case "$out" in *"$expected"*) ;; *) echo "ERROR: the example did not print '$expected'" >&2; exit 1 ;; esac
        done
        # The CLI rides in the wheel: on the venv's PATH and behind `python -m trustloop`.
        [ "$("$venv/bin/python" -m trustloop --version)" = "$("$venv/bin/trustloop" --version)" ] || exit 1
        "$venv/bin/python" -m trustloop anip build-local --definition "$definition" --package-id order-desk \
            --package-version 1.0.0 --output-dir out >/dev/null || exit 1
        "$venv/bin/python" -m trustloop anip verify --package-bundle out/order-desk-1.0.0.anip-package.json >out/verify.txt || exit 1
    ) || { echo "ERROR: the typed example failed on CPython $version" >&2; code=1; }
done
exit "$code"
