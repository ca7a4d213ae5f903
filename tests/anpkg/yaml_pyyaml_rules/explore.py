#!/usr/bin/env python3
"""Looks for YAML texts the loader reads otherwise than PyYAML: random edits of config
texts (a token of YAML's syntax inserted, a few characters deleted, a line doubled, two
spans swapped), each loaded by PyYAML (`yaml.safe_load`, the validator's; with
`--libyaml`, `CSafeLoader`, the exporter's) and by trustloop's loader in the core's
ignored test `pyyaml_cases::explore`, which lists the first twenty that differ.

Not part of the test command: a finding becomes a case of generate.py (its answers are
then checked on every run). Bases: this folder's generated documents and the fixtures'
YAML files. Run from the repository root with the oracle's virtualenv:

    .venv/bin/python tests/anpkg/yaml_pyyaml_rules/explore.py --seed 1 --count 5000 [--libyaml]
"""
import argparse
import glob
import json
import os
import pathlib
import random
import signal
import subprocess
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402

TOKENS = ["?", "? ", ":", ": ", "-", "- ", "#", " #", ",", "[", "]", "{", "}", "'", '"', "&a", "*a", "&a ", "*a ",
          "!!str ", "!", "|", ">", "|-", ">+", "\t", " ", "  ", "\n", "\n ", "\n  ", "\n- ", "\n? ", "\n: ", "---",
          "...", "%YAML 1.1\n", "\\", "'x'", '"x"', "a", "1", "~", "null", "@", "`", "%", "\r", "\r\n", "\u2028",
          "\u0085", "\ufeff", "0x1F", "1e3", ".inf", "2001-12-14", "=", "<<", "<<: *a", "?a", ":a", "-a", "#c\n"]


def bases(fixtures):
    texts = [t for name in dir(generate) if name.isupper() for t in getattr(generate, name)
             if isinstance(getattr(generate, name), list) and isinstance(t, str) and len(t) > 1]
    for path in sorted(glob.glob(os.path.join(fixtures, "**", "*.yaml"), recursive=True)):
        text = pathlib.Path(path).read_text(encoding="utf-8", errors="replace")
        if len(text) <= 3000:
            texts.append(text)
    return texts


def edit(rng, text):
    for _ in range(rng.randint(1, 3)):
        op, at = rng.random(), rng.randrange(len(text) + 1)
        if op < 0.55:
            text = text[:at] + rng.choice(TOKENS) + text[at:]
        elif op < 0.75:
            text = text[:at] + text[at + rng.randint(1, 4):]
        elif op < 0.9:
            lines = text.split("\n")
            k = rng.randrange(len(lines))
            lines.insert(k, lines[k])
            text = "\n".join(lines)
        else:
            a, b = sorted((at, rng.randrange(len(text) + 1)))
            text = text[:a] + text[b:] + text[a:b]
    return text


def answer(text, loader):
    """repr of the value, None for a YAML error; raises for anything else (left out)."""
    def slow(*_):
        raise TimeoutError
    signal.signal(signal.SIGALRM, slow)
    signal.alarm(2)
    try:
        return repr(yaml.load(text, Loader=loader))
    except yaml.YAMLError:
        return None
    finally:
        signal.alarm(0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--libyaml", action="store_true", help="CSafeLoader's answers, against the exporter's loader")
    ap.add_argument("--fixtures", default=os.environ.get("TRUSTLOOP_FIXTURES", str(ROOT.parent / "shared" / "fixtures")))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    loader = yaml.CSafeLoader if args.libyaml else yaml.SafeLoader
    pool, seen, cases = bases(args.fixtures), set(), []
    while len(cases) < args.count:
        text = edit(rng, rng.choice(pool))
        if text in seen:
            continue
        seen.add(text)
        try:
            cases.append({"yaml": text, "expected": answer(text, loader)})
        except Exception:  # noqa: BLE001 (a timeout or a Python error, not a YAML answer)
            continue
    out = ROOT / "build" / "yaml-explore" / f"{args.seed}{'.libyaml' if args.libyaml else ''}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"cases": cases}))
    print(f"{len(cases)} texts ({sum(c['expected'] is None for c in cases)} errors for {loader.__name__}) -> {out}")
    test = ["cargo", "test", "-p", "trustloop-core", "--release", "--lib", "pyyaml_cases::explore", "--", "--ignored"]
    sys.exit(subprocess.run(test, cwd=ROOT, env={**os.environ, "YAML_EXPLORE": str(out)}).returncode)


if __name__ == "__main__":
    main()
