#!/usr/bin/env python3
"""Builds the seed corpora of the fuzz targets (core/fuzz) into a build folder.

usage: fuzz-seeds.py OUT_DIR [--max-bytes N]

Writes OUT_DIR/<target>/<sha1-prefix> files from:
  * the conformance vectors (tests/vectors/**): every case input (inline text, base64,
    a file under tests/, or a fixture), routed to the target of its operation;
  * the upstream fixtures ($TRUSTLOOP_FIXTURES, default ../shared/fixtures): bundles,
    lock files, service definitions, .anpkg packages and their YAML/JSON members;
  * the hostile reproducers (../shared/hostile, override TRUSTLOOP_HOSTILE): .anpkg
    archives, their YAML members, JSON bundles;
  * the repository's examples (examples/): definition, YAML, PNG tiles.
Files larger than --max-bytes (default 128 KiB) are skipped: the multi-megabyte
hostile inputs are regression tests of their own and would only slow the fuzzers.
Nothing here is committed; the corpus is rebuilt on every fuzz run.
"""
import base64
import glob
import hashlib
import io
import json
import os
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.environ.get("TRUSTLOOP_FIXTURES") or os.path.join(ROOT, "..", "shared", "fixtures")
HOSTILE = os.environ.get("TRUSTLOOP_HOSTILE") or os.path.join(ROOT, "..", "shared", "hostile")

# Vector operation -> fuzz targets its input seeds.
OP_TARGETS = {
    "canonicalize": ["canonical_json"],
    "digest": ["canonical_json"],
    "verify_bundle": ["verify_bundle", "canonical_json"],
    "write_lock": ["verify_bundle", "lock_check"],
    "lint": ["verify_bundle"],
    "attach_implementation": ["verify_bundle"],
    "bundle_report": ["verify_bundle"],
    "verify_definition": ["definition"],
    "build_local": ["definition"],
    "ref_check": ["ref_check"],
    "assets_pa_read": ["assets_pa"],
    "assets_pa_verify": ["assets_pa"],
    "assets_pa_extract": ["assets_pa"],
    "assets_pa_companions": ["assets_pa"],
}


class Corpus:
    def __init__(self, out, max_bytes):
        self.out, self.max_bytes, self.counts, self.skipped = out, max_bytes, {}, 0

    def add(self, target, data):
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogatepass")
        if len(data) > self.max_bytes:
            self.skipped += 1
            return
        d = os.path.join(self.out, target)
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, hashlib.sha1(data).hexdigest()[:16])
        if not os.path.exists(path):
            with open(path, "wb") as f:
                f.write(data)
            self.counts[target] = self.counts.get(target, 0) + 1


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def case_input(inp):
    if not isinstance(inp, dict):
        return None
    if "text" in inp and isinstance(inp["text"], str):
        return inp["text"].encode("utf-8", "surrogatepass")
    if "base64" in inp:
        return base64.b64decode(inp["base64"])
    if "file" in inp:
        return read(os.path.join(ROOT, "tests", inp["file"]))
    if "fixture" in inp:
        return read(os.path.join(FIXTURES, inp["fixture"]))
    return None


def add_anpkg(c, data):
    """An archive seeds the zip target; its text members seed the YAML target."""
    c.add("anpkg_zip", data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for info in z.infolist()[:64]:
                if info.file_size > c.max_bytes:
                    continue
                if info.filename.endswith((".yaml", ".yml")):
                    c.add("yaml_roundtrip", z.read(info))
                elif info.filename.endswith(".json"):
                    c.add("canonical_json", z.read(info))
    except Exception:  # hostile archives are allowed to be unreadable here
        pass


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    max_bytes = 128 * 1024
    if "--max-bytes" in sys.argv:
        max_bytes = int(sys.argv[sys.argv.index("--max-bytes") + 1])
    c = Corpus(out, max_bytes)

    for f in sorted(glob.glob(os.path.join(ROOT, "tests", "vectors", "**", "*.json"), recursive=True)):
        try:
            doc = json.load(open(f, encoding="utf-8"))
        except ValueError:
            continue
        for case in doc.get("cases", []) if isinstance(doc, dict) else []:
            data = case_input(case.get("input"))
            for t in OP_TARGETS.get(case.get("op"), []):
                if data is not None:
                    c.add(t, data)
            lock = case_input(case.get("lock"))
            if lock is not None:
                c.add("lock_check", lock)
    for f in glob.glob(os.path.join(ROOT, "tests", "vectors", "assets-pa", "files", "*")):
        data = read(f)
        if data is None:
            continue
        c.add("glyph_png" if f.endswith(".png") else "assets_pa", data)

    if os.path.isdir(FIXTURES):
        for f in sorted(glob.glob(os.path.join(FIXTURES, "anip", "**", "*.json"), recursive=True)):
            data = read(f)
            name = os.path.basename(f)
            c.add("canonical_json", data)
            if "lock" in name:
                c.add("lock_check", data)
            elif "definition" in name:
                c.add("definition", data)
            else:
                c.add("verify_bundle", data)
        for f in sorted(glob.glob(os.path.join(FIXTURES, "anpkg", "**", "*"), recursive=True)):
            data = read(f) if os.path.isfile(f) else None
            if data is None:
                continue
            if f.endswith((".anpkg", ".zip")):
                add_anpkg(c, data)
            elif f.endswith((".yaml", ".yml")):
                c.add("yaml_roundtrip", data)
        for f in sorted(glob.glob(os.path.join(FIXTURES, "assets-pa", "*.json"))):
            c.add("canonical_json", read(f))
    else:
        print(f"NOTE: fixtures folder missing ({FIXTURES}); seeds from the vectors and examples only", file=sys.stderr)

    if os.path.isdir(HOSTILE):
        for f in sorted(glob.glob(os.path.join(HOSTILE, "**", "*"), recursive=True)):
            data = read(f) if os.path.isfile(f) else None
            if data is None:
                continue
            if f.endswith(".anpkg"):
                add_anpkg(c, data)
            elif f.endswith((".yaml", ".yml")):
                c.add("yaml_roundtrip", data)
            elif f.endswith(".json"):
                c.add("verify_bundle", data)
                c.add("canonical_json", data)
    else:
        print(f"NOTE: hostile folder missing ({HOSTILE})", file=sys.stderr)

    c.add("definition", read(os.path.join(ROOT, "examples", "anip", "order-desk-service-definition.json")))
    for f in glob.glob(os.path.join(ROOT, "examples", "anpkg", "**", "*.yaml"), recursive=True):
        c.add("yaml_roundtrip", read(f))
    for f in glob.glob(os.path.join(ROOT, "examples", "assets-pa", "**", "*.png"), recursive=True):
        c.add("glyph_png", read(f))

    for t, n in sorted(c.counts.items()):
        print(f"seeds {t}: {n}")
    print(f"seeds skipped (larger than {max_bytes} bytes): {c.skipped}")


if __name__ == "__main__":
    main()
