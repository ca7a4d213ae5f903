#!/usr/bin/env python3
"""Writes registry.json (ops `verify_registry_responses`, `write_lock_registry_responses`;
ANIP-SIG-12, ANIP-VER-5, ANIP-LOCK-6) and the recorded registry responses it reads, in
tests/examples/anip-registry/<scenario>/{download,receipt,keys}.json.

The responses are what a Registry serves for the example package
(examples/anip/order-desk-service-definition.json) as built by `trustloop anip
build-local` (the recording needs a trustloop binary: $TRUSTLOOP_BIN, default
target/debug/trustloop, and the Python binding: run it with the repository's .venv
python), then edited per scenario. Expected results are written out by
hand from the rules; every host's runner replays these recordings, and each host keeps
one real loopback fetch test of its own HTTP client.
"""
import copy
import json
import os
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
EXAMPLES = os.path.join(ROOT, "tests", "examples", "anip-registry")
BIN = os.environ.get("TRUSTLOOP_BIN") or os.path.join(ROOT, "target", "debug", "trustloop")
ID, VERSION = "order-desk", "1.0.0"
REF = f"{ID}@{VERSION}"
PACKAGE_URL = f"https://registry.example/registry-api/v1/packages/{ID}/{VERSION}"


def published(generated_at):
    """(record, receipt, keys) as the Registry serves them."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [BIN, "anip", "build-local", "--definition", os.path.join(ROOT, "examples", "anip", "order-desk-service-definition.json"),
             "--package-id", ID, "--package-version", VERSION, "--generated-at", generated_at, "--output-dir", out],
            check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(out, f"{ID}-{VERSION}.anip-package.json"), encoding="utf-8") as f:
            bundle = json.load(f)
    keys = {"signing_mode": "dev", "active_key_id": "anip-registry-dev-ed25519-v1", "items": bundle["registry_keys"]}
    return bundle["package"], bundle["receipt"], keys


def record(scenario, download, receipt, keys):
    folder = os.path.join(EXAMPLES, scenario)
    os.makedirs(folder, exist_ok=True)
    for name, doc in (("download", download), ("receipt", receipt), ("keys", keys)):
        with open(os.path.join(folder, f"{name}.json"), "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=2, ensure_ascii=False)
            f.write("\n")
    return {k: {"file": f"tests/examples/anip-registry/{scenario}/{k}.json"} for k in ("download", "receipt", "keys")}


def case(name, rule, op, responses, expect, options=None, lock=None, note=None):
    c = {"name": name, "rule": rule, "op": op, "input": responses["download"]}
    if lock is not None:
        c["lock"] = lock
    c["options"] = {"package_url": PACKAGE_URL, "receipt": responses["receipt"], "keys": responses["keys"], **(options or {})}
    if note:
        c["note"] = note
    c["expect"] = expect
    return c


record_doc, receipt_doc, keys_doc = published("2026-05-15T00:00:00Z")
ok = record("published", record_doc, receipt_doc, keys_doc)
tampered_doc = copy.deepcopy(record_doc)
tampered_doc["manifest"]["name"] = "Tampered Blueprint"
tampered = record("tampered-manifest", tampered_doc, receipt_doc, keys_doc)
yanked = record("yanked", dict(record_doc, lifecycle={"status": "yanked"}), receipt_doc, keys_doc)
takedown = record("takedown", dict(record_doc, lifecycle={"status": "takedown"}), receipt_doc, keys_doc)
deprecated = record("deprecated", dict(record_doc, lifecycle={"status": "deprecated", "replacement": {"package_id": ID, "package_version": "2.0.0"}}), receipt_doc, keys_doc)
unknown = record("unknown-lifecycle", dict(record_doc, lifecycle={"status": "frozen"}), receipt_doc, keys_doc)
republished = record("republished", *published("2026-06-01T00:00:00Z"))

# The consumer lock of the published package, through the sans-IO binding call (the
# same bytes `anip lock write --registry-url` writes for these bodies).
from trustloop import anip  # noqa: E402 (run with the repository's .venv python)

def body(responses, name):
    with open(os.path.join(ROOT, responses[name]["file"]), "rb") as f:
        return f.read()

with open(os.path.join(EXAMPLES, "published", "lock.json"), "wb") as f:
    f.write(anip.write_lock_registry_responses(PACKAGE_URL, body(ok, "download"), body(ok, "receipt"), body(ok, "keys")))

FAILED = "failed"
cases = [
    case("published-package-verifies", "ANIP-SIG-12", "verify_registry_responses", ok,
         {"exit_code": 0, "status": "ok", "result_subset": {"source_kind": "registry", "receipt_status": "verified", "registry_record_path": PACKAGE_URL}}),
    case("tampered-manifest-fails-its-digest", "ANIP-SIG-12", "verify_registry_responses", tampered,
         {"exit_code": 2, "status": FAILED, "failed_checks": ["registry_manifest_digest_matches"]}),
    case("yanked-is-refused", "ANIP-VER-5", "verify_registry_responses", yanked,
         {"exit_code": 1, "error_code": "ANIP_REGISTRY_YANKED",
          "error_message": f"registry package {REF} is yanked; use --allow-yanked-package only for pinned historical reproduction"}),
    case("yanked-allowed-on-request", "ANIP-VER-5", "verify_registry_responses", yanked,
         {"exit_code": 0, "status": "ok"}, options={"allow_yanked_package": True}),
    case("takedown-is-refused", "ANIP-VER-5", "verify_registry_responses", takedown,
         {"exit_code": 1, "error_code": "ANIP_REGISTRY_TAKEDOWN", "error_message": f"registry package {REF} is under takedown and cannot be used"}),
    case("deprecated-verifies-with-a-warning", "ANIP-VER-5", "verify_registry_responses", deprecated,
         {"exit_code": 0, "status": "ok", "result_subset": {"package_lifecycle_warning": f"registry package {REF} is deprecated; replacement={ID}@2.0.0"}}),
    case("unknown-lifecycle-is-refused", "ANIP-VER-5", "verify_registry_responses", unknown,
         {"exit_code": 1, "error_code": "ANIP_REGISTRY_LIFECYCLE_UNKNOWN", "error_message": f'registry package {REF} has unknown lifecycle status "frozen"'}),
    case("policy-signing-mode", "ANIP-SIG-12", "verify_registry_responses", ok,
         {"exit_code": 2, "status": FAILED, "failed_checks": ["registry_trust_policy_signing_mode_matches"]},
         options={"require_registry_mode": "production"}),
    case("policy-receipt-key", "ANIP-SIG-12", "verify_registry_responses", ok,
         {"exit_code": 2, "status": FAILED, "failed_checks": ["registry_trust_policy_receipt_key_matches"]},
         options={"trusted_registry_key_id": "anip-protocol-registry-root-2026-q2"}),
    case("lock-of-the-published-package-matches", "ANIP-LOCK-6", "verify_registry_responses", ok,
         {"exit_code": 0, "status": "ok"}, lock={"file": "tests/examples/anip-registry/published/lock.json"}),
    case("republished-package-fails-the-lock", "ANIP-LOCK-6", "verify_registry_responses", republished,
         {"exit_code": 2, "status": FAILED, "failed_checks": ["package_lock_matches"]}, lock={"file": "tests/examples/anip-registry/published/lock.json"},
         note="re-published with another generated_at: every trust check passes, the lock does not"),
    case("lock-writing-refuses-an-untrusted-package", "ANIP-LOCK-3", "write_lock_registry_responses", tampered,
         {"exit_code": 1, "error_code": "ANIP_REGISTRY_UNTRUSTED",
          "error_message": f"registry package {REF} failed trust verification: registry_manifest_digest_matches"}),
    case("lock-writing-refuses-a-yanked-package", "ANIP-VER-5", "write_lock_registry_responses", yanked,
         {"exit_code": 1, "error_code": "ANIP_REGISTRY_YANKED"}),
]

doc = {
    "area": "anip-registry",
    "description": "Registry sources from recorded responses (tests/examples/anip-registry/, written by generate.py): verify and lock writing decide from the three bodies a host fetched; the lifecycle refusals, trust policy and lock checks of ANIP-SIG-12, ANIP-VER-5 and ANIP-LOCK-6.",
    "cases": cases,
}
with open(os.path.join(HERE, "registry.json"), "w", encoding="utf-8") as f:
    json.dump(doc, f, indent=2, ensure_ascii=False)
    f.write("\n")
