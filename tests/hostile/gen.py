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
    # The largest values the YAML limits accept, from a few KB of text: 999 004 nodes
    # (max_nodes 1 000 000) and 63 MiB of scalars (max_expanded_bytes 64 MiB).
    "yaml-999k-nodes-aliased": lambda: {"providers/wide.yaml": (
        "a: &a [" + ", ".join(["0"] * 999) + "]\nb: [" + ", ".join(["*a"] * 998) + "]\n").encode()},
    "yaml-63MiB-scalars-aliased": lambda: {"providers/wide.yaml": (
        'a: &a "' + "x" * (1 << 20) + '"\nb: [' + ", ".join(["*a"] * 62) + "]\n").encode()},
    # The most distinct keys the node limit allows in one mapping (1 + 2 × 499 999 nodes):
    # the heaviest accepted document per byte of text (composed graph, value and index).
    "yaml-499999-keys": lambda: {"providers/keys.yaml": "".join(f"k{i}: 0\n" for i in range(499_999)).encode()},
    # Python-JSON: 500 nested arrays (the parser's limit), then 501.
    "json-depth-500": lambda: {"providers/deep.json": json_nest(500)},
    "json-depth-501": lambda: {"providers/deep.json": json_nest(501)},
}

if __name__ == "__main__":
    name, out = sys.argv[1], sys.argv[2]
    build(out, INPUTS[name]())
