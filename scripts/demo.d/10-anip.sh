#!/usr/bin/env bash
# ANIP package trust loop on the bundled example definition: build-local (sign with the
# development key) → verify the bundle → write a consumer lock → verify against the lock
# → show that a tampered copy is caught.
# Needs $TL (trustloop CLI) and $DEMO_OUT from scripts/demo.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TRUSTLOOP_ROOT"

def=examples/anip/order-desk-service-definition.json
id=order-desk
ver=1.0.0
out="$DEMO_OUT/anip"
bundle="$out/$id-$ver.anip-package.json"
lock="$out/$id-$ver.anip.lock.json"
mkdir -p "$out"

# One line per verify: status, receipt status, failed checks.
summarize() {
    python3 -c '
import json, sys
r = json.load(sys.stdin)
failed = [c["name"] for c in r.get("checks", []) if c.get("status") == "fail"]
print("    status=%s receipt=%s checks=%d failed=%s" % (r.get("status"), r.get("receipt_status", "-"), len(r.get("checks", [])), ",".join(failed) or "none"))
'
}

echo "1. build-local $def → $out"
"$TL" anip build-local --definition "$def" --package-id "$id" --package-version "$ver" --output-dir "$out"
ls -1 "$out" | sed 's/^/    /'

echo "2. verify --package-bundle ${bundle#"$TRUSTLOOP_ROOT"/}"
set +e
"$TL" anip verify --package-bundle "$bundle" --json >"$out/verify.json"
code=$?
set -e
summarize <"$out/verify.json"
echo "    exit code $code"
[ "$code" -eq 0 ] || { echo "    expected exit 0"; exit 1; }

echo "3. lock write → ${lock#"$TRUSTLOOP_ROOT"/}"
"$TL" anip lock write --package-bundle "$bundle" -o "$lock"
sed 's/^/    /' "$lock" | head -8
echo "    …"

echo "4. verify --package-bundle … --lock-file …"
set +e
"$TL" anip verify --package-bundle "$bundle" --lock-file "$lock" --json >"$out/verify-locked.json"
code=$?
set -e
summarize <"$out/verify-locked.json"
echo "    exit code $code"
[ "$code" -eq 0 ] || { echo "    expected exit 0"; exit 1; }

echo "5. a tampered copy (manifest.readme edited) must fail"
tampered="$out/$id-$ver.tampered.anip-package.json"
python3 - "$bundle" "$tampered" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
b["manifest"]["readme"] = str(b["manifest"].get("readme", "")) + "\n(edited after signing)"
json.dump(b, open(sys.argv[2], "w"), indent=2)
PY
set +e
"$TL" anip verify --package-bundle "$tampered" --lock-file "$lock" --json >"$out/verify-tampered.json" 2>"$out/verify-tampered.err"
code=$?
set -e
if [ -s "$out/verify-tampered.json" ]; then summarize <"$out/verify-tampered.json"; else sed 's/^/    /' "$out/verify-tampered.err"; fi
echo "    exit code $code"
[ "$code" -ne 0 ] || { echo "    expected a non-zero exit for the tampered bundle"; exit 1; }

echo "ANIP: built, verified (exit 0), locked, verified against the lock (exit 0), tampering caught (exit $code)"
