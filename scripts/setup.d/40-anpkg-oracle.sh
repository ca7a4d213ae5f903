#!/usr/bin/env bash
# The .anpkg differential oracle in <repo>/.venv: anolis-workbench 0.22.0 with the
# PyYAML and jsonschema versions the spec's messages were verified with (§15
# ANPKG-ORACLE-1; jsonschema wording changes between releases). Idempotent.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

py="$(tl_venv_python)"
if [ ! -x "$py" ]; then
    tl_log "creating virtualenv $TRUSTLOOP_VENV"
    python3 -m venv "$TRUSTLOOP_VENV"
fi
want="anolis-workbench==0.22.0 PyYAML==6.0.3 jsonschema==4.26.0"
have="$("$py" -m pip list --format=freeze 2>/dev/null | grep -iE '^(anolis-workbench|pyyaml|jsonschema)==' | tr '\n' ' ' || true)"
missing=0
for pin in $want; do
    echo " $have" | grep -qi " $pin " || missing=1
done
if [ "$missing" = 0 ]; then
    echo "anpkg oracle up to date ($want)"
    exit 0
fi
tl_log "pip install $want"
# shellcheck disable=SC2086
"$py" -m pip install -q $want
