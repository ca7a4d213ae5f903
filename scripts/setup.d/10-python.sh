#!/usr/bin/env bash
# Python virtualenv at <repo>/.venv with the pinned tools of bindings-python/requirements-dev.txt
# (maturin, pytest, and anolis-workbench, the .anpkg differential oracle). Skipped when
# the venv already holds exactly these pins.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

req="$TRUSTLOOP_ROOT/bindings-python/requirements-dev.txt"
stamp_file="$TRUSTLOOP_VENV/.trustloop-requirements.sha256"
want="$(tl_stamp "$req")"
py="$(tl_venv_python)"

if [ -x "$py" ] && [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$want" ] && "$py" -c 'import sys' 2>/dev/null; then
    echo "python venv up to date ($TRUSTLOOP_VENV)"
    exit 0
fi

if [ ! -x "$py" ] || ! "$py" -c 'import sys' 2>/dev/null; then
    rm -rf "$TRUSTLOOP_VENV"
    tl_log "creating virtualenv $TRUSTLOOP_VENV"
    python3 -m venv "$TRUSTLOOP_VENV"
fi
"$py" -m pip install -q --upgrade pip
"$py" -m pip install -q -r "$req"
echo "$want" > "$stamp_file"
"$py" -m pip list 2>/dev/null | grep -iE '^(maturin|pytest|anolis-workbench) '
