#!/usr/bin/env bash
# .anpkg exporter, differential (spec §15 ANPKG-ORACLE-2): exports the fixture
# projects, the Appendix A project, >= 200 seeded generated projects and the E1-E8
# error projects with both anolis-workbench 0.22.0 (`anolis-package`, installed in
# <repo>/.venv by scripts/setup.d/10-python.sh) and `trustloop anpkg export`, and
# requires identical archive bytes / identical error messages. Prints the counts.
# Env: TRUSTLOOP_ANPKG_EXPORT_CASES (generated projects, default 240),
#      TRUSTLOOP_ANPKG_EXPORT_SEED (default 20260416).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TRUSTLOOP_ROOT"
tl_require_fixtures || exit 1

py="$(tl_venv_python)"
oracle="$TRUSTLOOP_VENV/bin/anolis-package"
# Never a silent pass: a missing oracle fails the suite (loudly), in CI and out.
not_run() {
    echo "NOT RUN: $*" >&2
    exit 1
}
[ -x "$py" ] || not_run "no virtualenv at $TRUSTLOOP_VENV (run scripts/setup.sh)"
[ -x "$oracle" ] || not_run "anolis-package (anolis-workbench 0.22.0) is not installed in $TRUSTLOOP_VENV (run scripts/setup.sh)"
"$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
    || not_run "the oracle needs Python >= 3.11 (spec ANPKG-ORACLE-1); $("$py" --version)"
version="$("$py" -c 'import importlib.metadata as m; print(m.version("anolis-workbench"))')"
[ "$version" = "0.22.0" ] || not_run "anolis-workbench $version installed, 0.22.0 required"

tl_log "building the trustloop CLI"
cargo build -p trustloop-cli --quiet

tl_log "differential export: trustloop vs anolis-package $version"
"$py" tests/anpkg/export_differential/run.py \
    --oracle "$oracle" \
    --trustloop "$CARGO_TARGET_DIR/debug/trustloop" \
    --fixtures "$TRUSTLOOP_FIXTURES" \
    --count "${TRUSTLOOP_ANPKG_EXPORT_CASES:-240}" \
    --seed "${TRUSTLOOP_ANPKG_EXPORT_SEED:-20260416}" \
    --jobs 2
