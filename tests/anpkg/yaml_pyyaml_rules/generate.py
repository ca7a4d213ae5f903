#!/usr/bin/env python3
"""Generates cases.json: YAML documents with tabs, comments, `:`/`?` and anchors where
PyYAML's scanner, parser and composer are narrower or wider than YAML 1.2's
(core/src/emulate/python/yaml/pyyaml_rules.rs), each with what PyYAML's
`yaml.safe_load` gives.

Config-shaped documents get one or two insertions at random places (a tab, a tab
before or after a blank, a comment with or without a blank before it, a bare `:` or
`?`, an empty key; in flow collections a `?` inside a plain scalar), and fixed templates put tabs and comments inside and right after
quoted scalars, block scalars and flow collections. Left out, as known gaps (see
docs/conformance/anpkg-validate.md): the documents that get insertions have no
quoted scalars and no anchors, and quotes are never inserted, so no quoted
continuation line ends up less indented than its parent and no anchor name takes a
`:`. The Rust test in pyyaml_rules.rs checks every case (`expected` is
`repr(value)`, or null where PyYAML raises an error).

Run from the repository root with the oracle's virtualenv:
    .venv/bin/python tests/anpkg/yaml_pyyaml_rules/generate.py
The output is deterministic (fixed seed); commit the regenerated cases.json.
"""
import pathlib
import random
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
import pyyaml_cases  # noqa: E402

BASES = [
    "runtime:\n  name: anolis-main\n  shutdown_timeout_ms: 2000\nhttp:\n  enabled: true\n  bind: 127.0.0.1\n"
    "  cors_allowed_origins:\n  - http://localhost:3000\n  - http://127.0.0.1:3000\n",
    "providers:\n- id: sim0\n  args:\n  - --config\n  - providers/sim0.yaml\n  timeout_ms: 5000\n"
    "  restart_policy:\n    enabled: false\n",
    "devices:\n- id: tempctl0\n  type: tempctl\n  initial_temp: 25.0\nsimulation:\n  mode: non_interacting\n",
    "a: [1, 2, {b: c}]\nd: {e: f, g: [h]}\n",
    "# header\nkey: value # trailing\nlist:\n- one\n- two # c\n",
    "a: |\n  line one\n  line two\nb: >-\n  folded\n\n  text\nc: single\n",
    "? explicit\n: value\nplain: text with words\n",
]
INSERTIONS = ["\t", "\t", " \t", "\t ", "\t#x", "\n\t", "\t\n", "#c", " #c", ": ", ":", "? ", "\n: v\n", "\n? ",
              "{: x}", "[: x]", "\n?\n: v\n"]
TEMPLATES = [
    # a tab among the leading blanks of a quoted continuation line
    "a: \"x\n{t}y\"\n", "a: 'x\n{t}y'\n", "a: \"x\n\n{t}y\"\n", "- \"x\n{t}y\"\n- 'p\n{t}q'\n",
    "a:\n  b: \"x\n  {t}y\"\n", "a: \"x\\\n{t}y\"\n", "k: ['x\n {t}y', z]\n",
    # a comment right after a closing quote or bracket
    "a: 'x'{h}\n", "a: \"x\"{h}\nb: 1\n", "k: [a, b]{h}\n", "k: {{a: b}}{h}\n", "- 'x'{h}\n- y\n",
    "a: 'x'{h}\n  b: 1\n", "a: |{h}\n  x\n", "a: x{h}\n",
    # tabs inside what PyYAML reads as text, and around it
    "a: \"x{t}y\"{t}\n", "a: |\n  x{t}y\n{t}\n", "a: >\n  x\n  {t}y\n", "# c{t}d\na: 1{t}# e\n",
    "a: 'x''{t}'\n", "{t}a: 1\n", "a:{t}b\n", "- {t}b\n", "?{t}a\n: b\n", "---{t}a: 1\n",
]
# anchors given twice (PyYAML's composer refuses a second `&x` in a document)
ANCHORS = [
    "a: &x 1\nb: &x 2\n", "a: &x 1\nb: *x\nc: &x 2\nd: *x\n", "- &x a\n- [&x b]\n", "a: &x\n  b: 1\nc: &x [1]\n",
    "a: !!map &x\n  b: 1\nc: !!str &x d\n", "a: &x 1\nb: &y 2\nc: [*x, *y]\n", "&x [a, &y b, &z {c: &w d}]\n",
    "a: &x1 1\nb: &x 2\n", "- &x a\n- &x\n", "- !!str &x a\n- &x b\n",
]
# flow-mapping keys over lines or 1024 characters, indicators starting flow plain
# scalars, anchor and alias names outside PyYAML's characters
OTHERS = [
    "{enabl\n ed: false}\n", "k: {enabl\n  ed: false, m: 1}\n", "k: {'a\n  b': 1}\n", "k: {? a\n  b: 1}\n",
    "k: [? a\n  b : c]\n", "k: {" + "a" * 1030 + ": b}\n", "k: {? " + "a" * 1030 + ": b}\n", "k: {" + "a" * 1000 + ": b}\n",
    "k: {a: 1,\n  b: 2}\n", "k: [|a]\n", "k: [>a]\n", "k: {a: |b}\n", "k: [a, >b]\n", "d: &~\n", "d: &x~ 1\n",
    "d: &x. 1\n", "d: &\u00e9 1\n", "- &a.b x\n- *a.b\n", "d: *~\n", "a: 1\nd: &x-y_z 1\ne: *x-y_z\n",
]
TABS = ["\t", " \t", "\t ", "\t\t", "  \t  "]
COMMENTS = ["#", "#c", "#\tc", " #c", "\t#c"]




def inserted(rng):
    doc = rng.choice(BASES)
    for _ in range(rng.choice([1, 1, 2])):
        at = rng.randrange(len(doc) + 1)
        doc = doc[:at] + rng.choice(INSERTIONS) + doc[at:]
    return doc


def main():
    rng = random.Random(20261207)
    docs = [t.format(t=tab, h=hash_) for t in TEMPLATES for tab in TABS for hash_ in COMMENTS]
    docs += ANCHORS + OTHERS + [inserted(rng) for _ in range(1500)]
    pyyaml_cases.write(docs, pathlib.Path(__file__).with_name("cases.json"))


if __name__ == "__main__":
    main()
