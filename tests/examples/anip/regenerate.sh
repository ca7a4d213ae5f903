#!/usr/bin/env bash
# Rebuilds the ANIP example artifacts used by the vectors: a bundle built and signed
# by trustloop itself (deterministic dev key), its consumer lock, and tampered copies.
# Usage: tests/examples/anip/regenerate.sh [path/to/trustloop]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
tl=${1:-$repo/target/release/trustloop}
out=$(mktemp -d)
"$tl" anip build-local --definition "$repo/examples/anip/order-desk-service-definition.json" \
  --package-id order-desk --package-version 1.0.0 --output-dir "$out" >/dev/null
cp "$out/order-desk-1.0.0.anip-package.json" "$here/"
"$tl" anip lock write --package-bundle "$here/order-desk-1.0.0.anip-package.json" -o "$here/order-desk-1.0.0.anip.lock.json" >/dev/null
python3 - "$here" <<'PY'
import base64, json, sys, os
here = sys.argv[1]
src = os.path.join(here, "order-desk-1.0.0.anip-package.json")
def variant(name, edit):
    b = json.load(open(src))
    edit(b)
    with open(os.path.join(here, "tampered", name + ".anip-package.json"), "w") as f:
        json.dump(b, f, indent=2)
        f.write("\n")
os.makedirs(os.path.join(here, "tampered"), exist_ok=True)
def sig_parts(b):
    return b["receipt"]["registry_signature"].split(":")
variant("manifest-name", lambda b: b["manifest"].__setitem__("name", "Another Blueprint"))
variant("lock-generated-at", lambda b: b["lock"].__setitem__("generated_at", "2030-01-01T00:00:00Z"))
variant("package-id", lambda b: b["package"].__setitem__("package_id", "order-desk-evil"))
variant("stored-definition-digest", lambda b: b["package"].__setitem__("definition_digest", "sha256:" + "1" * 64))
variant("short-public-key", lambda b: b["registry_keys"][0].__setitem__("public_key", base64.b64encode(b"\x01" * 31).decode()))
variant("signature-not-base64", lambda b: b["receipt"].__setitem__("registry_signature", "ed25519:anip-registry-dev-ed25519-v1:%%%not-base64%%%"))
variant("signature-four-parts", lambda b: b["receipt"].__setitem__("registry_signature", b["receipt"]["registry_signature"] + ":extra"))
def flip(b):
    alg, kid, s = sig_parts(b)
    raw = bytearray(base64.b64decode(s)); raw[0] ^= 1
    b["receipt"]["registry_signature"] = ":".join([alg, kid, base64.b64encode(bytes(raw)).decode()])
variant("signature-bit-flip", flip)
variant("wrong-key-algorithm", lambda b: b["registry_keys"][0].__setitem__("algorithm", "ES256"))
variant("no-service-definition", lambda b: (b.__setitem__("service_definition", {}), b["package"].__setitem__("service_definition", {})))
variant("digests-not-strings", lambda b: b["digests"].__setitem__("manifest", 7))
# Accepted as upstream accepts them (Go's base64.StdEncoding is not strict; TrimSpace is not applied to copied digests):
variant("public-key-loose-padding-bits", lambda b: b["registry_keys"][0].__setitem__("public_key", b["registry_keys"][0]["public_key"][:-2] + "5="))
def wrapped_signature(b):
    alg, kid, s = sig_parts(b)
    b["receipt"]["registry_signature"] = ":".join([alg, kid, s[:40] + "\r\n" + s[40:]])
variant("signature-line-break", wrapped_signature)
variant("manifest-digest-spaced", lambda b: b["package"].__setitem__("manifest_digest", " " + b["package"]["manifest_digest"] + " "))
PY
echo "regenerated in $here"
