#!/usr/bin/env python3
"""Generates cases.json: YAML documents containing NEL (U+0085), LINE SEPARATOR
(U+2028) and PARAGRAPH SEPARATOR (U+2029) in every scalar style, in keys and values,
in comments and between tokens, each with what PyYAML's `yaml.safe_load` gives.

PyYAML (6.0.3, pure-Python scanner) treats the three characters as line breaks; a NEL
is read as `\\n`, LS/PS are kept as themselves where a line break is preserved. The
loader in core/src/emulate/python/yaml/ must give the same values; the Rust test in
core/src/emulate/python/yaml/linebreaks.rs checks every case (`expected` is `repr(value)`, or
null where PyYAML raises an error).

Run from the repository root with the oracle's virtualenv:
    .venv/bin/python tests/anpkg/yaml_linebreaks/generate.py
The output is deterministic (fixed seed); commit the regenerated cases.json.
"""
import pathlib
import random
import sys

import yaml

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
import pyyaml_cases  # noqa: E402

NEL, LS, PS = "\x85", "\u2028", "\u2029"
SPECIAL = [NEL, LS, PS]
# Second break of a pair: the specials plus the ordinary ones.
PAIRED = SPECIAL + ["\n", "\r\n", "\r"]

# {b} and {c} are line breaks; most templates are used with every combination.
TEMPLATES = [
    # plain scalars
    "a: x{b}y\n",
    "a: x{b}  y\n",
    "a: x {b} y z\n",
    "a: x{b}{c}  y\n",
    "a: x{b} {c}  y{b}  z\n",
    "a: x{b}\n\n  y\n",
    "- x{b}  y\n- z\n",
    "x{b}y{c}z",
    "? x{b}  y\n: v\n",
    "a:\n  b: x{b}   y\n  c: 1\n",
    # flow collections
    "[x{b}y, z {b} {c} w]\n",
    "{{a: x{b} y, b: [1{c}, 2]}}\n",
    "{{a: x{b}  y,{c} b: 1{b}}}\n",
    "[\n  x,{b}  y{c}]\n",
    # single-quoted
    "a: 'x{b}  y'\n",
    "'x{b}y{c}z'\n",
    "a: 'x {b} {c}  y'\n",
    "a: 'x''{b}  ''y'\n",
    "a: '{b}  x{c}  '\n",
    "'k{b}  e': v\n",
    "? 'k{b}  e'\n: v\n",
    "- 'x{b}{c}y'\n",
    # double-quoted
    'a: "x{b}  y"\n',
    '"x{b}y{c}z"',
    'a: "x\\{b}  y"\n',
    'a: "x\\L{b} y\\P"\n',
    'a: "x \\t{b} y{c} \\N"\n',
    'a: "{b}  x {c} "\n',
    '"k{b}e": v\n',
    '? "k\\{b}  e"\n: "v{c}  w"\n',
    # literal
    "a: |\n  x{b}  y\n",
    "a: |\n  x{b}  y{c}",
    "a: |-\n  x{b}  y{c}{b}",
    "a: |+\n  x{b}  y{c}{b}",
    "a: |2\n   x{b}  y\n",
    "a: |\n{b}  x{c}\n  y\n",
    "a: |+\n{b}{c}",
    "a: |+\n{b}{c}b: 1\n",
    "a: |\n  x\n{b}  y\n{c}  \n",
    "- |\n  x{b}    y{c}  z\n- w\n",
    "a: | # c{b}  x{c}  y\n",
    "a: |\n  x{b}  y\n# c{c}b: 2\n",
    # folded
    "a: >\n  x{b}  y\n  z\n",
    "a: >\n  x{b}\n  y\n",
    "a: >\n  x\n  y{b}  z{c}  w\n",
    "a: >-\n  x{b}  y{c}{b}",
    "a: >+\n  x{b}  y{c}{b}",
    "a: >2\n   x{b}  y\n  z\n",
    "a: >\n  x{b}    y\n  z{c}\n",
    "a: >\n{b}  x{c}  y\n",
    "a: >\n  x {b}  y \n  z\n",
    "a: >\n  x\n{b}  y\n",
    "a: >\n  x\n  {b}  y\n",
    # comments and structure
    "a: 1 # c{b}b: 2\n",
    "# c{b}a: 1{c}",
    "a: # c{b}  b{c}",
    "a: 1{b}b: 2{c}",
    "- x{b}- y{c}",
    "a:{b}  - 1{b}  - 2{c}",
    "a:{b}  b:{c}    c: 1{b}  d: 2{c}",
    "---{b}a: 1{c}",
    "--- |{b}  x{c}  y{b}",
    "a: 1{b}...{c}",
    "a: &x v{b}b: *x{c}",
    "a: !!str 1{b}b: 2{c}",
    "a: x\r{b}  y\r\n",
    "a: |\r\n  x{b}  y\r\n",
    # the stream ends inside the last line (PyYAML adds no break there)
    "a: |\n  x{b}  y",
    "a: >+\n  x{b}\n  y\n\n  ",
    "- |\n  x{b}  y{c}  ",
    "a: |2-\n   x{b}  y",
    "a: 'x\r{b}  y'\n",
]




def template_cases():
    out = []
    for t in TEMPLATES:
        uses_c = "{c}" in t
        for b in SPECIAL:
            for c in (PAIRED if uses_c else ["\n"]):
                out.append(t.format(b=b, c=c))
    return out


def dump_cases(rng):
    """What `safe_dump(allow_unicode=True)` writes for strings with these characters."""
    alphabet = ["a", "b", "word", " ", "  ", "\n", NEL, LS, PS, "x y", "#", ":"]
    out = []
    for _ in range(60):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        style = rng.choice([None, '"', "'", "|", ">"])
        width = rng.choice([10, 20, 80])
        doc = {"k": s, "list": [s, "plain"], s.strip() or "key": 1}
        out.append(yaml.safe_dump(doc, allow_unicode=True, default_style=style, width=width))
    return out


def main():
    rng = random.Random(20260416)
    docs = template_cases() + dump_cases(rng)
    pyyaml_cases.write(docs, pathlib.Path(__file__).with_name("cases.json"))


if __name__ == "__main__":
    main()
