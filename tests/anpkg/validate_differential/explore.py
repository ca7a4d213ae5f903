#!/usr/bin/env python3
"""Random mutations of the fixture packages, validated by `trustloop anpkg validate`
and by anolis-workbench 0.22.0 side by side: an investigation tool for what the
fixed cases of cases.py do not reach (not part of the test suites; what it finds
becomes a case there).

Each case takes one fixture package, applies one to three random edits to its
documents (a value replaced by one of another type or shape, a key dropped, renamed
or added, a list item repeated or dropped, the text itself edited: a character, tabs,
CRLF, a byte-order mark, bytes that are no UTF-8) or to its files (one removed, added
or renamed), recomputes the checksum file (most of the time, so later checks run),
and is validated as a directory or as a re-zipped archive. The oracle runs in this
process (`package_validator.validate_package`, what `anolis-validate` calls), so
this must run under the Python that has anolis-workbench installed. Comparison is
run.py's: exit code and message; an oracle traceback must be one of trustloop's U1
codes.

Usage: explore.py --trustloop BIN [--fixtures DIR] [--cases N] [--seed S]
                  [--keep DIR] (mismatching packages are copied there)
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import traceback
import zipfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import FIXTURE_PACKAGES, U1_CODES, Runner, recompute_checksums, zip_dir  # noqa: E402

from anolis_workbench.core import package_validator  # noqa: E402

# Documented divergences (archive hardening, ANPKG-VAL-M6): trustloop refuses what
# upstream sanitises or reads (a renamed file can collide with another in case).
HARDENING = {"ANPKG_ZIP_CASE_COLLISION", "ANPKG_ZIP_PATH_CONFLICT", "ANPKG_ZIP_UNSAFE_PATH", "ANPKG_ZIP_SYMLINK"}
SCALARS = [None, True, False, 0, 1, -1, 2.5, 1e309, "", "x", "yes", "~", "1.0", "0x10", "null", "a b", "é",
           "../outside", "/abs", "providers/sim0.yaml", "${VAR}", 65536, 10 ** 20, "tempctl", "manual", [], {}]


def nodes(value, path=()):
    """Every (path, value) of a loaded document, the root included."""
    out = [(path, value)]
    if isinstance(value, dict):
        for k, v in value.items():
            out += nodes(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += nodes(v, path + (i,))
    return out


def parent_of(doc, path):
    for k in path[:-1]:
        doc = doc[k]
    return doc


def mutate_tree(rng: random.Random, doc):
    """One structural edit of a loaded document; returns the new document."""
    path, value = rng.choice(nodes(doc))
    op = rng.choice(["set", "set", "drop", "rename", "add", "repeat", "wrap"])
    if not path:
        return rng.choice([[], {}, None, "text", [doc], doc])
    parent, key = parent_of(doc, path), path[-1]
    if op == "set":
        parent[key] = copy.deepcopy(rng.choice(SCALARS + [rng.randint(-5, 100000), rng.choice([v for _, v in nodes(doc)])]))
    elif op == "drop":
        del parent[key]
    elif op == "rename" and isinstance(parent, dict):
        parent[rng.choice(["id", "name", "type", "config", "extra", str(key).upper(), str(key) + "_x", 1])] = parent.pop(key)
    elif op == "add":
        target = value if isinstance(value, (dict, list)) else parent
        extra = rng.choice(SCALARS)
        if isinstance(target, dict):
            target[rng.choice(["extra", "id", "enabled", "args", "providers", "devices", "mode"])] = extra
        else:
            target.append(extra)
    elif op == "repeat" and isinstance(parent, list):
        parent.insert(key, copy.deepcopy(value))
    elif op == "wrap":
        parent[key] = rng.choice([[value], {"value": value}])
    return doc


def mutate_text(rng: random.Random, data: bytes) -> bytes:
    op = rng.choice(["char", "tab", "crlf", "bom", "badutf8", "truncate", "dup-line", "indent"])
    lines = data.split(b"\n")
    if op == "char" and data:
        i = rng.randrange(len(data))
        return data[:i] + rng.choice([b":", b"-", b"#", b"'", b'"', b"&a", b"*a", b"!!", b"{", b"[", b" ", b"\t", b"%"]) + data[i:]
    if op == "tab":
        return data.replace(b"  ", b"\t", 1)
    if op == "crlf":
        return data.replace(b"\n", b"\r\n")
    if op == "bom":
        return b"\xef\xbb\xbf" + data
    if op == "badutf8" and data:
        i = rng.randrange(len(data))
        return data[:i] + b"\xff" + data[i:]
    if op == "truncate" and data:
        return data[: rng.randrange(len(data))]
    if op == "dup-line" and lines:
        i = rng.randrange(len(lines))
        return b"\n".join(lines[: i + 1] + lines[i:])
    if op == "indent" and lines:
        i = rng.randrange(len(lines))
        lines[i] = b" " + lines[i] if rng.random() < 0.5 else lines[i].lstrip(b" ")
        return b"\n".join(lines)
    return data


def documents(root: Path):
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml", ".json", ".xml", ".sha256"))


def edit(rng: random.Random, root: Path) -> str:
    files = documents(root)
    choice = rng.random()
    if choice < 0.08 and files:
        victim = rng.choice(files)
        victim.unlink()
        return f"remove {victim.relative_to(root)}"
    if choice < 0.14:
        name = rng.choice(["providers/extra.yaml", "runtime/behaviors/x.xml", "notes.txt", "runtime/extra.yaml", "meta/x.json"])
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(rng.choice(["a: 1\n", "", "<root/>\n", "{}\n", "- x\n"]), encoding="utf-8")
        return f"add {name}"
    if choice < 0.18 and files:
        victim = rng.choice(files)
        new = victim.with_name(rng.choice(["renamed.yaml", victim.name.upper(), victim.stem + ".yml"]))
        victim.rename(new)
        return f"rename {victim.relative_to(root)} -> {new.relative_to(root)}"
    target = rng.choice([f for f in files if f.suffix != ".sha256"] or files)
    data = target.read_bytes()
    rel = target.relative_to(root)
    if choice < 0.35 or target.suffix not in (".yaml", ".yml", ".json"):
        target.write_bytes(mutate_text(rng, data))
        return f"text {rel}"
    try:
        doc = json.loads(data) if target.suffix == ".json" else yaml.safe_load(data)
    except Exception:
        target.write_bytes(mutate_text(rng, data))
        return f"text {rel}"
    doc = mutate_tree(rng, doc)
    sort = rng.random() < 0.3
    for sort_keys in (sort, False):  # keys of mixed types do not sort
        try:
            if target.suffix == ".json":
                text = json.dumps(doc, indent=rng.choice([None, 2]), sort_keys=sort_keys, default=str)
            else:
                text = yaml.safe_dump(doc, sort_keys=sort_keys, default_flow_style=rng.choice([False, None]))
            break
        except TypeError:
            continue
    target.write_text(text, encoding="utf-8")
    return f"tree {rel}"


def oracle(pkg: Path):
    """(exit code, message line, crashed) as `anolis-validate PKG` would give them."""
    resolved = pkg.expanduser().resolve()
    try:
        package_validator.validate_package(resolved, runtime_bin=None)
    except package_validator.PackageValidationError as exc:
        return 1, f"Validation failed: {exc}", False
    except Exception:  # the CLI's traceback (U1)
        return 1, traceback.format_exc().strip().splitlines()[-1], True
    return 0, f"Package validation passed: {resolved}", False


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--trustloop", required=True)
    ap.add_argument("--fixtures", default=os.environ.get("TRUSTLOOP_FIXTURES", str(HERE.parents[2].parent / "shared/fixtures")))
    ap.add_argument("--cases", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", default=None)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    scratch = Path(tempfile.mkdtemp(prefix="anpkg-explore-"))
    bases = {}
    for name in FIXTURE_PACKAGES:
        bases[name] = scratch / "bases" / name
        zipfile.ZipFile(Path(a.fixtures) / "anpkg/packages" / f"{name}.anpkg").extractall(bases[name])
    counts = {"identical": 0, "u1": 0, "divergence": 0, "mismatch": 0}
    try:
        for n in range(a.cases):
            work = scratch / f"c{n}"
            pkg = work / "pkg"
            base = rng.choice(FIXTURE_PACKAGES)
            shutil.copytree(bases[base], pkg)
            steps = [edit(rng, pkg) for _ in range(rng.choice([1, 1, 2, 3]))]
            if rng.random() < 0.85:
                recompute_checksums(pkg)
                steps.append("checksums")
            target = pkg
            if rng.random() < 0.5:
                target = work / "pkg.anpkg"
                zip_dir(pkg, target)
            o_rc, o_msg, o_crash = oracle(target)
            r = subprocess.run([a.trustloop, "anpkg", "validate", "--json", str(target)], capture_output=True, text=True, timeout=60)
            try:
                out = json.loads(r.stdout)
                t_msg, t_code = out["message"], out["code"]
            except (ValueError, KeyError):
                t_msg, t_code = f"<no JSON: {r.stderr.strip()[-300:]}>", None
            o_n, t_n = Runner.normalise(o_msg, str(target)), Runner.normalise(t_msg, str(target))
            o_n, t_n = o_n.replace(str(target.resolve()), "<ROOT>"), t_n.replace(str(target.resolve()), "<ROOT>")
            if t_code in HARDENING:
                ok, kind = r.returncode == 1, "divergence"
            elif o_crash:
                ok, kind = r.returncode == 1 and t_code in U1_CODES, "u1"
            else:
                ok, kind = r.returncode == o_rc and o_n == t_n, "identical"
            label = f"case {n} ({base}, {'zip' if target != pkg else 'dir'}): {'; '.join(steps)}"
            if ok:
                counts[kind] += 1
            else:
                counts["mismatch"] += 1
                print(f"FAIL [{kind}] {label}\n      oracle {o_rc}: {o_n}\n      trustloop {r.returncode} {t_code}: {t_n}", flush=True)
                if a.keep:
                    shutil.copytree(work, Path(a.keep) / f"seed{a.seed}-case{n}", dirs_exist_ok=True)
            shutil.rmtree(work)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"{a.cases} cases (seed {a.seed}): identical {counts['identical']}, oracle traceback (U1) {counts['u1']}, "
          f"documented divergences {counts['divergence']}, mismatches {counts['mismatch']}")
    return 1 if counts["mismatch"] else 0


if __name__ == "__main__":
    sys.exit(main())
