"""Inputs of tests/hostile/cases.json that sit exactly at (or just past) a limit of
docs/limits.md, built around the fixture package with ../shared/hostile/scripts/mkpkg.py.

usage: python3 gen.py NAME OUT   (env HOSTILE: the reproducer folder)

At the limit the input must be accepted and every walk over the loaded value must
fit in the smallest host stack (WASM: 1 MB); one past it must be a finding.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.environ["HOSTILE"], "scripts"))
from mkpkg import build  # noqa: E402


def alias_tower(levels):
    """A mapping whose k-th anchor nests the previous one in levels[k] lists: the
    loaded value's height is 1 + sum(levels)."""
    lines = []
    for k, n in enumerate(levels):
        inner = f"*n{k - 1}" if k else "1"
        lines.append(f"n{k}: &n{k} " + "[" * n + inner + "]" * n)
    return ("\n".join(lines) + "\n").encode()


def json_nest(depth):
    return ("[" * depth + "]" * depth).encode()


INPUTS = {
    # YAML: the loaded value nests 200 collections (the default max_depth) through aliases.
    "yaml-depth-200-aliased": lambda: {"providers/deep.yaml": alias_tower([99, 100])},
    "yaml-depth-201-aliased": lambda: {"providers/deep.yaml": alias_tower([100, 100])},
    # Python-JSON: 500 nested arrays (the parser's limit), then 501.
    "json-depth-500": lambda: {"providers/deep.json": json_nest(500)},
    "json-depth-501": lambda: {"providers/deep.json": json_nest(501)},
}

if __name__ == "__main__":
    name, out = sys.argv[1], sys.argv[2]
    build(out, INPUTS[name]())
