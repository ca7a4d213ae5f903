#!/usr/bin/env python3
"""A valid ANIP package bundle of about SIZE megabytes, grown from a real one, for the
verify scaling runs (no upstream bundle is larger than 1.4 MB, and build-local refuses
definitions over 2 MiB). The service definition's `studio_traceability.sections` (both
copies: top level and `package`) is repeated until the bundle reaches SIZE; then the
bundle is sealed again: every stored digest or signature the verifier reports as
mismatched is replaced by the value it computed, until the verdict is `ok`. Only
SHA-256 digests are recomputed that way; the source bundle carries no key signature.

Usage: anip-scaled-bundle.py --trustloop BIN SOURCE SIZE_MB OUT
"""
import argparse, json, re, subprocess
from pathlib import Path

MISMATCH = re.compile(r"mismatch: stored=(\S+) computed=(\S+)")  # a strict-resolution refusal (stderr)
CHECK = re.compile(r"bundle=(\S+) computed=(\S+)")  # a failed check's detail


def grow(bundle, target):
    sections = list(bundle["service_definition"]["studio_traceability"]["sections"])
    n = 1
    while True:
        for definition in (bundle["service_definition"], bundle["package"]["service_definition"]):
            definition["studio_traceability"]["sections"] = sections * n
        text = json.dumps(bundle, indent=2)
        if len(text) >= target:
            return text
        n = max(n + 1, n * target // len(text))


def seal(trustloop, path):
    for _ in range(20):
        p = subprocess.run([trustloop, "anip", "verify", "--package-bundle", str(path), "--json"], capture_output=True, text=True)
        if p.returncode == 0:
            return
        if m := MISMATCH.search(p.stderr):
            pairs = [m.groups()]
        else:
            report = json.loads(p.stdout)
            pairs = [m.groups() for c in report["checks"] if c["status"] == "fail" and (m := CHECK.search(c.get("detail", "")))]
            stored = report.get("registry_definition_digest", report["definition_digest"])
            if stored != report["definition_digest"]:
                pairs.append((stored, report["definition_digest"]))
        if not pairs:
            raise SystemExit(f"cannot seal {path}: {p.stderr or p.stdout[-500:]}")
        text = path.read_text()
        for stored, computed in pairs:
            text = text.replace(stored.split(":")[-1], computed.split(":")[-1])
        path.write_text(text)
    raise SystemExit(f"cannot seal {path}: no fixed point")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--trustloop", required=True)
    ap.add_argument("source", type=Path)
    ap.add_argument("size_mb", type=float)
    ap.add_argument("out", type=Path)
    a = ap.parse_args()
    a.out.write_text(grow(json.loads(a.source.read_text()), int(a.size_mb * 1e6)))
    seal(a.trustloop, a.out)


if __name__ == "__main__":
    main()
